// The lock decision, case by case: the override beats the agency's setting, and with payment
// required only a listing whose every live invoice is paid is unlocked.
import { describe, expect, it } from "vitest";
import type { InvoiceStatus } from "../db/generated/client.ts";
import { decideDownloadLock } from "./download-lock";

const inv = (status: InvoiceStatus, publicUrl: string | null = null) => ({ status, publicUrl });

describe("decideDownloadLock", () => {
  it("never locks when payment is not required (agency off and inherit, or the listing says never)", () => {
    expect(decideDownloadLock({ agencyRequiresPayment: false, gate: "inherit", invoices: [inv("UNPAID")] })).toEqual({ requiresPayment: false, locked: false, payUrl: null });
    expect(decideDownloadLock({ agencyRequiresPayment: true, gate: "never", invoices: [inv("UNPAID")] })).toEqual({ requiresPayment: false, locked: false, payUrl: null });
  });

  it.each([
    ["no invoice at all", [], true],
    ["a draft not yet sent", [inv("DRAFT")], true],
    ["unpaid", [inv("UNPAID")], true],
    ["partially paid", [inv("PARTIALLY_PAID")], true],
    ["failed", [inv("FAILED")], true],
    ["payment pending", [inv("PAYMENT_PENDING")], true],
    ["fully refunded", [inv("REFUNDED")], true],
    ["only cancelled invoices", [inv("CANCELED")], true],
    ["paid", [inv("PAID")], false],
    ["paid, then partly refunded", [inv("PARTIALLY_REFUNDED")], false],
    ["paid plus a cancelled one", [inv("PAID"), inv("CANCELED")], false],
    ["one paid, one unpaid", [inv("PAID"), inv("UNPAID")], true],
  ] as const)("with payment required: %s → locked %s", (_name, invoices, locked) => {
    for (const facts of [
      { agencyRequiresPayment: true, gate: "inherit" as const },
      { agencyRequiresPayment: false, gate: "until_paid" as const },
    ]) {
      const decision = decideDownloadLock({ ...facts, invoices: [...invoices] });
      expect(decision.requiresPayment).toBe(true);
      expect(decision.locked).toBe(locked);
    }
  });

  it("links the first unpaid invoice that has a Square page, and none once unlocked", () => {
    const invoices = [inv("PAID", "https://pay/paid"), inv("DRAFT"), inv("UNPAID", "https://pay/second")];
    expect(decideDownloadLock({ agencyRequiresPayment: true, gate: "inherit", invoices }).payUrl).toBe("https://pay/second");
    expect(decideDownloadLock({ agencyRequiresPayment: true, gate: "inherit", invoices: [inv("PAID", "https://pay/paid")] }).payUrl).toBeNull();
  });
});
