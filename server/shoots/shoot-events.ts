// The shoot part of shoot.* events, one shape wherever a shoot changes.
import type { EventData } from "../webhooks/catalog";

export interface ShootForEvent {
  id: string;
  status: "scheduled" | "completed" | "cancelled";
  startsAt: Date;
  endsAt: Date;
  photographerId: string | null;
  package: { code: string } | null;
}

export function shootEventData(shoot: ShootForEvent, listingNumber: string): EventData<"shoot.scheduled"> {
  return {
    shoot_id: shoot.id,
    listing_number: listingNumber,
    status: shoot.status,
    starts_at: shoot.startsAt.toISOString(),
    ends_at: shoot.endsAt.toISOString(),
    photographer_id: shoot.photographerId,
    package: shoot.package?.code ?? null,
  };
}
