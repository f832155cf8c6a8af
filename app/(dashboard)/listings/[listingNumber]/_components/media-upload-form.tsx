"use client";
// Uploads files to the listing through the public upload endpoint (POST /api/v1/media/upload,
// multipart) with the session cookie: the same path integrators use, so the dashboard gets the
// same checks. XMLHttpRequest rather than fetch, for upload progress. One idempotency key per
// selection of files, kept until it uploads: pressing Upload again after a lost answer replays
// the stored result instead of storing the files twice.
import { cn } from "@/components/ui/cn";
import { useId, useRef, useState } from "react";
import { MEDIA_KIND_VALUES } from "@/server/api/routers/media/schemas";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Field, Select } from "@/components/ui/input";
import { formatBytes } from "./media-gallery";

const KIND_LABELS: Record<(typeof MEDIA_KIND_VALUES)[number], string> = {
  photo: "Photos",
  video: "Videos",
  document: "Documents",
  floor_plan: "Floor plans",
};

type State =
  | { phase: "idle" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "done"; count: number }
  | { phase: "failed"; message: string; requestId?: string };

/** A UUID v4 from the CSPRNG (crypto.randomUUID needs a secure context; getRandomValues does not). */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function send(body: FormData, key: string, onProgress: (loaded: number, total: number) => void): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/media/upload");
    xhr.setRequestHeader("X-Idempotency-Key", key);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onload = () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        parsed = undefined;
      }
      resolve({ status: xhr.status, body: parsed });
    };
    xhr.onerror = () => reject(new Error("network"));
    xhr.send(body);
  });
}

export function MediaUploadForm({ listingNumber, onUploaded }: { listingNumber: string; onUploaded: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [kind, setKind] = useState("");
  const [state, setState] = useState<State>({ phase: "idle" });
  // The key of the current selection and kind; a new one once they change or have uploaded.
  const submissionKey = useRef<string | null>(null);
  const uploading = state.phase === "uploading";
  const [dragging, setDragging] = useState(false);

  /** A new selection, from the file picker or dropped on the form. */
  function choose(chosen: File[]) {
    submissionKey.current = null;
    setFiles(chosen);
    if (state.phase !== "uploading") setState({ phase: "idle" });
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (files.length === 0) {
      setState({ phase: "failed", message: "Choose one or more files first." });
      return;
    }
    const body = new FormData();
    body.append("listing_number", listingNumber);
    if (kind) body.append("kind", kind);
    for (const file of files) body.append("files", file, file.name);
    setState({ phase: "uploading", loaded: 0, total: files.reduce((sum, f) => sum + f.size, 0) });
    submissionKey.current ??= idempotencyKey();
    try {
      const res = await send(body, submissionKey.current, (loaded, total) => setState((s) => (s.phase === "uploading" ? { ...s, loaded, total: total || s.total } : s)));
      if (res.status === 201) {
        submissionKey.current = null;
        setState({ phase: "done", count: res.body?.items?.length ?? files.length });
        setFiles([]);
        if (input.current) input.current.value = "";
        onUploaded();
      } else {
        const error = res.body?.error;
        setState({ phase: "failed", message: error?.message ?? `The upload failed (HTTP ${res.status}).`, requestId: error?.request_id });
      }
    } catch {
      setState({ phase: "failed", message: "Could not reach Valara. Check your connection and try again." });
    }
  }

  const percent = state.phase === "uploading" && state.total > 0 ? Math.min(100, Math.round((state.loaded / state.total) * 100)) : 0;

  return (
    <form
      onSubmit={submit}
      aria-label="Upload media"
      data-dragging={dragging || undefined}
      onDragOver={(event) => {
        if (uploading || !event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        if (uploading) return;
        const dropped = Array.from(event.dataTransfer.files);
        if (dropped.length > 0) {
          if (input.current) input.current.value = "";
          choose(dropped);
        }
      }}
      className={cn(
        "space-y-4 rounded-lg border border-dashed border-slate-300 bg-slate-50/60 p-4 transition-colors",
        dragging && "border-brand-500 bg-brand-50",
      )}
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
        <Field id={`${id}-files`} label="Files" hint="Drop files here or choose them: JPEG, PNG, WebP, HEIC, MP4 or PDF. Several at once is fine.">
          <input
            ref={input}
            id={`${id}-files`}
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,video/mp4,application/pdf"
            disabled={uploading}
            onChange={(e) => choose(Array.from(e.target.files ?? []))}
            aria-describedby={`${id}-files-hint`}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 file:shadow-sm file:ring-1 file:ring-inset file:ring-slate-300 hover:file:bg-slate-50"
          />
        </Field>
        <Field id={`${id}-kind`} label="File as" hint="Default: by what each file is.">
          <Select id={`${id}-kind`} value={kind} onChange={(e) => {
              submissionKey.current = null;
              setKind(e.target.value);
            }} disabled={uploading} aria-describedby={`${id}-kind-hint`}>
            <option value="">Automatic</option>
            {MEDIA_KIND_VALUES.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      {files.length > 0 && !uploading && (
        <p className="text-sm text-slate-600">
          {files.length} file{files.length === 1 ? "" : "s"} selected, {formatBytes(files.reduce((sum, f) => sum + f.size, 0))}
        </p>
      )}

      {state.phase === "uploading" && (
        <div role="status" aria-live="polite">
          <div className="flex justify-between text-xs text-slate-600">
            <span>Uploading…</span>
            <span>{percent}%</span>
          </div>
          <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      {state.phase === "done" && (
        <Alert tone="success">
          Uploaded {state.count} file{state.count === 1 ? "" : "s"}.
        </Alert>
      )}
      {state.phase === "failed" && (
        <Alert tone="error" title="Upload failed">
          {state.message}
          {state.requestId && <span className="mt-1 block font-mono text-xs opacity-75">Request {state.requestId}</span>}
        </Alert>
      )}

      <div className="flex justify-end">
        <Button type="submit" loading={uploading}>
          Upload
        </Button>
      </div>
    </form>
  );
}
