// Client gallery links: only the token's hash is stored, a revoked or expired link opens nothing,
// and one agency cannot revoke (or even find) another's delivery.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import pino from "pino";
import { beforeAll, expect, it } from "vitest";
import { appRouter } from "../api/root";
import { createRestHandler } from "../http/rest-handler";
import { describeEachDatabase } from "../testing/each-database";
import { makeAgency, makeApiKey, type TestAgency } from "../testing/factories";
import { createListing } from "../listings/create-listing";
import { markMediaDelivered } from "../listings/media-delivery";
import { errorCodeOf } from "../testing/errors";
import { newId } from "../ids";
import { hashDeliveryToken, loadGallery, resolveDeliveryToken, revokeDelivery } from "./deliveries";

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

  it("POST /listings/{n}/media/deliver answers gallery_url additively, with or without a body", async () => {
    const handler = createRestHandler({ router: appRouter, db: async () => testDb().db, appUrl: APP, maxBodyBytes: 1024 * 1024, logger: pino({ level: "silent" }), sessionSecret: "x".repeat(32) });
    const server = http.createServer((req, res) => void handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
      const key = await makeApiKey(agency);
      const tour = await listingWithPhoto(agency);
      const headers = { "X-API-Key": key, "X-Idempotency-Key": randomUUID() };
      const bare = await fetch(`${base}/listings/${tour.listingNumber}/media/deliver`, { method: "POST", headers });
      expect(bare.status).toBe(200);
      const body = (await bare.json()) as { listing_number: string; media_delivered_at: string; gallery_url: string; gallery_expires_at: string | null; delivery_id: string };
      expect(body.delivery_id).toMatch(/^dlv_/);
      expect(body).toMatchObject({ listing_number: tour.listingNumber, gallery_expires_at: null });
      expect(body.media_delivered_at).toBeTruthy();
      const token = body.gallery_url.slice(`${APP}/d/`.length);
      expect((await resolveDeliveryToken(prisma(), token))?.tourId).toBe(tour.id);
      // A replay with the same idempotency key answers the same link, and makes no second delivery.
      const replay = await fetch(`${base}/listings/${tour.listingNumber}/media/deliver`, { method: "POST", headers });
      expect(((await replay.json()) as { gallery_url: string }).gallery_url).toBe(body.gallery_url);
      expect(await prisma().delivery.count({ where: { tourId: tour.id } })).toBe(1);

      const expires_at = new Date(Date.now() + 86_400_000).toISOString();
      const withExpiry = await fetch(`${base}/listings/${tour.listingNumber}/media/deliver`, {
        method: "POST",
        headers: { "X-API-Key": key, "X-Idempotency-Key": randomUUID(), "Content-Type": "application/json" },
        body: JSON.stringify({ expires_at }),
      });
      expect(withExpiry.status).toBe(200);
      expect(((await withExpiry.json()) as { gallery_expires_at: string }).gallery_expires_at).toBe(expires_at);
      const past = await fetch(`${base}/listings/${tour.listingNumber}/media/deliver`, {
        method: "POST",
        headers: { "X-API-Key": key, "X-Idempotency-Key": randomUUID(), "Content-Type": "application/json" },
        body: JSON.stringify({ expires_at: "2020-01-01T00:00:00Z" }),
      });
      expect(past.status).toBe(400);
      expect(((await past.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("the gallery shows the agency, the address and the live media, cover photo first; a revoked link shows nothing", async () => {
    const tour = await listingWithPhoto(agency);
    const photo = (id: string, position: number, isCover = false) =>
      prisma().media.create({
        data: {
          id, agencyId: agency.id, tourId: tour.id, kind: "photo", filename: `${id}.jpg`, contentType: "image/jpeg", position, isCover,
          sizeBytes: 10, sha256: "0".repeat(64), storageKey: `test/${id}`, uploadedVia: "api_key",
        },
      });
    await photo("media_b", 1);
    await photo("media_c", 2, true);
    await prisma().media.create({
      data: {
        id: "media_plan", agencyId: agency.id, tourId: tour.id, kind: "floor_plan", filename: "plan.pdf", contentType: "application/pdf",
        sizeBytes: 10, sha256: "0".repeat(64), storageKey: "test/media_plan", uploadedVia: "api_key",
      },
    });
    const { delivery } = await markMediaDelivered(agency.scope, tour.listingNumber, APP);
    const gallery = await loadGallery(prisma(), delivery.token);
    expect(gallery).toMatchObject({ agencyName: `Agency ${agency.slug}`, address: "4 Gallery Lane" });
    const ids = gallery!.items.map((m) => m.id);
    expect(ids[0]).toBe("media_c");
    expect(ids.at(-1)).toBe("media_plan");
    expect(ids.slice(1, -1)).toContain("media_b");
    await revokeDelivery(agency.scope.db, delivery.id);
    expect(await loadGallery(prisma(), delivery.token)).toBeNull();
  });
});
