"use client";
// The plaintext key, shown once. Closing the dialog drops it from the page's state; Valara
// stores only its hash, so it cannot be shown again.
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";

export function NewKeyDialog({ created, onClose }: { created: { key: string; name: string; agencyName: string } | null; onClose: () => void }) {
  return (
    <Dialog
      open={created !== null}
      onClose={onClose}
      // A stray Escape or click outside must not throw away a key that cannot be shown again.
      dismissible={false}
      title="Save your new API key"
      description={created ? <>“{created.name}” for {created.agencyName} is ready. Send it in the <code className="whitespace-nowrap font-mono text-slate-700">X-API-Key</code> header.</> : null}
      footer={<Button onClick={onClose}>Done, I saved it</Button>}
      className="max-w-xl"
    >
      {created && (
        <div className="space-y-4">
          <Alert tone="warning" title="This key will not be shown again">
            Copy it now and keep it somewhere safe, such as a password manager or your server&apos;s secrets. Valara stores only a
            fingerprint of it; if you lose it, revoke it and generate a new one.
          </Alert>
          <CopyField label="API key" value={created.key} />
        </div>
      )}
    </Dialog>
  );
}
