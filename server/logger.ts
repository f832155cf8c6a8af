// Structured logs (JSON lines on stdout) through pino.
import pino, { type Logger } from "pino";

export function createLogger(level: string = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { service: "valara" } });
}

const HOLDER = Symbol.for("valara.logger");
type Holder = { [HOLDER]?: Logger };

/** The process's logger (shared by the custom server and Next's server chunks). */
export function getLogger(): Logger {
  const holder = globalThis as Holder;
  holder[HOLDER] ??= createLogger();
  return holder[HOLDER];
}
