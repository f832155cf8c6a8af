// What a delivery of an event looks like, for documentation (the OpenAPI document and the
// dashboard's catalog): the envelope around the catalog's example data, with fixed illustrative
// values where a real delivery has per-attempt ones. Imports nothing server-only.
import type { Envelope } from "./signing";

export function exampleEnvelope(event: { event_type: string; api_version: string; example: unknown }): Envelope {
  return {
    event_id: "evt_01JD3Q6W4ZKXY3T5V7B9C1D2EF",
    event_type: event.event_type,
    api_version: event.api_version,
    timestamp: 1795694400,
    nonce: "5f0c4a2e8b1d4c7fa0b3e6d9c2f1a8b7",
    data: event.example,
  };
}
