// One agency with a resource of every kind the API and the dashboard address by id, made as an
// operator and an integrator would (the CLI, /api/v1, a dashboard session): the tenant matrices
// aim another agency's credentials at these, the fuzzer aims junk at them.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Stack } from "./stack";
import { cli } from "./cli";
import { call, idem } from "./http";
import { Session } from "./session";
import { secrets } from "./secrets";

export const PASSWORD = "hardening-password-2026";

export interface Agency {
  slug: string;
  id: string;
  ownerEmail: string;
  key: string;
  keyId: string;
  ownerId: string;
  agentId: string;
  viewerId: string;
  teamId: string;
  packageCode: string;
  listingNumber: string;
  shootId: string;
  mediaId: string;
  orderId: string;
  endpointId: string;
  webhookDeliveryId: string;
  galleryDeliveryId: string;
  galleryUrl: string;
  blockId: string;
  session: Session;
}

/** Text for every stored field: plain by default, an XSS payload per field when `text` says so. */
export type FieldText = (field: string) => string;

export async function provisionAgency(stack: Stack, label: string, hookUrl: string, text: FieldText = (field) => `${label} ${field}`): Promise<Agency> {
  const slug = `${label}-${randomBytes(3).toString("hex")}`;
  const run = <T = any>(args: string[]) => cli<T>(stack.databaseUrl, stack.env, args);
  const created = await run(["agency", "create", "--slug", slug, "--name", text("agency name"), "--kind", "media_agency",
    "--owner-email", `owner@${slug}.test`, "--owner-name", text("owner name"), "--owner-password", PASSWORD]);
  const user = (role: string, local: string, extra: string[] = []) =>
    run(["user", "create", "--agency", slug, "--email", `${local}@${slug}.test`, "--name", text(`${local} name`), "--role", role, "--password", PASSWORD, ...extra]);
  const [agent, viewer] = await Promise.all([user("agent", "agent", ["--team", text("team name")]), user("viewer", "viewer")]);
  // A code no other agency has, so that naming it from another agency finds nothing by accident.
  const packageCode = `pkg-${randomBytes(3).toString("hex")}`;
  await run(["package", "create", "--agency", slug, "--code", packageCode, "--name", text("package name"), "--duration-minutes", "90", "--price-cents", "24900"]);
  const key = await run(["key", "create", "--agency", slug, "--name", text("api key name"), "--scopes", "all"]);
  const block = await run(["block", "add", "--agency", slug, "--from", "2031-07-05", "--to", "2031-07-05", "--reason", text("blocked time reason")]);

  const ownerId = created.owner.id as string;
  const agentId = agent.user.id as string;
  const base = stack.baseUrl;
  const as = { key: key.key as string };
  const listing = await call(base, "POST", "/api/v1/listings", {
    address: text("listing address"), owner_user_id: ownerId, agent_one_id: agentId, package: packageCode, notes: text("listing notes"),
  }, as);
  if (listing.status !== 201) throw new Error(`hardening: listing for ${slug}: ${listing.status} ${listing.text}`);
  const listingNumber = listing.body.listing_number as string;
  const shoot = await run(["shoot", "schedule", "--listing", listingNumber, "--at", new Date(Date.now() + 30 * 86_400_000).toISOString()]);

  const form = new FormData();
  form.set("listing_number", listingNumber);
  form.set("files", new Blob([fs.readFileSync("e2e/fixtures/media/photo.jpg")], { type: "image/jpeg" }), "photo.jpg");
  const upload = await fetch(`${base}/api/v1/media/upload`, { method: "POST", headers: { "X-API-Key": as.key, "X-Idempotency-Key": idem() }, body: form });
  const uploaded = (await upload.json()) as any;
  if (upload.status !== 201) throw new Error(`hardening: upload for ${slug}: ${upload.status} ${JSON.stringify(uploaded)}`);
  const mediaId = uploaded.items[0].media_id as string;
  await expectOk(call(base, "PATCH", `/api/v1/media/${mediaId}`, { caption: text("media caption") }, as), "caption");
  const delivered = await expectOk(call(base, "POST", `/api/v1/listings/${listingNumber}/media/deliver`, {}, as), "deliver");
  secrets.add("gallery token", String(delivered.gallery_url).split("/d/")[1] ?? "");
  const endpoint = await expectOk(call(base, "POST", "/api/v1/webhooks/endpoints", { url: hookUrl, event_types: ["listing.created"], description: text("webhook description") }, as), "endpoint");
  await expectOk(call(base, "POST", `/api/v1/webhooks/endpoints/${endpoint.endpoint_id}/test`, { event_type: "listing.created" }, as), "test event");
  const deliveries = await expectOk(call(base, "GET", `/api/v1/webhooks/endpoints/${endpoint.endpoint_id}/deliveries`, undefined, as), "deliveries");
  const orders = await expectOk(call(base, "GET", `/api/v1/listings/${listingNumber}/orders`, undefined, as), "orders");

  const session = await Session.signIn(base, `owner@${slug}.test`, PASSWORD);
  const teams = await session.ok<any>("query", "teams.list", {});
  const keys = await session.ok<any>("query", "apiKeys.list", {});
  return {
    slug,
    id: created.agency.id,
    ownerEmail: `owner@${slug}.test`,
    key: as.key,
    keyId: (keys.items ?? keys)[0].id,
    ownerId,
    agentId,
    viewerId: viewer.user.id,
    teamId: (teams.items ?? teams)[0].id,
    packageCode,
    listingNumber,
    shootId: shoot.shoot.id,
    mediaId,
    orderId: orders.items[0].id ?? orders.items[0].order_id,
    endpointId: endpoint.endpoint_id,
    webhookDeliveryId: deliveries.items[0].id ?? deliveries.items[0].delivery_id,
    galleryDeliveryId: delivered.delivery_id,
    galleryUrl: delivered.gallery_url,
    blockId: block.blocked_time.id,
    session,
  };
}

async function expectOk(answer: ReturnType<typeof call>, what: string): Promise<any> {
  const result = await answer;
  if (result.status < 200 || result.status > 299) throw new Error(`hardening: fixture ${what}: ${result.status} ${result.text.slice(0, 300)}`);
  if (typeof result.body?.secret === "string") secrets.add("webhook secret", result.body.secret);
  return result.body;
}
