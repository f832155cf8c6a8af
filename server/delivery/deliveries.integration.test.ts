// Client gallery links: only the token's hash is stored, a revoked or expired link opens nothing,
// and one agency cannot revoke (or even find) another's delivery.
import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, type TestAgency } from "../testing/factories";
import { createListing } from "../listings/create-listing";
import { markMediaDelivered } from "../listings/media-delivery";
import { errorCodeOf } from "../testing/errors";
import { newId } from "../ids";
import { hashDeliveryToken, resolveDeliveryToken, revokeDelivery } from "./deliveries";

describeEachDatabase("client deliveries", (testDb) => {
  let agency: TestAgency;
  let other: TestAgency;
  const prisma = () => testDb().db.prisma;
  const APP = "https://valara.example";

  async function listingWithPhoto(a: TestAgency) {
    const tour = await createListing(a.scope, { address: "4 Gallery Lane", owner_user_id: a.owner.id, agent_one_id: a.agents[0]!.id });
    await prisma().media.create({
      data: {
        id: newId("media"), agencyId: a.id, tourId: tour.id, kind: "photo", filename: "front.jpg", contentType: "image/jpeg",
        sizeBytes: 10, sha256: "0".repeat(64), storageKey: `test/${newId("media")}`, uploadedVia: "api_key",
      },
    });
    return tour;
  }

  beforeAll(async () => {
    agency = await makeAgency(prisma());
    other = await makeAgency(prisma());
  });

  it("makes a /d/<token> link of 256 random bits and stores only its SHA-256", async () => {
    const tour = await listingWithPhoto(agency);
    const { delivery } = await markMediaDelivered(agency.scope, tour.listingNumber, APP);
    expect(delivery.galleryUrl).toBe(`${APP}/d/${delivery.token}`);
    expect(Buffer.from(delivery.token, "base64url")).toHaveLength(32);
    const row = await prisma().delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row.tokenHash).toBe(hashDeliveryToken(delivery.token));
    expect(JSON.stringify(row)).not.toContain(delivery.token);
    expect((await resolveDeliveryToken(prisma(), delivery.token))?.id).toBe(delivery.id);
    // Each delivery makes a new link; both keep working.
    const again = await markMediaDelivered(agency.scope, tour.listingNumber, APP);
    expect(again.delivery.token).not.toBe(delivery.token);
    expect((await resolveDeliveryToken(prisma(), delivery.token))?.id).toBe(delivery.id);
    expect(await resolveDeliveryToken(prisma(), "not-a-token")).toBeNull();
    expect(await resolveDeliveryToken(prisma(), delivery.token.slice(0, -1) + (delivery.token.endsWith("A") ? "B" : "A"))).toBeNull();
  });

  it("a revoked link opens nothing; revoking twice keeps the first time", async () => {
    const tour = await listingWithPhoto(agency);
    const { delivery } = await markMediaDelivered(agency.scope, tour.listingNumber, APP);
    const first = await revokeDelivery(agency.scope.db, delivery.id, new Date("2026-12-04T10:00:00Z"));
    const second = await revokeDelivery(agency.scope.db, delivery.id, new Date("2026-12-04T11:00:00Z"));
    expect(second.revokedAt).toEqual(first.revokedAt);
    expect(await resolveDeliveryToken(prisma(), delivery.token)).toBeNull();
  });

  it("an expired link opens nothing; an expiry in the past is refused", async () => {
    const tour = await listingWithPhoto(agency);
    const now = new Date();
    const expiresAt = new Date(now.getTime() + 60_000);
    const { delivery } = await markMediaDelivered(agency.scope, tour.listingNumber, APP, now, expiresAt);
    expect((await resolveDeliveryToken(prisma(), delivery.token, new Date(expiresAt.getTime() - 1)))?.id).toBe(delivery.id);
    expect(await resolveDeliveryToken(prisma(), delivery.token, expiresAt)).toBeNull();
    expect(await errorCodeOf(markMediaDelivered(agency.scope, tour.listingNumber, APP, now, new Date(now.getTime() - 1)))).toBe("validation_failed");
  });

  it("another agency's delivery is not found", async () => {
    const tour = await listingWithPhoto(agency);
    const { delivery } = await markMediaDelivered(agency.scope, tour.listingNumber, APP);
    expect(await errorCodeOf(revokeDelivery(other.scope.db, delivery.id))).toBe("not_found");
    expect(await errorCodeOf(markMediaDelivered(other.scope, tour.listingNumber, APP))).toBe("listing_not_found");
    expect((await resolveDeliveryToken(prisma(), delivery.token))?.id).toBe(delivery.id);
  });
});
