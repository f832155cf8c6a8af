import { describe, expect, it } from "vitest";
import {
  LISTING_STATUSES,
  STATUS_LABELS,
  canCancel,
  canTransition,
  describeAllowedNext,
  statusFromLabel,
  type ListingStatus,
} from "./lifecycle";

// The contract's lifecycle, written out independently of the table under test.
const ALLOWED = new Set([
  "coming_soon>active",
  "coming_soon>off_market",
  "active>sold",
  "active>off_market",
  "off_market>active",
]);

describe("listing lifecycle", () => {
  it("allows exactly the contract's transitions and nothing else", () => {
    for (const from of LISTING_STATUSES) {
      for (const to of LISTING_STATUSES) {
        expect(canTransition(from, to), `${from} -> ${to}`).toBe(ALLOWED.has(`${from}>${to}`));
      }
    }
  });

  it("makes Sold and Cancelled final, and lets every other status be cancelled", () => {
    const cancellable: ListingStatus[] = ["coming_soon", "active", "off_market"];
    for (const status of LISTING_STATUSES) expect(canCancel(status)).toBe(cancellable.includes(status));
  });

  it("names the allowed next states", () => {
    expect(describeAllowedNext("coming_soon")).toBe("From Coming Soon a listing may move to: Active, Off Market.");
    expect(describeAllowedNext("sold")).toBe("Sold is final; no status change is allowed.");
  });

  it("reads labels in the contract's spelling and common variants", () => {
    expect(statusFromLabel("Coming Soon")).toBe("coming_soon");
    expect(statusFromLabel("off-market")).toBe("off_market");
    expect(statusFromLabel("ACTIVE")).toBe("active");
    expect(statusFromLabel("Pending")).toBeUndefined();
    for (const [status, label] of Object.entries(STATUS_LABELS)) expect(statusFromLabel(label)).toBe(status);
  });
});
