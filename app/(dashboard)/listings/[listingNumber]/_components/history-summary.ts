// One history entry in words: what happened ("Status changed from Coming Soon to Active"), from the
// event's type and its data as webhooks carry it. Times are in the agency's zone. Pure, so that it
// is unit-tested and renders the same on every screen.
import { formatInZone } from "@/lib/time";
import { formatMoney } from "@/lib/format";

type Data = Record<string, unknown>;

const str = (value: unknown) => (typeof value === "string" ? value : null);
const num = (value: unknown) => (typeof value === "number" ? value : null);

function money(data: Data, field: string): string {
  const cents = num(data[field]);
  const currency = str(data.currency) ?? "USD";
  return cents === null ? "" : formatMoney(cents, currency);
}

function when(data: Data, field: string, zone: string): string {
  const iso = str(data[field]);
  return iso ? formatInZone(iso, zone, "dateTime") : "";
}

const SECTION_NAMES: Record<string, string> = { matterport: "Matterport 3D tour", floorplan: "Floor plan" };
const MEDIA_NAMES: Record<string, string> = { photo: "Photo", video: "Video", document: "Document", floor_plan: "Floor plan" };

export function describeEvent(type: string, data: Data, zone: string): string {
  switch (type) {
    case "listing.created":
      return `Listing created${str(data.package) ? ` with package ${str(data.package)}` : ""}`;
    case "listing.status_changed":
      return `Status changed from ${str(data.previous_status) ?? "?"} to ${str(data.status) ?? "?"}`;
    case "listing.cancelled":
      return `Listing cancelled (was ${str(data.previous_status) ?? "?"})`;
    case "listing.section_updated": {
      const section = SECTION_NAMES[str(data.section) ?? ""] ?? "Section";
      if (!str(data.url)) return `${section} removed`;
      return data.section === "matterport" && str(data.model_id) ? `${section} set to model ${str(data.model_id)}` : `${section} set`;
    }
    case "media.uploaded": {
      const media = Array.isArray(data.media) ? (data.media as Data[]) : [];
      if (media.length === 1) return `${MEDIA_NAMES[str(media[0]!.kind) ?? ""] ?? "File"} uploaded: ${str(media[0]!.filename) ?? ""}`;
      return `${media.length} files uploaded`;
    }
    case "media.delivery.completed":
      return "Media delivered to the client";
    case "media.downloads_unlocked":
      return "Gallery downloads unlocked: the invoice is paid";
    case "shoot.scheduled":
      return `Shoot booked for ${when(data, "starts_at", zone)}`;
    case "shoot.rescheduled":
      return `Shoot moved${str(data.previous_starts_at) ? ` from ${when(data, "previous_starts_at", zone)}` : ""} to ${when(data, "starts_at", zone)}`;
    case "shoot.cancelled":
      return `Shoot of ${when(data, "starts_at", zone)} cancelled`;
    case "shoot.completed":
      return `Shoot of ${when(data, "starts_at", zone)} completed`;
    case "order.created":
      return `Order created: ${money(data, "total_cents")}`;
    case "invoice.status_changed":
      return `Invoice ${str(data.previous_status) ?? "?"} → ${str(data.status) ?? "?"} (${money(data, "amount_cents")})`;
    case "invoice.paid":
      return `Invoice paid: ${money(data, "amount_cents")}`;
    default:
      return type;
  }
}
