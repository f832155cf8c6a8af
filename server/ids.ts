// Prefixed identifiers: the prefix says what an id names, so logs and support tickets read well.
// ULIDs sort by creation time, which is what keyset pagination orders by.
import { ulid } from "ulidx";

const PREFIXES = {
  agency: "agency",
  team: "team",
  user: "user",
  apiKey: "key",
  package: "pkg",
  tour: "tour",
  shoot: "shoot",
  order: "order",
  lineItem: "item",
  invoice: "inv",
  media: "media",
  uploadTicket: "tkt",
  delivery: "dlv",
  blockedTime: "block",
  webhookEndpoint: "we",
  webhookEvent: "evt",
  webhookDelivery: "whd",
  webhookAttempt: "wha",
  request: "req",
  accessDenial: "deny",
  rateLimitOverride: "rlo",
} as const;

export type IdKind = keyof typeof PREFIXES;

// ulidx draws the random half from the platform CSPRNG (crypto.getRandomValues).
export function newId(kind: IdKind): string {
  return `${PREFIXES[kind]}_${ulid()}`;
}

export const newRequestId = () => newId("request");
