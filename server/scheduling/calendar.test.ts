import { describe, expect, it } from "vitest";
import { canonicalTimeZone, describeWeekdays, formatClockTime, parseClockTime, parseWeekdays } from "./calendar";

describe("canonicalTimeZone", () => {
  it("accepts IANA zones and links, fixing their case", () => {
    expect(canonicalTimeZone("America/Denver")).toBe("America/Denver");
    expect(canonicalTimeZone("america/denver")).toBe("America/Denver");
    expect(canonicalTimeZone("Asia/Kolkata")).toMatch(/^Asia\/(Kolkata|Calcutta)$/);
    expect(canonicalTimeZone("US/Pacific")).toBeDefined();
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    // ICU knows some abbreviations as links; what is stored is the zone they name.
    expect(canonicalTimeZone("PST")).toBe("America/Los_Angeles");
  });

  it("refuses unknown zones and fixed offsets", () => {
    for (const name of ["Mars/Olympus", "America/Nowhere", "+05:00", "GMT+5", "", "  ", "America/Denver; DROP"]) {
      expect(canonicalTimeZone(name), name).toBeUndefined();
    }
  });
});

describe("parseClockTime / formatClockTime", () => {
  it("reads HH:MM, with 24:00 for the end of the day", () => {
    expect(parseClockTime("08:00")).toBe(480);
    expect(parseClockTime("8:30")).toBe(510);
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("24:00")).toBe(1440);
    for (const bad of ["24:30", "25:00", "12:60", "8", "08:00:00", "noon", "-1:00"]) expect(parseClockTime(bad), bad).toBeUndefined();
    expect(formatClockTime(480)).toBe("08:00");
    expect(formatClockTime(1440)).toBe("24:00");
  });
});

describe("parseWeekdays", () => {
  it("reads names, numbers, ranges, lists and wrapping ranges", () => {
    expect(parseWeekdays("mon-fri")).toEqual({ days: [1, 2, 3, 4, 5] });
    expect(parseWeekdays("Tue-Sat")).toEqual({ days: [2, 3, 4, 5, 6] });
    expect(parseWeekdays("mon,wed,friday")).toEqual({ days: [1, 3, 5] });
    expect(parseWeekdays("sat")).toEqual({ days: [6] });
    expect(parseWeekdays("1-5")).toEqual({ days: [1, 2, 3, 4, 5] });
    expect(parseWeekdays("fri-mon")).toEqual({ days: [1, 5, 6, 7] });
    expect(parseWeekdays("thurs,tues")).toEqual({ days: [2, 4] });
    expect(parseWeekdays("all")).toEqual({ days: [1, 2, 3, 4, 5, 6, 7] });
  });

  it("names what it cannot read", () => {
    for (const bad of ["", "mo", "funday", "0", "8", "mon-", "mon-tue-wed", "mon,,fri"]) {
      expect(parseWeekdays(bad), bad).toHaveProperty("error");
    }
    expect(parseWeekdays("mon,funday")).toEqual({ error: expect.stringContaining('"funday"') });
  });

  it("describes days back", () => {
    expect(describeWeekdays([1, 2, 3, 4, 5])).toBe("Monday-Friday");
    expect(describeWeekdays([2, 4])).toBe("Tuesday, Thursday");
    expect(describeWeekdays([1, 2, 6, 7])).toBe("Monday, Tuesday, Saturday, Sunday");
    expect(describeWeekdays([])).toBe("no days");
  });
});
