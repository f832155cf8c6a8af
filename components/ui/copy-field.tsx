"use client";
// A read-only value with a Copy button and a visible "Copied" confirmation.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "./button";
import { Label } from "./input";

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No Clipboard API (an insecure origin) or permission refused: the old way.
    if (!fallbackInput) return false;
    fallbackInput.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

export function CopyField({ label, value }: { label: string; value: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <div>
      <Label htmlFor={id}>{label}</Label>
      <div className="mt-1.5 flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full min-w-0 rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:outline-none focus:ring-2 focus:ring-brand-600"
        />
        <Button variant="secondary" onClick={async () => setState((await copyText(value, input.current)) ? "copied" : "failed")}>
          Copy
        </Button>
      </div>
      <p role="status" className="mt-1.5 h-5 text-sm">
        {state === "copied" && <span className="inline-flex items-center gap-1 font-medium text-emerald-700">
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-4">
              <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
            </svg>
            Copied to clipboard
          </span>}
        {state === "failed" && <span className="text-red-600">Could not copy; select the value and copy it yourself.</span>}
      </p>
    </div>
  );
}
