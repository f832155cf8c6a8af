// Whether Square is on (SQUARE_ACCESS_TOKEN + SQUARE_LOCATION_ID) and which host it talks to:
// SQUARE_API_BASE_URL if set (tests point it at a fake), else the host SQUARE_ENVIRONMENT names.
// Off: invoices stay local (drafts, cancelled locally with their listing).
import type { Env } from "../env";
import { loadEnv } from "../env";
import type { SquareGateway } from "./gateway";
import { createSquareSdkGateway } from "./sdk-gateway";

export const SQUARE_HOSTS = {
  production: "https://connect.squareup.com",
  sandbox: "https://connect.squareupsandbox.com",
} as const;

type SquareEnv = Pick<Env, "SQUARE_ACCESS_TOKEN" | "SQUARE_LOCATION_ID" | "SQUARE_ENVIRONMENT" | "SQUARE_API_BASE_URL">;

export function squareBaseUrl(env: Pick<Env, "SQUARE_ENVIRONMENT" | "SQUARE_API_BASE_URL">): string {
  return (env.SQUARE_API_BASE_URL ?? SQUARE_HOSTS[env.SQUARE_ENVIRONMENT]).replace(/\/+$/, "");
}

export function squareFromEnv(env: SquareEnv): Promise<SquareGateway> | null {
  if (!env.SQUARE_ACCESS_TOKEN || !env.SQUARE_LOCATION_ID) return null;
  return createSquareSdkGateway({ accessToken: env.SQUARE_ACCESS_TOKEN, locationId: env.SQUARE_LOCATION_ID, baseUrl: squareBaseUrl(env) });
}

let cached: Promise<SquareGateway | null> | undefined;

/** The process's Square gateway from its configuration, or null when Square is off. */
export function configuredSquare(): Promise<SquareGateway | null> {
  cached ??= Promise.resolve(squareFromEnv(loadEnv()));
  return cached;
}
