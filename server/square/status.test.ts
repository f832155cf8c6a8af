import { describe, expect, it } from "vitest";
import { CANCELLABLE_INVOICE_STATES, INVOICE_STATUSES, invoiceStatusFromSquare } from "./status";

describe("Square invoice statuses", () => {
  it("maps each of Square's ten statuses to the same InvoiceStatus", () => {
    const square = ["DRAFT", "UNPAID", "SCHEDULED", "PARTIALLY_PAID", "PAID", "PARTIALLY_REFUNDED", "REFUNDED", "CANCELED", "FAILED", "PAYMENT_PENDING"];
    expect([...INVOICE_STATUSES].sort()).toEqual([...square].sort());
    for (const status of square) expect(invoiceStatusFromSquare(status)).toBe(status);
  });

  it("refuses anything else: unknown, differently spelled or cased, not a string", () => {
    for (const value of ["CANCELLED", "paid", "Paid", "", " PAID", "DELETED", null, undefined, 3, {}]) {
      expect(invoiceStatusFromSquare(value)).toBeNull();
    }
  });

  it("only invoices nobody has paid on are cancelled with their listing", () => {
    expect([...CANCELLABLE_INVOICE_STATES].sort()).toEqual(["DRAFT", "SCHEDULED", "UNPAID"]);
  });
});
