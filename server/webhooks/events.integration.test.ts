// Every change that has an event writes it (the outbox), with data matching the catalog.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { TEST_OPERATOR, makeAgency, type TestAgency } from "../testing/factories";
import { createListing } from "../listings/create-listing";
import { changeListingStatus } from "../listings/change-status";
import { updateListingSection } from "../listings/sections";
import { mintApiKey, revokeApiKey } from "../api-keys/api-keys";
import { createUser } from "../agencies/agencies";
import { cancelListing } from "../listings/cancel-listing";
import { scheduleShoot } from "../shoots/schedule-shoot";
import { applySquareEvent } from "../square/webhook-events";
import { bookShoot, cancelShoot, rescheduleShoot } from "../shoots/shoots";
import { BookShootInput, RescheduleShootInput, ShootPathInput } from "../api/routers/shoots/schemas";
import { withSchedule } from "../testing/scheduling";
import { markMediaDelivered } from "../listings/media-delivery";
import { errorCodeOf } from "../testing/errors";
import { newId } from "../ids";
import { EVENT_CATALOG, type EventType } from "./catalog";

describeEachDatabase("events written by changes", (testDb) => {
  let agency: TestAgency;
  const prisma = () => testDb().db.prisma;
  const lastEvent = async (type: EventType) => {
    const event = await prisma().webhookEvent.findFirstOrThrow({ where: { agencyId: agency.id, type }, orderBy: { id: "desc" } });
    expect(EVENT_CATALOG[type].data.safeParse(event.data).success, `${type} matches the catalog`).toBe(true);
    expect(event.apiVersion).toBe(EVENT_CATALOG[type].apiVersion);
    return event.data as Record<string, unknown>;
  };

  beforeAll(async () => {
    agency = await makeAgency(prisma());
  });

  it("listing.created and order.created, in the listing's transaction", async () => {
    const tour = await createListing(
      agency.scope,
      { address: "9 Event Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" },
      "https://valara.example",
    );
    expect(await lastEvent("listing.created")).toMatchObject({
      listing_number: tour.listingNumber,
      status: "Coming Soon",
      property_url: `https://valara.example/property/${tour.listingNumber}`,
      package: "essentials",
    });
    expect(await lastEvent("order.created")).toMatchObject({
      listing_number: tour.listingNumber,
      total_cents: 24_900,
      invoice_status: "DRAFT",
      line_items: [{ package: "essentials", quantity: 1 }],
    });
  });

  it("listing.status_changed and listing.section_updated", async () => {
    const tour = await createListing(agency.scope, { address: "1 Event Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });
    await changeListingStatus(agency.scope, tour.listingNumber, "Active");
    expect(await lastEvent("listing.status_changed")).toMatchObject({ listing_number: tour.listingNumber, previous_status: "Coming Soon", status: "Active" });
    await updateListingSection(agency.scope, { listing_number: tour.listingNumber, section: "matterport", model_id: "SxQL3iGyoDo" });
    expect(await lastEvent("listing.section_updated")).toMatchObject({ section: "matterport", model_id: "SxQL3iGyoDo", url: "https://my.matterport.com/show/?m=SxQL3iGyoDo" });
    await updateListingSection(agency.scope, { listing_number: tour.listingNumber, section: "floorplan", url: null });
    expect(await lastEvent("listing.section_updated")).toMatchObject({ section: "floorplan", url: null, model_id: null });
  });

  it("no event when the change is refused", async () => {
    const before = await prisma().webhookEvent.count({ where: { agencyId: agency.id } });
    const tour = await createListing(agency.scope, { address: "2 Event Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });
    const afterCreate = await prisma().webhookEvent.count({ where: { agencyId: agency.id } });
    await expect(changeListingStatus(agency.scope, tour.listingNumber, "Sold")).rejects.toThrow();
    expect(await prisma().webhookEvent.count({ where: { agencyId: agency.id } })).toBe(afterCreate);
    expect(afterCreate).toBeGreaterThanOrEqual(before);
  });

  it("api_key.created and api_key.revoked, never carrying the key", async () => {
    const { apiKey, key } = await mintApiKey(agency.scope, { name: "Events", scopes: ["listings:read"] }, { user: null, via: "cli" });
    const created = await lastEvent("api_key.created");
    expect(created).toMatchObject({ api_key_id: apiKey.id, name: "Events", scopes: ["listings:read"], created_via: "cli", minted_on_behalf: false });
    expect(JSON.stringify(created)).not.toContain(key.slice(11));
    await revokeApiKey(agency.scope, apiKey.id, null);
    expect(await lastEvent("api_key.revoked")).toMatchObject({ api_key_id: apiKey.id });
    const revokedEvents = await prisma().webhookEvent.count({ where: { agencyId: agency.id, type: "api_key.revoked" } });
    await revokeApiKey(agency.scope, apiKey.id, null); // again: nothing changed, no event
    expect(await prisma().webhookEvent.count({ where: { agencyId: agency.id, type: "api_key.revoked" } })).toBe(revokedEvents);
  });

  it("listing.cancelled with shoot.cancelled and invoice.status_changed for what it cancelled", async () => {
    const tour = await createListing(agency.scope, { address: "3 Event Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" });
    const shoot = await scheduleShoot(agency.scope, { listing_number: tour.listingNumber, starts_at: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    await cancelListing(agency.scope, tour.listingNumber);
    const invoice = await prisma().invoice.findFirstOrThrow({ where: { order: { tourId: tour.id } } });
    expect(await lastEvent("listing.cancelled")).toMatchObject({
      listing_number: tour.listingNumber,
      previous_status: "Coming Soon",
      cancelled_shoot_ids: [shoot.id],
      cancelled_invoice_ids: [invoice.id],
    });
    expect(await lastEvent("shoot.cancelled")).toMatchObject({ shoot_id: shoot.id, status: "cancelled", listing_number: tour.listingNumber });
    expect(await lastEvent("invoice.status_changed")).toMatchObject({ invoice_id: invoice.id, previous_status: "DRAFT", status: "CANCELED" });
  });

  it("invoice.status_changed and invoice.paid when Square says an invoice was paid; nothing for a stale event", async () => {
    const tour = await createListing(agency.scope, { address: "4 Event Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" });
    const invoice = await prisma().invoice.findFirstOrThrow({ where: { order: { tourId: tour.id } } });
    const squareId = `inv:0-${invoice.id}`;
    await prisma().invoice.update({ where: { id: invoice.id }, data: { squareInvoiceId: squareId, squareVersion: 1, status: "UNPAID" } });
    const paid = (version: number, eventId: string, createdAt: string) => ({
      event_id: eventId,
      type: "invoice.payment_made",
      created_at: createdAt,
      data: { type: "invoice", id: squareId, object: { invoice: { id: squareId, status: "PAID", version } } },
    });
    expect(await applySquareEvent(prisma(), paid(3, `e-${invoice.id}-1`, "2026-12-01T10:00:00Z"))).toMatchObject({ outcome: "applied" });
    expect(await lastEvent("invoice.status_changed")).toMatchObject({ invoice_id: invoice.id, previous_status: "UNPAID", status: "PAID", square_invoice_id: squareId });
    expect(await lastEvent("invoice.paid")).toMatchObject({ invoice_id: invoice.id, amount_cents: 24_900 });
    const events = await prisma().webhookEvent.count({ where: { agencyId: agency.id } });
    expect(await applySquareEvent(prisma(), paid(2, `e-${invoice.id}-0`, "2026-11-30T10:00:00Z"))).toMatchObject({ outcome: "stale" });
    expect(await prisma().webhookEvent.count({ where: { agencyId: agency.id } })).toBe(events);
  });

  it("shoot.scheduled, shoot.rescheduled and shoot.cancelled from booking", async () => {
    await withSchedule(agency);
    const now = new Date("2027-03-01T00:00:00Z");
    const tour = await createListing(agency.scope, { address: "5 Event Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id, package: "essentials" });
    const booked = await bookShoot(agency.scope, BookShootInput.parse({ listing_number: tour.listingNumber, start: "2027-03-16T09:00:00-07:00" }), now);
    expect(await lastEvent("shoot.scheduled")).toMatchObject({
      shoot_id: booked.shoot_id,
      listing_number: tour.listingNumber,
      status: "scheduled",
      starts_at: "2027-03-16T16:00:00.000Z",
      package: "essentials",
    });
    await rescheduleShoot(agency.scope, RescheduleShootInput.parse({ listing_number: tour.listingNumber, shoot_id: booked.shoot_id, start: "2027-03-17T10:00:00-07:00" }), now);
    expect(await lastEvent("shoot.rescheduled")).toMatchObject({
      shoot_id: booked.shoot_id,
      starts_at: "2027-03-17T17:00:00.000Z",
      previous_starts_at: "2027-03-16T16:00:00.000Z",
    });
    await cancelShoot(agency.scope, ShootPathInput.parse({ listing_number: tour.listingNumber, shoot_id: booked.shoot_id }), now);
    expect(await lastEvent("shoot.cancelled")).toMatchObject({ shoot_id: booked.shoot_id, status: "cancelled", cancelled_at: now.toISOString() });
  });

  it("media.delivery.completed when the agency marks a listing's media delivered, with the counts", async () => {
    const tour = await createListing(agency.scope, { address: "6 Event Way", owner_user_id: agency.owner.id, agent_one_id: agency.agents[0]!.id });
    expect(await errorCodeOf(markMediaDelivered(agency.scope, tour.listingNumber, "https://valara.example"))).toBe("lifecycle_violation");
    for (const kind of ["photo", "photo", "floor_plan"] as const) {
      await prisma().media.create({
        data: {
          id: newId("media"),
          agencyId: agency.id,
          tourId: tour.id,
          kind,
          filename: `${kind}.jpg`,
          contentType: "image/jpeg",
          sizeBytes: 10,
          sha256: "0".repeat(64),
          storageKey: `test/${newId("media")}`,
          uploadedVia: "api_key",
        },
      });
    }
    const { listing: delivered, delivery } = await markMediaDelivered(agency.scope, tour.listingNumber, "https://valara.example", new Date("2026-12-02T16:00:00Z"));
    expect(delivered.mediaDeliveredAt?.toISOString()).toBe("2026-12-02T16:00:00.000Z");
    expect(await lastEvent("media.delivery.completed")).toEqual({
      listing_number: tour.listingNumber,
      delivered_at: "2026-12-02T16:00:00.000Z",
      property_url: `https://valara.example/property/${tour.listingNumber}`,
      media_counts: { photos: 2, videos: 0, documents: 0, floor_plans: 1 },
      gallery_url: `https://valara.example/d/${delivery.token}`,
      delivery_id: delivery.id,
    });
    await cancelListing(agency.scope, tour.listingNumber);
    expect(await errorCodeOf(markMediaDelivered(agency.scope, tour.listingNumber, "https://valara.example"))).toBe("lifecycle_violation");
  });

  it("user.created for a user added to the agency", async () => {
    const { user } = await createUser(prisma(), { agency: agency.slug, email: `new@${agency.slug}.test`, name: "New Person", role: "assistant", team: "Night Crew" }, TEST_OPERATOR);
    expect(await lastEvent("user.created")).toMatchObject({ user_id: user.id, role: "assistant", team: { name: "Night Crew" } });
  });
});
