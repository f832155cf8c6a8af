import { describe, expect, it } from "vitest";
import { describeEvent } from "./history-summary";
import { describeActor } from "@/server/webhooks/actor";

const LA = "America/Los_Angeles";

describe("history entries in words", () => {
  it("says what changed", () => {
    expect(describeEvent("listing.status_changed", { previous_status: "Coming Soon", status: "Active" }, LA)).toBe("Status changed from Coming Soon to Active");
    expect(describeEvent("listing.created", { package: "essentials" }, LA)).toBe("Listing created with package essentials");
    expect(describeEvent("listing.section_updated", { section: "matterport", url: "https://my.matterport.com/show/?m=SxQL3iGyoDo", model_id: "SxQL3iGyoDo" }, LA)).toBe(
      "Matterport 3D tour set to model SxQL3iGyoDo",
    );
    expect(describeEvent("listing.section_updated", { section: "floorplan", url: null }, LA)).toBe("Floor plan removed");
    expect(describeEvent("order.created", { total_cents: 32_400, currency: "USD" }, LA)).toBe("Order created: $324.00");
    expect(describeEvent("invoice.status_changed", { previous_status: "DRAFT", status: "UNPAID", amount_cents: 100, currency: "USD" }, LA)).toBe("Invoice DRAFT → UNPAID ($1.00)");
    expect(describeEvent("something.new", {}, LA)).toBe("something.new");
    expect(describeEvent("media.uploaded", { media: [{ kind: "photo", filename: "a.jpg" }] }, LA)).toBe("Photo uploaded: a.jpg");
    expect(describeEvent("media.uploaded", { media: [{ kind: "photo" }, { kind: "video" }] }, LA)).toBe("2 files uploaded");
  });

  it("gives shoot times in the agency's zone with its abbreviation", () => {
    const text = describeEvent("shoot.scheduled", { starts_at: "2027-03-16T16:00:00.000Z" }, LA);
    expect(text).toContain("9:00");
    expect(text).toContain("PDT");
  });

  it("names each kind of actor", () => {
    expect(describeActor({ kind: "user", id: "user_1", display: "Olivia Northlight" })).toBe("Olivia Northlight");
    expect(describeActor({ kind: "platform_admin", id: "user_2", display: "Sam Support" })).toBe("Platform admin Sam Support, on behalf of the agency");
    expect(describeActor({ kind: "api_key", id: "key_1", display: "CRM sync" })).toBe("API key “CRM sync”");
    expect(describeActor({ kind: "cli", id: "root", display: "root" })).toBe("Operator CLI (root)");
    expect(describeActor({ kind: "system", id: "square_webhook", display: "Square" })).toBe("Square");
    expect(describeActor(null)).toMatch(/Unknown/);
  });
});
