// The OpenAPI description of the two media routes that are not procedures (the generator only
// sees procedures): the multipart upload with its three ways to authenticate, and the download.
import type { OpenAPIObject } from "trpc-to-openapi";
import type { SchemaObject } from "openapi3-ts/oas31";
import type { ErrorCode } from "../errors";
import { DOWNLOAD_ERRORS, UPLOAD_ERRORS } from "./media-routes";
import { MAX_FILES_PER_UPLOAD } from "./multipart";
import { ALLOWED_TYPES_TEXT } from "../media/media-types";
import { MEDIA_KIND_VALUES } from "../api/routers/media/schemas";
import { IdempotencyHeaders } from "../api/rest-meta";

type ErrorResponses = (codes: readonly ErrorCode[], descriptions?: Partial<Record<ErrorCode, string>>) => Record<string, unknown>;

const KEY_SECURITY: Record<string, string[]>[] = [{ ApiKeyHeader: [] }, { BearerAuth: [] }];

/** "52428800 bytes (50 MiB)": the exact limit, and a size a person reads at a glance. */
export function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${bytes} bytes (${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB)` : `${bytes} bytes`;
}

export function addMediaOperations(
  doc: OpenAPIObject,
  errors: { responses: ErrorResponses; read: readonly ErrorCode[]; write: readonly ErrorCode[] },
  limits: { maxFileBytes: number },
): void {
  // The upload's 413 and 415 are about its files, not the JSON body the other writes take.
  const uploadErrorDescriptions: Partial<Record<ErrorCode, string>> = {
    payload_too_large: `A file is larger than ${describeBytes(limits.maxFileBytes)}, the most one file may be (MEDIA_MAX_FILE_BYTES); nothing was stored.`,
    unsupported_media_type:
      `A file is not ${ALLOWED_TYPES_TEXT}, judged by its bytes (never its name or the part's Content-Type), ` +
      "or the body is not multipart/form-data; nothing was stored.",
  };
  doc.components!.securitySchemes = {
    ...doc.components!.securitySchemes,
    UploadTicket: {
      type: "apiKey",
      in: "header",
      name: "X-Upload-Ticket",
      description: "POST /media/upload only: a single-use upload ticket (ma_upl_…) from POST /listings/{listing_number}/upload-tickets",
    },
    SessionCookie: {
      type: "apiKey",
      in: "cookie",
      name: "next-auth.session-token",
      description:
        "The dashboard's session (named __Secure-next-auth.session-token on https). A write with it must come from the app's own origin (Origin or Referer equal to the app's URL or the host the request was sent to), or it is 403 forbidden.",
    },
  };
  doc.components!.schemas = {
    ...doc.components!.schemas,
    MediaUpload: <SchemaObject>{
      type: "object",
      required: ["listing_number", "items"],
      properties: {
        listing_number: { type: "string" },
        items: { type: "array", description: "The created media, in the order the files were sent", items: { $ref: "#/components/schemas/Media" } },
      },
    },
  };
  doc.tags = [...(doc.tags ?? []).filter((t) => t.name !== "Media"), { name: "Media" }];
  const idempotencyHeader = IdempotencyHeaders.shape["x-idempotency-key"];
  const requestId = { "X-Request-Id": { $ref: "#/components/headers/RequestId" } };

  doc.paths = {
    ...doc.paths,
    "/media/upload": {
      post: {
        operationId: "media-upload",
        summary: "Upload media",
        description:
          `Uploads one or more files (${ALLOWED_TYPES_TEXT}; at most ${MAX_FILES_PER_UPLOAD} per request) to a listing, as multipart/form-data. ` +
          "The type is detected from the bytes, never the name or the part's Content-Type; anything else is 415. " +
          `A file over ${describeBytes(limits.maxFileBytes)} (MEDIA_MAX_FILE_BYTES) is 413. ` +
          "`kind` defaults to what the bytes are (image → photo, video → video, PDF → document). " +
          "Authenticate with an API key (scope media:write), an upload ticket (X-Upload-Ticket; that listing only, single use) or the dashboard session. " +
          "A failed upload stores nothing. The idempotency fingerprint covers the fields and the files' names and contents.",
        tags: ["Media"],
        security: [...KEY_SECURITY, { UploadTicket: [] }, { SessionCookie: [] }],
        parameters: [
          {
            in: "header",
            name: "x-idempotency-key",
            required: true,
            description: idempotencyHeader.description,
            schema: { type: "string", minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["listing_number", "files"],
                properties: {
                  listing_number: { type: "string", pattern: "^[A-Za-z0-9]{6,8}$", description: "The listing the files belong to (with a ticket: the ticket's listing)" },
                  kind: { type: "string", enum: [...MEDIA_KIND_VALUES], description: "For every file in the request; must fit the detected type (a photo is an image, a video an MP4; a document or floor plan a PDF or an image)" },
                  files: {
                    type: "array",
                    description: "The files, one part each (any part name is accepted; `files` is the usual one)",
                    items: { type: "string", contentMediaType: "application/octet-stream" },
                  },
                },
              },
              encoding: { files: { contentType: "image/jpeg, image/png, image/webp, image/heic, image/heif, video/mp4, application/pdf" } },
            },
          },
        },
        responses: {
          "201": {
            description: "Created",
            headers: { ...requestId, "X-Idempotent-Replay": { $ref: "#/components/headers/IdempotentReplay" } },
            content: { "application/json": { schema: { $ref: "#/components/schemas/MediaUpload" } } },
          },
          ...errors.responses([...errors.write, ...UPLOAD_ERRORS], uploadErrorDescriptions),
        },
      },
    },
    "/media/{media_id}": {
      // PATCH (caption, cover) is a procedure: keep what the generator wrote for it.
      ...doc.paths?.["/media/{media_id}"],
      get: {
        operationId: "media-download",
        summary: "Download a media file",
        description:
          "The file's bytes, with its Content-Type, Content-Length, Content-Disposition (inline, with its name) and an ETag (its SHA-256): " +
          "send If-None-Match to get 304 when unchanged. API key (scope listings:read) or the dashboard session.",
        tags: ["Media"],
        security: [...KEY_SECURITY, { SessionCookie: [] }],
        parameters: [
          { in: "path", name: "media_id", required: true, schema: { type: "string" }, description: "`media_id` of an item of a listing's `media`" },
          {
            in: "query",
            name: "size",
            required: false,
            schema: { type: "string", enum: ["mls", "web", "thumb"] },
            description: "A variant (see the item's `variants`) instead of the original; 404 media_not_found if the item has none of that size",
          },
        ],
        responses: {
          "200": {
            description: "The file",
            headers: {
              ...requestId,
              ETag: { description: "The SHA-256 of the bytes, quoted", schema: { type: "string" } },
              "Content-Disposition": { description: "inline, with the file's name", schema: { type: "string" } },
            },
            content: {
              "image/*": { schema: { type: "string", contentMediaType: "image/*" } },
              "video/mp4": { schema: { type: "string", contentMediaType: "video/mp4" } },
              "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } },
            },
          },
          "304": { description: "Not modified (If-None-Match matched the ETag)", headers: { ...requestId, ETag: { schema: { type: "string" } } } },
          ...errors.responses([...errors.read, ...DOWNLOAD_ERRORS]),
        },
      },
    },
  };
}
