// The app's configuration, read from the environment once and validated with zod. A missing or
// malformed variable stops the app with a message that names it (see loadEnv's error).
import { parseTrustedProxies } from "./access/client-address";
import { z } from "zod";
import { ENCRYPTION_KEY_FORMAT, decodeEncryptionKey } from "./security/encryption-key";

const booleanFlag = z.stringbool({ truthy: ["1", "true", "yes", "on"], falsy: ["0", "false", "no", "off", ""] });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    // The public origin of the app: canonical property URLs and sign-in redirects are built from it.
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    // postgres:// or postgresql://. Unset: the embedded PGlite database under DATA_DIR.
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, "must be a postgres:// or postgresql:// URL")
      .optional(),
    // Connections the app keeps to PostgreSQL (ignored on PGlite).
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().min(1).default(".data"),
    // Signs dashboard sessions (next-auth JWTs). Required with DATABASE_URL in production; the
    // embedded default generates one and keeps it in DATA_DIR.
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    // Seed the demo agencies and users into an empty database at start.
    SEED_DEMO: booleanFlag.optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    // One log line per API request (method, path, status, duration, request id).
    LOG_REQUESTS: booleanFlag.default(false),
    // Largest JSON body /api/v1 accepts.
    API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(1024 * 1024),

    // Slow and many clients (server/http/http-server.ts). Request headers must arrive within
    // HEADERS_TIMEOUT_SECONDS; a whole request within REQUEST_TIMEOUT_SECONDS (an hour: media
    // uploads from a photographer's connection); a body must keep arriving at
    // BODY_MIN_BYTES_PER_SECOND or more over every BODY_RATE_WINDOW_SECONDS, or it is cut off with
    // 408 (a trickle or a stall holds a socket, and a slot, for nothing).
    HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
    REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(3600),
    BODY_MIN_BYTES_PER_SECOND: z.coerce.number().int().min(0).max(1024 * 1024 * 1024).default(1024),
    BODY_RATE_WINDOW_SECONDS: z.coerce.number().min(0.1).max(600).default(20),
    // An idle keep-alive connection is closed after this; above the 60 s idle timeout of common
    // load balancers, so that the balancer, not this server, closes a connection it reuses.
    KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(65),
    // Open connections per process; beyond it new ones are closed at once (idle sockets cannot
    // exhaust the process).
    MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
    // Load shedding: requests being answered at once per process, and the event-loop delay above
    // which new requests are refused; either way 503 service_unavailable with Retry-After before
    // any work. /healthz is never shed.
    MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(64),
    MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
    // Seconds with no request in flight, after a burst, before garbage is collected so that memory
    // returns to its resting level (server/http/idle-collector.ts); 0 turns it off.
    IDLE_GC_SECONDS: z.coerce.number().min(0).max(3600).default(2),
    // On SIGTERM/SIGINT: how long requests in flight may take to finish before their connections
    // are closed anyway.
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(600).default(20),

    // Media: the largest file an upload may carry, and where files are kept.
    MEDIA_MAX_FILE_BYTES: z.coerce.number().int().min(1024).max(2 ** 31 - 1).default(50 * 1024 * 1024),
    STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
    S3_BUCKET: z.string().min(3).optional(),
    S3_REGION: z.string().min(1).default("us-east-1"),
    // An S3-compatible endpoint (MinIO, R2, ...); unset for AWS itself.
    S3_ENDPOINT: z.url().optional(),
    S3_FORCE_PATH_STYLE: booleanFlag.default(false),
    // Unset: the AWS SDK's own credential chain (environment, profile, instance role).
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    UPLOAD_TICKET_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(3600),

    // Square invoices. Off unless both the access token and the location are set.
    SQUARE_ACCESS_TOKEN: z.string().min(1).optional(),
    SQUARE_LOCATION_ID: z.string().min(1).optional(),
    SQUARE_ENVIRONMENT: z.enum(["production", "sandbox"]).default("production"),
    // Overrides the API host Square's environment implies (tests point it at a local fake).
    SQUARE_API_BASE_URL: z.url().optional(),
    // The webhook subscription's signature key; the receiver refuses every delivery without it.
    SQUARE_WEBHOOK_SIGNATURE_KEY: z.string().min(1).optional(),
    // The notification URL exactly as registered with Square (it is part of what Square signs).
    SQUARE_WEBHOOK_URL: z.url().optional(),

    // Encrypts secrets at rest (webhook signing secrets, and stored idempotent responses that carry
    // one). 32 bytes, hex or base64; required in production with DATABASE_URL, generated into
    // DATA_DIR otherwise.
    ENCRYPTION_KEY: z
      .string()
      .refine((raw) => decodeEncryptionKey(raw) !== null, ENCRYPTION_KEY_FORMAT)
      .optional(),
    // Who delivers: "inline" (a worker inside the app) or "external" (`npm run worker` processes).
    // Default: inline on the embedded database, external on PostgreSQL.
    WEBHOOK_DELIVERY: z.enum(["inline", "external"]).optional(),
    // Development and testing only: allow endpoints on loopback addresses (and plain http to them).
    // Accepted in any NODE_ENV (the e2e suite runs a production build with it), but every process
    // warns at start while it is on (warnAboutLoopbackWebhooks).
    WEBHOOKS_ALLOW_LOOPBACK: booleanFlag.default(false),
    // Rate-limit counters: in Redis when set (redis://…), else in PostgreSQL with DATABASE_URL,
    // else in memory (the embedded single-process mode).
    REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, "must be a redis:// or rediss:// URL").optional(),
    // Which client address counts behind a proxy: the proxies' addresses/CIDRs ("loopback" for
    // 127.0.0.0/8 and ::1). Unset: the TCP peer; X-Forwarded-For is never trusted by default.
    TRUSTED_PROXIES: z
      .string()
      .refine((raw) => {
        try {
          parseTrustedProxies(raw);
          return true;
        } catch {
          return false;
        }
      }, "must be comma-separated IP addresses or CIDR ranges (or loopback)")
      .optional(),
    // Replaces budgets' per-key defaults, "read_listings_list=5,create_listing=3" (tests, e2e).
    RATE_LIMITS: z
      .string()
      .regex(/^(\s*[a-z_]+=\d+\s*)(,\s*[a-z_]+=\d+\s*)*$/, "must be budget=limit pairs separated by commas")
      .optional(),
  })
  .superRefine((env, ctx) => {
    if (env.HEADERS_TIMEOUT_SECONDS > env.REQUEST_TIMEOUT_SECONDS) {
      ctx.addIssue({ code: "custom", path: ["HEADERS_TIMEOUT_SECONDS"], message: "must not exceed REQUEST_TIMEOUT_SECONDS (the headers are part of the request)" });
    }
    if (env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET) {
      ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required with STORAGE_DRIVER=s3" });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: "custom", path: ["S3_SECRET_ACCESS_KEY"], message: "set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither" });
    }
    if (Boolean(env.SQUARE_ACCESS_TOKEN) !== Boolean(env.SQUARE_LOCATION_ID)) {
      ctx.addIssue({ code: "custom", path: ["SQUARE_LOCATION_ID"], message: "set both SQUARE_ACCESS_TOKEN and SQUARE_LOCATION_ID, or neither" });
    }
    if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.ENCRYPTION_KEY) {
      ctx.addIssue({
        code: "custom",
        path: ["ENCRYPTION_KEY"],
        message: "is required in production with DATABASE_URL (e.g. `openssl rand -hex 32`)",
      });
    }
    if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production with DATABASE_URL (32+ random characters, e.g. `openssl rand -hex 32`)",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string };

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable counts as unset, as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`),
    );
  }
  const env = result.data;
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return { ...env, APP_URL: appUrl };
}

let cached: Env | undefined;

/** The process's configuration; throws EnvError naming every bad variable. */
export function loadEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
