// The two /api/v1 routes that are not JSON procedures:
//   POST /media/upload     multipart files for one listing (API key, upload ticket or session)
//   GET  /media/{media_id} the bytes of one media item (API key or session)
// Both run inside the REST pipeline (request id, 404/405, credentials, scope, envelope); the
// domain work is in server/media/.
import { z } from "zod";
import type { Logger } from "pino";
import { AppError, errorEnvelope, type ErrorCode } from "../errors";
import { agencyScope, forAgency } from "../db/tenant";
import type { EventActor } from "../webhooks/actor";
import { eventActorOf } from "../api/trpc";
import type { MediaStorage } from "../storage/storage";
import { StorageObjectMissing } from "../storage/storage";
import { ListingNumberSchema } from "../api/routers/listings/schemas";
import { MEDIA_KIND_VALUES, type MediaUploadResultDto } from "../api/routers/media/schemas";
import { zodIssuesToFieldIssues } from "../api/validation";
import { Readable } from "node:stream";
import { addMedia, type StagedMedia, type StagedVariant, type Uploader } from "../media/add-media";
import { loadMedia, storedVariants, toMediaDto } from "../media/media";
import { readAll, renderVariants, rendersVariants, VARIANT_SIZES, type VariantSize } from "../media/variants";
import { contentDisposition, kindFor } from "../media/media-types";
import { ticketProblem } from "../media/upload-tickets";
import { requestFingerprint, runIdempotently, uploadTicketMayReplay } from "./idempotency";
import { receiveMultipart, type ReceivedUpload } from "./multipart";
import { rest } from "../api/rest-meta";
import type { Caller } from "./credentials";
import type { CustomRoute, CustomRouteContext, Outcome } from "./custom-route";

export interface MediaRoutesOptions {
  storage: MediaStorage;
  appUrl: string;
  maxFileBytes: number;
  logger: Logger;
}

export const UPLOAD_PATH = "/media/upload";
export const DOWNLOAD_PATH = "/media/{media_id}";

export const UploadFieldsSchema = z.strictObject({
  listing_number: ListingNumberSchema,
  kind: z.enum(MEDIA_KIND_VALUES).optional(),
});

// Errors about the credential rather than the request: not kept under the idempotency key, so
// that a retry with a good credential runs (as for scopes, see rest-handler.ts).
const CREDENTIAL_ERRORS = new Set<ErrorCode>(["upload_ticket_used", "upload_ticket_expired", "invalid_upload_ticket"]);

export const UPLOAD_ERRORS: readonly ErrorCode[] = [
  "listing_not_found",
  "lifecycle_violation",
  "invalid_upload_ticket",
  "upload_ticket_used",
  "upload_ticket_expired",
  "forbidden",
];
export const DOWNLOAD_ERRORS: readonly ErrorCode[] = ["media_not_found", "forbidden"];

/** Who an upload is recorded as in the listing's history. */
function eventActorOfCaller(caller: Caller): EventActor {
  if (caller.via === "upload_ticket") return { kind: "upload_ticket", id: caller.ticket.id, display: "photographer's upload link" };
  return eventActorOf(caller.actor);
}

function uploaderOf(caller: Caller): Uploader {
  switch (caller.via) {
    case "api_key":
      return { via: "api_key", apiKeyId: caller.actor.keyId };
    case "session":
      return { via: "session", userId: caller.actor.userId };
    case "upload_ticket":
      return { via: "upload_ticket", ticketId: caller.ticket.id };
  }
}

/** The text fields as one object, refusing a field sent twice. */
function fieldsObject(fields: ReceivedUpload["fields"]): Record<string, string> {
  // No prototype, and own names only: a field called "constructor" or "toString" is an unknown
  // field (not one "sent twice"), and "__proto__" is a plain key the schema refuses like any other.
  const object: Record<string, string> = Object.create(null);
  for (const [name, value] of fields) {
    if (Object.hasOwn(object, name)) throw new AppError("validation_failed", `${name}: must be sent once`, [{ field: name, message: "must be sent once" }]);
    object[name] = value;
  }
  return object;
}

function parseFields(fields: ReceivedUpload["fields"]) {
  const parsed = UploadFieldsSchema.safeParse(fieldsObject(fields));
  if (!parsed.success) {
    const details = zodIssuesToFieldIssues(parsed.error.issues);
    throw new AppError("validation_failed", details.map((d) => `${d.field}: ${d.message}`).join("; "), details);
  }
  return parsed.data;
}

export function createMediaRoutes(options: MediaRoutesOptions): CustomRoute[] {
  const { storage, appUrl, logger } = options;

  async function upload({ req, requestId, caller, db, idempotencyKey }: CustomRouteContext): Promise<Outcome> {
    const key = idempotencyKey!;
    const scope = agencyScope(db.prisma, caller.agencyId, eventActorOfCaller(caller));
    if (caller.via === "upload_ticket") {
      const problem = ticketProblem(caller.ticket, new Date());
      // A used ticket may still replay the upload it made (the key its own upload stored a
      // response under): the ledger answers that below. Anything else it tries is refused before
      // a byte is read.
      const replayable =
        problem?.code === "upload_ticket_used" &&
        (await uploadTicketMayReplay(db.prisma, { agencyId: caller.agencyId, key, uploadTicketId: caller.ticket.id }));
      if (problem && !replayable) {
        req.resume();
        throw problem;
      }
    }

    // Checked as soon as the field arrives, so that a wrong listing stops the upload before the
    // files are sent; addMedia checks both again, authoritatively, in its transaction.
    const checkListing = async (name: string, value: string) => {
      if (name !== "listing_number") return;
      const parsed = ListingNumberSchema.safeParse(value);
      if (!parsed.success) return;
      if (caller.via === "upload_ticket" && parsed.data !== caller.ticket.listingNumber) {
        throw new AppError("listing_not_found", `This upload ticket uploads to one listing only; ${parsed.data} is not it.`);
      }
      const exists = await scope.db.tour.count({ where: { listingNumber: parsed.data } });
      if (!exists) throw new AppError("listing_not_found", `No listing with number ${parsed.data} exists in your agency.`);
    };

    const received = await receiveMultipart(req, { storage, maxFileBytes: options.maxFileBytes, onField: checkListing });
    const stagedVariants: StagedVariant[] = [];
    try {
      const fields = parseFields(received.fields);
      if (received.files.length === 0) {
        throw new AppError("validation_failed", "files: send at least one file", [{ field: "files", message: "send at least one file" }]);
      }
      const files: StagedMedia[] = received.files.map(({ filename, inspection, staged }) => {
        const kind = kindFor(inspection.type, fields.kind);
        if ("error" in kind) throw new AppError("validation_failed", `kind: ${kind.error} (${filename})`, [{ field: "kind", message: `${kind.error} (${filename})` }]);
        return {
          filename,
          contentType: inspection.type.contentType,
          extension: inspection.type.extension,
          kind: kind.kind,
          sizeBytes: inspection.sizeBytes,
          sha256: inspection.sha256,
          width: inspection.width,
          height: inspection.height,
          staged,
        };
      });
      // Rendered before anything is kept: an image that does not decode is refused (415) here.
      for (const [index, { inspection, staged, filename }] of received.files.entries()) {
        if (!rendersVariants(inspection.type.contentType)) continue;
        const rendered = await renderVariants(await readAll(await staged.read()), filename);
        const variants: StagedVariant[] = [];
        for (const variant of rendered) {
          const { data, ...facts } = variant;
          const stagedVariant = { ...facts, staged: await storage.stage(Readable.from([data])) };
          stagedVariants.push(stagedVariant);
          variants.push(stagedVariant);
        }
        files[index] = { ...files[index]!, variants };
      }
      // The same request: the same listing, kind and files (names and contents).
      const fingerprint = requestFingerprint("POST", UPLOAD_PATH, {
        listing_number: fields.listing_number,
        kind: fields.kind ?? null,
        files: files.map((f) => ({ filename: f.filename, sha256: f.sha256, size_bytes: f.sizeBytes })),
      });
      const uploadTicketId = caller.via === "upload_ticket" ? caller.ticket.id : null;
      return await runIdempotently(db.prisma, { agencyId: caller.agencyId, key, fingerprint, uploadTicketId }, async () => {
        try {
          const created = await addMedia(scope, storage, { listingNumber: fields.listing_number, files, uploader: uploaderOf(caller), appUrl });
          const body: MediaUploadResultDto = { listing_number: created.listingNumber, items: created.media.map((m) => toMediaDto(m, appUrl)) };
          return { status: 201, body: JSON.stringify(body) };
        } catch (error) {
          if (error instanceof AppError && !CREDENTIAL_ERRORS.has(error.code)) {
            return { status: error.status, body: JSON.stringify(errorEnvelope(error, requestId)) };
          }
          throw error;
        }
        // Committing moves each file (a rename on disk, a server-side copy on S3).
      }, { transactionTimeoutMs: 120_000 });
    } finally {
      // Committed files are no longer staged; this removes the rest (a replay's, a failure's).
      await Promise.allSettled([...received.files.map((f) => f.staged.discard()), ...stagedVariants.map((v) => v.staged.discard())]);
    }
  }

  async function download({ req, path, caller, db }: CustomRouteContext): Promise<Outcome> {
    // Not URL-decoded: the pipeline already decoded the escapes of unreserved characters (the only
    // ones an id is made of), so a segment still holding an escape (%E9, or a malformed %ZZ) is no
    // media id, and the lookup answers media_not_found like any other unknown id.
    const mediaId = path.split("/")[2] ?? "";
    const media = await loadMedia(forAgency(db.prisma, caller.agencyId), mediaId);
    const size = new URL(req.url ?? "/", "http://local").searchParams.get("size");
    const variant = size ? storedVariants(media).find((v) => v.size === size) : undefined;
    if (size && !VARIANT_SIZES.includes(size as VariantSize)) {
      throw new AppError("validation_failed", `size: must be one of ${VARIANT_SIZES.join(", ")} (omit it for the original)`, [
        { field: "size", message: `must be one of ${VARIANT_SIZES.join(", ")}` },
      ]);
    }
    if (size && !variant) throw new AppError("media_not_found", `Media ${mediaId} has no ${size} variant.`);
    const storageKey = variant?.storage_key ?? media.storageKey;
    const etag = variant ? `"${media.sha256}-${variant.size}"` : `"${media.sha256}"`;
    const headers: Record<string, string> = {
      ETag: etag,
      // Only the caller's own cache: the bytes are the agency's, behind its credentials.
      "Cache-Control": "private",
      "X-Content-Type-Options": "nosniff",
    };
    if (etagMatches(req.headers["if-none-match"], etag)) return { status: 304, body: "", headers };
    let object;
    try {
      object = await storage.read(storageKey);
    } catch (error) {
      if (error instanceof StorageObjectMissing) logger.error({ mediaId, key: storageKey }, "media row without a stored file");
      throw error;
    }
    return {
      status: 200,
      stream: object.body,
      headers: {
        ...headers,
        "Content-Type": variant?.content_type ?? media.contentType,
        "Content-Length": String(object.size),
        "Content-Disposition": contentDisposition(variant ? media.filename.replace(/(\.[^.]+)?$/, `-${variant.size}.jpg`) : media.filename),
      },
    };
  }

  return [
    {
      method: "POST",
      path: UPLOAD_PATH,
      auth: ["api_key", "upload_ticket", "session"],
      meta: rest({ method: "POST", path: UPLOAD_PATH, scope: "media:write", tag: "Media", summary: "Upload media", successStatus: 201, errors: UPLOAD_ERRORS }),
      handle: upload,
    },
    {
      method: "GET",
      path: DOWNLOAD_PATH,
      // Public access for the property page will be a third way in here (a published listing's
      // media without credentials); until then, only the agency sees its files.
      auth: ["api_key", "session"],
      meta: rest({ method: "GET", path: DOWNLOAD_PATH, scope: "listings:read", tag: "Media", summary: "Download a media file", errors: DOWNLOAD_ERRORS }),
      handle: download,
    },
  ];
}

/** Whether If-None-Match names this ETag (weak or strong, in a list, or *). */
export function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return false;
  return value.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}
