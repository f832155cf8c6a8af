"use client";
// A webhook signing secret, shown once: after registering an endpoint, and after rotating its
// secret. Valara keeps it encrypted to sign deliveries but never shows it again.
import { OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";
import { When } from "./endpoint-status";

export interface ShownSecret {
  secret: string;
  url: string;
  /** Set after a rotation: until then the previous secret signs deliveries too. */
  rotationEndsAt: string | null;
}

export function SecretDialog({ shown, onClose }: { shown: ShownSecret | null; onClose: () => void }) {
  const rotated = shown?.rotationEndsAt != null;
  return (
    <OneTimeSecretDialog
      secret={shown?.secret ?? null}
      onClose={onClose}
      title={rotated ? "Save the new signing secret" : "Save your signing secret"}
      description={
        shown ? (
          rotated ? (
            <>
              Deliveries to <code className="break-all font-mono text-slate-700">{shown.url}</code> are now signed with this secret. The
              previous secret keeps signing them too for 24 hours, until <When iso={shown.rotationEndsAt!} />, so update your receiver before
              then.
            </>
          ) : (
            <>
              <code className="break-all font-mono text-slate-700">{shown.url}</code> is registered. Valara signs every delivery to it with
              this secret; check the <code className="whitespace-nowrap font-mono text-slate-700">X-Valara-Signature</code> header with it
              before trusting a request.
            </>
          )
        ) : null
      }
      label="Signing secret"
      warningTitle="This secret will not be shown again"
      warning={
        <>
          Copy it now into your receiver&apos;s configuration or secrets manager. If you lose it, rotate the endpoint&apos;s secret to get a
          new one.
        </>
      }
    />
  );
}
