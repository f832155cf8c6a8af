"use client";
// Uploads files to the listing through the public upload endpoint (POST /api/v1/media/upload,
// multipart) with the session cookie: the same path integrators use, so the dashboard gets the
// same checks. Each file is its own request (in order), so each has its own progress, its
// own outcome in words, and its own Retry; XMLHttpRequest rather than fetch, for upload progress.
// Each file keeps one idempotency key until it has uploaded: retrying after a lost answer replays
// the stored result instead of storing the file twice.
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

/**
 * Files are sent one after the other: a listing's new media take their positions as they arrive,
 * so this keeps the order they were chosen or dropped in (one stream fills the line anyway).
 */
const PARALLEL_UPLOADS = 1;

interface Upload {
  id: number;
  file: File;
  /** The idempotency key of this file's upload, kept until it succeeds. */
  key: string;
  status: "queued" | "uploading" | "done" | "failed";
  loaded: number;
  message?: string;
  requestId?: string;
}

/** A UUID v4 from the CSPRNG (crypto.randomUUID needs a secure context; getRandomValues does not). */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function send(body: FormData, key: string, onProgress: (loaded: number) => void): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/media/upload");
    xhr.setRequestHeader("X-Idempotency-Key", key);
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
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

const STATUS_TEXT: Record<Upload["status"], string> = { queued: "Waiting", uploading: "Uploading", done: "Uploaded", failed: "Failed" };

export function MediaUploadForm({ listingNumber, onUploaded }: { listingNumber: string; onUploaded: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [kind, setKind] = useState("");
  const [summary, setSummary] = useState<{ uploaded: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const nextId = useRef(1);
  const uploading = uploads.some((u) => u.status === "uploading");
  const update = (uploadId: number, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.id === uploadId ? { ...u, ...change } : u)));

  /**
   * A new selection, from the file picker or dropped on the form. While nothing is uploading it
   * replaces the files not sent yet; during an upload it is added after them (the batch under way
   * carries on, and Upload sends the new ones next).
   */
  function choose(chosen: File[]) {
    setSummary(null);
    setProblem(null);
    const added = chosen.map((file) => ({ id: nextId.current++, file, key: idempotencyKey(), status: "queued" as const, loaded: 0 }));
    setUploads((list) => [...(uploading ? list : []), ...added]);
  }

  /** Uploads one file; resolves to whether it was stored. */
  async function uploadOne(upload: Upload): Promise<boolean> {
    update(upload.id, { status: "uploading", loaded: 0, message: undefined, requestId: undefined });
    const body = new FormData();
    body.append("listing_number", listingNumber);
    if (kind) body.append("kind", kind);
    body.append("files", upload.file, upload.file.name);
    try {
      const res = await send(body, upload.key, (loaded) => update(upload.id, { loaded }));
      if (res.status === 201) {
        update(upload.id, { status: "done", loaded: upload.file.size });
        onUploaded();
        return true;
      }
      const error = res.body?.error;
      update(upload.id, { status: "failed", message: error?.message ?? `The upload failed (HTTP ${res.status}).`, requestId: error?.request_id });
    } catch {
      update(upload.id, { status: "failed", message: "Could not reach Valara. Check your connection and try again." });
    }
    return false;
  }

  /** Uploads `batch`, PARALLEL_UPLOADS at a time, then says how it went. */
  async function run(batch: Upload[]) {
    setSummary(null);
    setProblem(null);
    let uploaded = 0;
    const queue = [...batch];
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) if (await uploadOne(next)) uploaded++;
      }),
    );
    if (uploaded > 0) setSummary({ uploaded });
    // Uploaded files leave the list once the batch is done; failed ones stay, with their Retry.
    setUploads((list) => list.filter((u) => u.status !== "done"));
    if (uploaded === batch.length && input.current) input.current.value = "";
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const pending = uploads.filter((u) => u.status === "queued" || u.status === "failed");
    if (pending.length === 0) {
      setProblem("Choose one or more files first.");
      return;
    }
    void run(pending);
  }

  const failed = uploads.filter((u) => u.status === "failed");
  const pendingCount = uploads.filter((u) => u.status === "queued" || u.status === "failed").length;

  return (
    <form
      onSubmit={submit}
      aria-label="Upload media"
      data-dragging={dragging || undefined}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes("Files")) return;
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
            onChange={(e) => choose(Array.from(e.target.files ?? []))}
            aria-describedby={`${id}-files-hint`}
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-700 file:shadow-sm file:ring-1 file:ring-inset file:ring-slate-300 hover:file:bg-slate-50"
          />
        </Field>
        <Field id={`${id}-kind`} label="File as" hint="Default: by what each file is.">
          <Select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)} disabled={uploading} aria-describedby={`${id}-kind-hint`}>
            <option value="">Automatic</option>
            {MEDIA_KIND_VALUES.map((value) => (
              <option key={value} value={value}>
                {KIND_LABELS[value]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      {pendingCount > 0 && !uploading && (
        <p className="text-sm text-slate-600">
          {pendingCount} file{pendingCount === 1 ? "" : "s"} selected, {formatBytes(uploads.filter((u) => u.status !== "done").reduce((sum, u) => sum + u.file.size, 0))}
        </p>
      )}
      {uploads.length > 0 && (
        <ul aria-label="Files to upload" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
          {uploads.map((upload) => {
            const percent = upload.file.size > 0 ? Math.min(100, Math.round((upload.loaded / upload.file.size) * 100)) : 0;
            return (
              <li key={upload.id} className="space-y-1.5 px-3 py-2 text-sm">
                <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1">
                  <span className="min-w-0 break-all font-medium text-slate-800">{upload.file.name}</span>
                  <span className="flex items-center gap-2 text-xs text-slate-600">
                    {formatBytes(upload.file.size)} · <span data-testid="upload-status">{STATUS_TEXT[upload.status]}</span>
                    {upload.status === "failed" && !uploading && (
                      <Button size="sm" variant="secondary" onClick={() => void run([upload])} aria-label={`Retry ${upload.file.name}`}>
                        Retry
                      </Button>
                    )}
                  </span>
                </div>
                {(upload.status === "uploading" || upload.status === "done") && (
                  <div
                    className="h-1.5 overflow-hidden rounded-full bg-slate-200"
                    role="progressbar"
                    aria-label={`Upload progress of ${upload.file.name}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={upload.status === "done" ? 100 : percent}
                  >
                    <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${upload.status === "done" ? 100 : percent}%` }} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {uploading && (
        <p role="status" aria-live="polite" className="text-xs text-slate-600">
          Uploading {uploads.filter((u) => u.status === "uploading").length} of {uploads.length}…
        </p>
      )}
      {summary && (
        <Alert tone="success">
          Uploaded {summary.uploaded} file{summary.uploaded === 1 ? "" : "s"}.
        </Alert>
      )}
      {!uploading && (failed.length > 0 || problem) && (
        <Alert tone="error" title="Upload failed">
          {problem}
          {failed.map((upload) => (
            <span key={upload.id} className="block">
              {upload.message?.includes(upload.file.name) ? upload.message : `${upload.file.name}: ${upload.message}`}
              {upload.requestId && <span className="mt-1 block font-mono text-xs opacity-75">Request {upload.requestId}</span>}
            </span>
          ))}
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
