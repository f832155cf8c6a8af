import { expect, it } from "vitest";
import { agendaByDay, blockEvents, floating, rangeLabel, rangeStart, resourcesOf, shootEvents, step, UNASSIGNED, type CalendarData } from "./calendar-model";

const data: CalendarData = {
  timezone: "America/Los_Angeles",
  timezone_abbreviation: "PDT",
  start: "2027-03-15T00:00:00-07:00",
  end: "2027-03-22T00:00:00-07:00",
  photographers: [
    { user_id: "usr_a", name: "Ana", active: true },
    { user_id: "usr_b", name: "Ben", active: false },
  ],
  shoots: [
    { id: "sht_1", listing_number: "VAL-1", address: "1 Main", photographer_id: "usr_a", photographer_name: "Ana", starts_at: "2027-03-15T20:30:00-07:00", ends_at: "2027-03-15T22:00:00-07:00", status: "scheduled" },
    { id: "sht_2", listing_number: "VAL-2", address: "2 Main", photographer_id: null, photographer_name: null, starts_at: "2027-03-16T09:00:00-07:00", ends_at: "2027-03-16T10:00:00-07:00", status: "scheduled" },
  ],
  blocked: [{ id: "blk_1", photographer_id: null, starts_at: "2027-03-15T12:00:00-07:00", ends_at: "2027-03-15T13:00:00-07:00", reason: "lunch" }],
};

it("keeps the agency's wall clock whatever the browser's zone", () => {
  const at = floating("2027-03-15T20:30:00-07:00");
  expect([at.getFullYear(), at.getMonth() + 1, at.getDate(), at.getHours(), at.getMinutes()]).toEqual([2027, 3, 15, 20, 30]);
  // A late shoot stays on its agency day even where that instant is already the next day.
  expect(floating("2027-03-15T23:30:00-07:00").getDate()).toBe(15);
});

it("steps and labels days and Monday-first weeks", () => {
  expect(rangeStart("2027-03-18", "week")).toBe("2027-03-15");
  expect(rangeStart("2027-03-18", "day")).toBe("2027-03-18");
  expect(step("2027-03-15", "week", 1)).toBe("2027-03-22");
  expect(step("2027-03-01", "day", -1)).toBe("2027-02-28");
  expect(rangeLabel("2027-03-15", "week")).toBe("Mar 15 – 21, 2027");
  expect(rangeLabel("2027-03-29", "week")).toBe("Mar 29 – Apr 4, 2027");
  expect(rangeLabel("2026-12-28", "week")).toBe("Dec 28, 2026 – Jan 3, 2027");
  expect(rangeLabel("2027-03-15", "day")).toBe("Monday, March 15, 2027");
});

it("gives each active photographer a column, and unassigned shoots one of their own", () => {
  const resources = resourcesOf(data);
  expect(resources).toEqual([
    { id: "usr_a", title: "Ana" },
    { id: UNASSIGNED, title: "Unassigned" },
  ]);
  expect(shootEvents(data, resources).map((e) => e.resourceId)).toEqual(["usr_a", UNASSIGNED]);
  // Agency-wide blocked time shades every column.
  expect(blockEvents(data, resources).map((b) => [b.resourceId, b.title])).toEqual([
    ["usr_a", "Blocked: lunch"],
    [UNASSIGNED, "Blocked: lunch"],
  ]);
});

it("lists each day's shoots and blocked time in time order for phones", () => {
  const days = agendaByDay(data, "2027-03-15", 7);
  expect(days).toHaveLength(7);
  expect(days[0]!.items.map((i) => i.title)).toEqual(["Blocked: lunch", "1 Main"]);
  expect(days[1]!.items.map((i) => [i.title, i.detail])).toEqual([["2 Main", "VAL-2 · No photographer"]]);
  expect(days[2]!.items).toEqual([]);
  expect(days[0]!.label).toBe("Monday, Mar 15");
});
