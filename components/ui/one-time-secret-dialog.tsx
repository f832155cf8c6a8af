"use client";
// A secret shown once (an API key, a webhook signing secret): the warning, the value with a Copy
// button, and a dialog only its own button closes. Closing it drops the value from the page's
// state; Valara cannot show it again.
import type { ReactNode } from "react";
import { Dialog } from "./dialog";
import { Alert } from "./alert";
import { Button } from "./button";
import { CopyField } from "./copy-field";

export function OneTimeSecretDialog({
  secret,
  title,
  description,
  label,
  warningTitle,
  warning,
  children,
  onClose,
}: {
  /** The value to show; null keeps the dialog closed. */
  secret: string | null;
  title: string;
  description?: ReactNode;
  /** The copy field's label ("API key", "Signing secret"). */
  label: string;
  /** "This key will not be shown again". */
  warningTitle: string;
  /** Why it cannot be shown again and what to do if it is lost. */
  warning: ReactNode;
  /** Anything to add under the value. */
  children?: ReactNode;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={secret !== null}
      onClose={onClose}
      // A stray Escape or click outside must not throw away a value that cannot be shown again.
      dismissible={false}
      title={title}
      description={description}
      footer={<Button onClick={onClose}>Done, I saved it</Button>}
      className="max-w-xl"
    >
      {secret !== null && (
        <div className="space-y-4">
          <Alert tone="warning" title={warningTitle}>
            {warning}
          </Alert>
          <CopyField label={label} value={secret} />
          {children}
        </div>
      )}
    </Dialog>
  );
}
