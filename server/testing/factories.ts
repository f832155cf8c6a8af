// Test data, built through the same domain functions the app uses.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/generated/client.ts";
import { agencyScope, type AgencyScope } from "../db/tenant";
import type { EventActor } from "../webhooks/actor";
import { createAgency, createUser } from "../agencies/agencies";
import { mintApiKey } from "../api-keys/api-keys";
import { newId } from "../ids";
import type { AgencyRole, Scope } from "../auth/scopes";

export const TEST_PASSWORD = "test-password-123";

/** Who test set-up acts as (the operator CLI, as an operator would set an agency up). */
export const TEST_OPERATOR: EventActor = { kind: "cli", id: "test", display: "test" };

export interface TestAgency {
  id: string;
  slug: string;
  scope: AgencyScope;
  owner: { id: string; email: string };
  agents: { id: string; email: string }[];
  viewer: { id: string; email: string };
}

export async function makeAgency(prisma: PrismaClient, options: { slug?: string; kind?: "media_agency" | "broker"; packages?: boolean } = {}): Promise<TestAgency> {
  const slug = options.slug ?? `agency-${randomBytes(4).toString("hex")}`;
  const created = await createAgency(prisma, {
    slug,
    name: `Agency ${slug}`,
    kind: options.kind ?? "media_agency",
    owner_email: `owner@${slug}.test`,
    owner_password: TEST_PASSWORD,
  });
  const user = async (role: AgencyRole, local: string) =>
    (await createUser(prisma, { agency: slug, email: `${local}@${slug}.test`, name: `${local} ${slug}`, role, password: TEST_PASSWORD }, TEST_OPERATOR)).user;
  const agents = [await user("agent", "agent1"), await user("agent", "agent2")];
  const viewer = await user("viewer", "viewer");
  const scope = agencyScope(prisma, created.agency.id, TEST_OPERATOR);
  if (options.packages !== false) {
    await prisma.package.create({
      data: { id: newId("package"), agencyId: created.agency.id, code: "essentials", name: "Essentials Photo", durationMinutes: 90, priceCents: 24_900, currency: "USD" },
    });
  }
  return {
    id: created.agency.id,
    slug,
    scope,
    owner: created.owner,
    agents: agents.map((a) => ({ id: a.id, email: a.email })),
    viewer: { id: viewer.id, email: viewer.email },
  };
}

export async function makeApiKey(agency: TestAgency, scopes?: readonly Scope[]): Promise<string> {
  const { key } = await mintApiKey(
    agency.scope,
    { name: "test key", scopes: scopes ?? ["listings:read", "listings:write", "media:write", "scheduling:read", "users:read", "webhooks:read", "webhooks:write"] },
    { user: null, via: "cli" },
  );
  return key;
}
