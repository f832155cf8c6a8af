import { isUniqueViolation } from "../db/errors";
import type { AgencyScope, TenantTx } from "../db/tenant";
import { newId } from "../ids";
import { invalidReference } from "../errors";
import { LISTING_AGENT_ROLES, type AgencyRole } from "../auth/scopes";
import type { CreateListingInput } from "../api/routers/listings/schemas";
import { packageOrder } from "../orders/package-order";
import { resolvePackages } from "../packages/packages";
import { generateListingNumber, listingNumberLength } from "./listing-number";
import { listingInclude, propertyUrl, type ListingRecord } from "./load";
import { emitEvent } from "../webhooks/emit";
import { loadEnv } from "../env";

const MAX_ATTEMPTS = 8;

/** Checks that the listing's people are active users of the agency who can play their parts. */
async function checkPeople(tx: TenantTx, input: CreateListingInput): Promise<void> {
  const wanted = [
    { field: "owner_user_id", id: input.owner_user_id, agent: false },
    { field: "agent_one_id", id: input.agent_one_id, agent: true },
    ...(input.agent_two_id ? [{ field: "agent_two_id", id: input.agent_two_id, agent: true }] : []),
  ];
  const users = await tx.user.findMany({
    where: { id: { in: wanted.map((w) => w.id) }, disabledAt: null },
    select: { id: true, role: true },
  });
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const { field, id, agent } of wanted) {
    const user = byId.get(id);
    if (!user) throw invalidReference(field, `no active user ${id} in your agency`);
    if (agent && !LISTING_AGENT_ROLES.includes(user.role as AgencyRole)) {
      throw invalidReference(field, `user ${id} is a ${user.role}; agents must be one of: ${LISTING_AGENT_ROLES.join(", ")}`);
    }
  }
  if (input.agent_two_id && input.agent_two_id === input.agent_one_id) {
    throw invalidReference("agent_two_id", "must differ from agent_one_id");
  }
}

/**
 * Creates a listing ("Coming Soon") and, with a package, its first order (the package, then each
 * add-on) and a draft invoice, all in one transaction.
 */
export async function createListing(
  { db, agencyId, actor }: AgencyScope,
  input: CreateListingInput,
  appUrl: string = loadEnv().APP_URL,
): Promise<ListingRecord> {
  for (let attempt = 0; ; attempt++) {
    const listingNumber = generateListingNumber(listingNumberLength(attempt));
    try {
      return await db.$transaction(async (tx) => {
        await checkPeople(tx, input);
        // The schema refuses add-ons without a package.
        const ordered = input.package ? await resolvePackages(tx, { package: input.package, addOns: input.add_ons ?? [] }, invalidReference, { refuseRetired: true }) : null;
        const pkg = ordered?.package ?? null;
        const addOns = ordered?.addOns ?? [];
        const tourId = newId("tour");
        await tx.tour.create({
          data: {
            id: tourId,
            agencyId,
            listingNumber,
            address: input.address,
            ownerUserId: input.owner_user_id,
            agentOneId: input.agent_one_id,
            agentTwoId: input.agent_two_id ?? null,
            packageId: pkg?.id ?? null,
            notes: input.notes ?? null,
          },
        });
        if (pkg) {
          const { order, invoice } = packageOrder({ agencyId, tourId, pkg, addOns });
          const created = await tx.order.create({ data: order, include: { lineItems: { orderBy: { position: "asc" } } } });
          await tx.invoice.create({ data: invoice });
          await emitEvent(tx, { agencyId, actor }, "order.created", {
            order_id: created.id,
            listing_number: listingNumber,
            currency: created.currency,
            subtotal_cents: created.subtotalCents,
            total_cents: created.totalCents,
            line_items: created.lineItems.map((item) => ({
              description: item.description,
              package: [pkg, ...addOns].find((p) => p.id === item.packageId)?.code ?? null,
              quantity: item.quantity,
              unit_price_cents: item.unitPriceCents,
              total_cents: item.totalCents,
            })),
            invoice_status: invoice.status ?? "DRAFT",
          });
        }
        const tour = await tx.tour.findUniqueOrThrow({ where: { id: tourId }, include: listingInclude });
        await emitEvent(tx, { agencyId, actor }, "listing.created", {
          listing_number: tour.listingNumber,
          status: "Coming Soon",
          address: tour.address,
          property_url: propertyUrl(appUrl, tour.listingNumber),
          owner_user_id: tour.ownerUserId,
          agent_one_id: tour.agentOneId,
          agent_two_id: tour.agentTwoId,
          package: tour.package?.code ?? null,
          created_at: tour.createdAt.toISOString(),
        });
        return tour;
      });
    } catch (error) {
      if (isUniqueViolation(error, "listing_number") && attempt < MAX_ATTEMPTS) continue;
      throw error;
    }
  }
}
