"use client";
// The plaintext key, shown once: Valara stores only its hash.
import { OneTimeSecretDialog } from "@/components/ui/one-time-secret-dialog";

export function NewKeyDialog({ created, onClose }: { created: { key: string; name: string; agencyName: string } | null; onClose: () => void }) {
  return (
    <OneTimeSecretDialog
      secret={created?.key ?? null}
      onClose={onClose}
      title="Save your new API key"
      description={created ? <>“{created.name}” for {created.agencyName} is ready. Send it in the <code className="whitespace-nowrap font-mono text-slate-700">X-API-Key</code> header.</> : null}
      label="API key"
      warningTitle="This key will not be shown again"
      warning={
        <>
          Copy it now and keep it somewhere safe, such as a password manager or your server&apos;s secrets. Valara stores only a
          fingerprint of it; if you lose it, revoke it and generate a new one.
        </>
      }
    />
  );
}
