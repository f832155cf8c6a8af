import type { AgencyScope } from "../db/tenant";
import type { Prisma } from "../db/generated/client.ts";
import { paginate, type Page } from "../pagination/cursor";
import type { ListingDto, ListListingsInput } from "../api/routers/listings/schemas";
import { listingInclude, toListingDto } from "./load";

/** The agency's listings, newest first, filtered by status and by agent (one or two). */
export function listListings({ db }: AgencyScope, input: ListListingsInput, appUrl: string): Promise<Page<ListingDto>> {
  const where: Prisma.TourWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.agent_id ? { OR: [{ agentOneId: input.agent_id }, { agentTwoId: input.agent_id }] } : {}),
  };
  return paginate(
    input,
    "desc",
    (after, take) => db.tour.findMany({ where: { AND: [where, after] }, orderBy: { id: "desc" }, take, include: listingInclude }),
    () => db.tour.count({ where }),
    (tour) => toListingDto(tour, appUrl),
  );
}
