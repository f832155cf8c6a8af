// The dashboard's writes are idempotent like /api/v1's: a tRPC mutation sent twice with the same
// X-Idempotency-Key runs once and the second answer is the stored first one.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { OWNER, signIn } from "./helpers";

async function agencyUsers(page: Page) {
  const response = await page.request.get(`/api/trpc/users.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`);
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { result: { data: { items: { id: string; role: string }[] } } };
  return body.result.data.items;
}

test("a repeated dashboard mutation with the same key runs once; another body with that key is refused", async ({ page, baseURL }) => {
  await signIn(page, OWNER);
  const users = await agencyUsers(page);
  const owner = users.find((u) => u.role === "owner")!;
  const agent = users.find((u) => u.role === "agent")!;
  const key = randomUUID();
  const headers = { "X-Idempotency-Key": key, Origin: baseURL!, "Content-Type": "application/json" };
  const input = { address: `${Date.now() % 10_000} Replay Ave, Portland, OR 97201`, owner_user_id: owner.id, agent_one_id: agent.id };

  const first = await page.request.post("/api/trpc/listings.create", { headers, data: input });
  expect(first.status(), await first.text()).toBe(200);
  const created = (await first.json()).result.data as { listing_number: string };

  const again = await page.request.post("/api/trpc/listings.create", { headers, data: input });
  expect(again.status()).toBe(200);
  expect(again.headers()["x-idempotent-replay"]).toBe("true");
  expect((await again.json()).result.data.listing_number).toBe(created.listing_number);

  // Only one listing has that address.
  const search = await page.request.get(`/api/trpc/listings.list?input=${encodeURIComponent(JSON.stringify({ limit: 200 }))}`);
  const items = (await search.json()).result.data.items as { address: string }[];
  expect(items.filter((l) => l.address === input.address)).toHaveLength(1);

  // The same key for another change: refused in the shape the dashboard reads.
  const conflict = await page.request.post("/api/trpc/listings.create", { headers, data: { ...input, address: `${input.address} B` } });
  expect(conflict.status()).toBe(409);
  const error = (await conflict.json()).error;
  expect(error.data.code).toBe("idempotency_key_conflict");
  expect(error.data.requestId).toMatch(/^req_/);
});
