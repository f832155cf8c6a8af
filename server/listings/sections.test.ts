import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { matterportIdFromUrl, sectionUpdate } from "./sections";

const now = new Date("2026-11-26T12:00:00Z");
const base = { listing_number: "K7Q4MX" } as const;

describe("Matterport URLs", () => {
  it.each([
    ["https://my.matterport.com/show/?m=SxQL3iGyoDo", "SxQL3iGyoDo"],
    ["https://my.matterport.com/show/?m=SxQL3iGyoDo&play=1", "SxQL3iGyoDo"],
    ["https://my.matterport.com/models/SxQL3iGyoDo", "SxQL3iGyoDo"],
    ["https://discover.matterport.com/space/SxQL3iGyoDo", "SxQL3iGyoDo"],
  ])("finds the model id in %s", (url, id) => expect(matterportIdFromUrl(url)).toBe(id));

  it.each([
    "https://evil.example.com/show/?m=SxQL3iGyoDo",
    "https://matterport.com.evil.example/show/?m=SxQL3iGyoDo",
    "https://my.matterport.com/show/?m=short",
    "javascript:alert(1)",
    "not a url",
  ])("refuses %s", (url) => expect(matterportIdFromUrl(url)).toBeUndefined());
});

describe("section updates", () => {
  it("store a canonical Matterport URL from an id or a URL", () => {
    expect(sectionUpdate({ ...base, section: "matterport", model_id: "SxQL3iGyoDo" }, now)).toEqual({
      matterportId: "SxQL3iGyoDo",
      matterportUrl: "https://my.matterport.com/show/?m=SxQL3iGyoDo",
      matterportSetAt: now,
    });
    expect(sectionUpdate({ ...base, section: "matterport", url: "https://my.matterport.com/models/SxQL3iGyoDo" }, now)).toMatchObject({
      matterportId: "SxQL3iGyoDo",
    });
  });

  it("clear a section with null", () => {
    expect(sectionUpdate({ ...base, section: "floorplan", url: null }, now)).toEqual({ floorplanUrl: null, floorplanSetAt: null });
    expect(sectionUpdate({ ...base, section: "matterport", model_id: null }, now)).toEqual({
      matterportId: null,
      matterportUrl: null,
      matterportSetAt: null,
    });
  });

  it.each([
    [{ section: "floorplan" }, "url"],
    [{ section: "floorplan", url: "ftp://files.example.com/plan.pdf" }, "url"],
    [{ section: "floorplan", url: "https://x.example/p.pdf", model_id: "SxQL3iGyoDo" }, "model_id"],
    [{ section: "matterport" }, "url"],
    [{ section: "matterport", model_id: "nope" }, "model_id"],
    [{ section: "matterport", url: "https://example.com/tour" }, "url"],
    [{ section: "matterport", url: "https://my.matterport.com/show/?m=SxQL3iGyoDo", model_id: "SxQL3iGyoDo" }, "url"],
  ] as const)("reject %j naming %s", (body, field) => {
    try {
      sectionUpdate({ ...base, ...body } as never, now);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation_failed");
      expect((error as AppError).details?.[0]?.field).toBe(field);
    }
  });
});
