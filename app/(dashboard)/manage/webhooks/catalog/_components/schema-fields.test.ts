import { describe, expect, it } from "vitest";
import { describeCatalog } from "@/server/webhooks/catalog";
import { schemaFields, type JsonSchema } from "./schema-fields";

const catalog = describeCatalog();
const fieldsOf = (type: string) => schemaFields(catalog.find((e) => e.event_type === type)!.schema as JsonSchema);

describe("schemaFields", () => {
  it("lists an event's top-level fields in order with type, required and nullable", () => {
    const rows = fieldsOf("listing.created");
    expect(rows.map((r) => r.name)).toEqual([
      "listing_number", "status", "address", "property_url", "owner_user_id", "agent_one_id", "agent_two_id", "package", "created_at",
    ]);
    expect(rows.every((r) => r.depth === 0 && r.required)).toBe(true);
    expect(rows.find((r) => r.name === "listing_number")).toMatchObject({ type: "string", nullable: false, description: "The listing's number" });
    expect(rows.find((r) => r.name === "agent_two_id")).toMatchObject({ type: "string", nullable: true });
    expect(rows.find((r) => r.name === "status")).toMatchObject({ type: "string", values: ["Coming Soon", "Active", "Sold", "Off Market", "Cancelled"] });
  });

  it("indents the fields of array items under the array", () => {
    const rows = fieldsOf("media.uploaded");
    const media = rows.findIndex((r) => r.path === "media");
    expect(rows[media]).toMatchObject({ type: "array of object", depth: 0 });
    expect(rows[media + 1]).toMatchObject({ path: "media[].media_id", name: "media_id", depth: 1, type: "string" });
    expect(rows.find((r) => r.path === "media[].width")).toMatchObject({ type: "integer", nullable: true, depth: 1 });
    expect(rows.at(-1)).toMatchObject({ path: "uploaded_via", depth: 0 });
  });

  it("walks nullable objects and takes a description from inside anyOf", () => {
    const user = fieldsOf("user.created");
    expect(user.find((r) => r.path === "team")).toMatchObject({ type: "object", nullable: true, required: true });
    expect(user.filter((r) => r.path.startsWith("team.")).map((r) => [r.path, r.depth])).toEqual([
      ["team.id", 1],
      ["team.name", 1],
    ]);
    const key = fieldsOf("api_key.created");
    expect(key.find((r) => r.name === "expires_at")).toMatchObject({ type: "string", nullable: true, description: "ISO 8601, UTC" });
    expect(key.find((r) => r.name === "scopes")).toMatchObject({ type: "array of string", nullable: false });
    expect(fieldsOf("order.created").find((r) => r.name === "invoice_status")).toMatchObject({ nullable: true, values: expect.arrayContaining(["PAID"]) });
  });

  it("gives every field of every event type a known type", () => {
    for (const event of catalog) {
      const rows = schemaFields(event.schema as JsonSchema);
      expect(rows.length, event.event_type).toBeGreaterThan(0);
      for (const row of rows) expect(row.type, `${event.event_type} ${row.path}`).not.toMatch(/any/);
    }
  });

  it("follows $ref into $defs, marks optional fields and stops on recursion", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: {
        owner: { $ref: "#/$defs/Person", description: "Who owns it" },
        tags: { type: "array", items: { type: ["string", "null"] } },
        kind: { const: "house" },
      },
      required: ["owner"],
      $defs: {
        Person: { type: "object", properties: { name: { type: "string" }, manager: { $ref: "#/$defs/Person" } }, required: ["name"] },
      },
    };
    const rows = schemaFields(schema);
    expect(rows.slice(0, 3)).toEqual([
      { path: "owner", name: "owner", depth: 0, type: "object", required: true, nullable: false, description: "Who owns it" },
      { path: "owner.name", name: "name", depth: 1, type: "string", required: true, nullable: false },
      { path: "owner.manager", name: "manager", depth: 1, type: "object", required: false, nullable: false },
    ]);
    expect(rows.filter((r) => r.name === "manager").length).toBeGreaterThan(1);
    expect(Math.max(...rows.map((r) => r.depth))).toBeLessThanOrEqual(9);
    expect(rows.find((r) => r.path === "tags")).toMatchObject({ type: "array of string or null", required: false });
    expect(rows.find((r) => r.path === "kind")).toMatchObject({ type: "string", values: ["house"] });
  });
});
