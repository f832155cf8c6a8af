import { describe, expect, it } from "vitest";
import { appRouter } from "../api/root";
import { buildRouteTable } from "../http/routes";
import { createMediaRoutes } from "../http/media-routes";
import { BUDGETS, OPERATION_BUDGETS } from "./budgets";
import { rateLimitHeaders } from "./limiter";
import { parseLimits } from "./from-env";

describe("the budget table", () => {
  const media = createMediaRoutes({ storage: {} as never, appUrl: "https://valara.example", maxFileBytes: 1024, logger: {} as never });
  const routes = buildRouteTable(appRouter, media).routes.map((route) => `${route.method} ${route.template}`);

  it("gives every /api/v1 operation a named budget", () => {
    const missing = routes.filter((operation) => !(operation in OPERATION_BUDGETS));
    expect(missing).toEqual([]);
  });

  it("lists no operation that does not exist", () => {
    expect(Object.keys(OPERATION_BUDGETS).filter((operation) => !routes.includes(operation))).toEqual([]);
  });

  it("names only budgets that exist, and keeps the published defaults", () => {
    for (const budget of Object.values(OPERATION_BUDGETS)) expect(BUDGETS).toHaveProperty(budget);
    expect(BUDGETS.read_listings_list.limit).toBe(300);
    expect(BUDGETS.upload_media.limit).toBe(20);
    expect(BUDGETS.get_webhook_catalog.limit).toBe(60);
  });
});

describe("rateLimitHeaders", () => {
  it("renders Valara's and the IETF draft's fields, and Retry-After when refused", () => {
    const headers = rateLimitHeaders({ allowed: false, budget: "cancel_listing", limit: 100, remaining: 0, resetSeconds: 70, retryAfterSeconds: 12 }, 1_000_000_000_000);
    expect(headers).toEqual({
      "X-Rate-Limit-Limit": "100",
      "X-Rate-Limit-Remaining": "0",
      "X-Rate-Limit-Reset": String(1_000_000_000 + 70),
      "RateLimit-Policy": '"cancel_listing";q=100;w=60',
      RateLimit: '"cancel_listing";r=0;t=70',
      "Retry-After": "12",
    });
  });
});

describe("parseLimits", () => {
  it("reads budget=limit pairs and refuses unknown budgets", () => {
    expect(parseLimits("read_listings_list=5, upload_media=2")).toEqual({ read_listings_list: 5, upload_media: 2 });
    expect(() => parseLimits("nope=1")).toThrow(/no budget named nope/);
  });
});
