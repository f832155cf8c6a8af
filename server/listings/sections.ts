// Listing sections: the Matterport 3D tour and the floor plan.
import type { AgencyScope } from "../db/tenant";
import { AppError } from "../errors";
import type { UpdateSectionInput } from "../api/routers/listings/schemas";
import { listingInclude, lockListing, type ListingRecord } from "./load";
import { emitEvent } from "../webhooks/emit";

const MATTERPORT_ID = /^[A-Za-z0-9]{11}$/;

const invalid = (field: string, message: string) =>
  new AppError("validation_failed", `${field}: ${message}`, [{ field, message }]);

/** The model id in a Matterport URL (my.matterport.com/show/?m=<id>, /models/<id>, discover .../space/<id>). */
export function matterportIdFromUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.hostname !== "matterport.com" && !url.hostname.endsWith(".matterport.com")) return undefined;
  const candidate = url.searchParams.get("m") ?? url.pathname.match(/\/(?:models|space|show)\/([A-Za-z0-9]+)/)?.[1];
  return candidate && MATTERPORT_ID.test(candidate) ? candidate : undefined;
}

export const matterportShowUrl = (modelId: string) => `https://my.matterport.com/show/?m=${modelId}`;

export function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

type SectionUpdate =
  | { matterportId: string | null; matterportUrl: string | null; matterportSetAt: Date | null }
  | { floorplanUrl: string | null; floorplanSetAt: Date | null };

/** Validates the body for one section and says what to store. */
export function sectionUpdate(input: UpdateSectionInput, now: Date): SectionUpdate {
  const hasUrl = input.url !== undefined;
  const hasModel = input.model_id !== undefined;
  if (input.section === "floorplan") {
    if (hasModel) throw invalid("model_id", "only the matterport section takes a model_id");
    if (!hasUrl) throw invalid("url", "is required (null clears the section)");
    if (input.url === null) return { floorplanUrl: null, floorplanSetAt: null };
    if (!isHttpUrl(input.url!)) throw invalid("url", "must be an http(s) URL");
    return { floorplanUrl: input.url!, floorplanSetAt: now };
  }
  if (hasUrl && hasModel) throw invalid("url", "send either url or model_id, not both");
  if (!hasUrl && !hasModel) throw invalid("url", "send a Matterport model url or model_id (null clears the section)");
  const value = hasUrl ? input.url : input.model_id;
  if (value === null) return { matterportId: null, matterportUrl: null, matterportSetAt: null };
  const modelId = hasUrl ? matterportIdFromUrl(value!) : MATTERPORT_ID.test(value!) ? value! : undefined;
  if (!modelId) {
    throw hasUrl
      ? invalid("url", "must be a Matterport model URL, e.g. https://my.matterport.com/show/?m=SxQL3iGyoDo")
      : invalid("model_id", "must be a Matterport model id: 11 letters and digits");
  }
  return { matterportId: modelId, matterportUrl: matterportShowUrl(modelId), matterportSetAt: now };
}

export function updateListingSection({ db, agencyId, actor }: AgencyScope, input: UpdateSectionInput, now: Date = new Date()): Promise<ListingRecord> {
  const data = sectionUpdate(input, now);
  return db.$transaction(async (tx) => {
    const { id } = await lockListing(tx, input.listing_number);
    const tour = await tx.tour.update({ where: { id }, data, include: listingInclude });
    const matterport = input.section === "matterport";
    await emitEvent(tx, { agencyId, actor }, "listing.section_updated", {
      listing_number: tour.listingNumber,
      section: input.section,
      url: matterport ? tour.matterportUrl : tour.floorplanUrl,
      model_id: matterport ? tour.matterportId : null,
      updated_at: now.toISOString(),
    });
    return tour;
  });
}
