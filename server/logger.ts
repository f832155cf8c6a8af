// Structured logs (JSON lines on stdout) through pino.
import pino, { type Logger } from "pino";

// Headers that carry a credential (API keys, dashboard sessions, upload tickets, webhook
// signatures) and fields that hold a secret, wherever a logged object puts them: a request or
// an error with request data must never write one, at any level.
const SECRET_HEADERS = ["authorization", "x-api-key", "cookie", "set-cookie", "x-upload-ticket", "x-valara-signature", "proxy-authorization"];
const SECRET_FIELDS = [
  "apiKey", "api_key", "key", "token", "accessToken", "access_token", "refreshToken", "refresh_token", "sessionToken",
  "secret", "signingSecret", "signing_secret", "webhookSecret", "secretCiphertext", "password", "passwordHash", "password_hash",
  "ticket", "uploadTicket", "squareAccessToken", "cookie", "authorization",
];
export const REDACT_PATHS = [
  ...SECRET_HEADERS.flatMap((h) => [`headers["${h}"]`, `*.headers["${h}"]`, `*.*.headers["${h}"]`]),
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: "valara" }, redact: { paths: REDACT_PATHS, censor: "[REDACTED]" } };
  return destination ? pino(options, destination) : pino(options);
}

const HOLDER = Symbol.for("valara.logger");
type Holder = { [HOLDER]?: Logger };

/** The process's logger (shared by the custom server and Next's server chunks). */
export function getLogger(): Logger {
  const holder = globalThis as Holder;
  holder[HOLDER] ??= createLogger();
  return holder[HOLDER];
}
