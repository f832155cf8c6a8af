// What each endpoint state says, rendered as the dashboard renders it. The 5-day disabling cannot
// be reached in a browser journey (it would take 5 days), so its banner is checked here.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EndpointNotice, endpointState, type Endpoint } from "./endpoint-status";

const base: Endpoint = {
  endpoint_id: "we_01JD3Q6W4ZKXY3T5V7B9C1D2ER",
  url: "https://hooks.example.com/valara",
  description: null,
  event_types: ["listing.created"],
  enabled: true,
  disabled_reason: null,
  disabled_at: null,
  failing_since: null,
  secret_rotation_ends_at: null,
  created_at: "2026-11-01T10:00:00.000Z",
  updated_at: "2026-11-01T10:00:00.000Z",
};
const failedTooLong: Endpoint = {
  ...base,
  enabled: false,
  disabled_reason: "failing",
  disabled_at: "2026-12-09T00:00:00.000Z",
  failing_since: "2026-12-04T00:00:00.000Z",
};

const text = (endpoint: Endpoint, onReenable?: () => void) =>
  renderToStaticMarkup(createElement(EndpointNotice, { endpoint, onReenable, showUrl: true })).replace(/<[^>]+>/g, "");

describe("endpointState", () => {
  it("tells the five states apart", () => {
    expect(endpointState(base)).toBe("active");
    expect(endpointState({ ...base, failing_since: "2026-12-04T00:00:00.000Z" })).toBe("failing");
    expect(endpointState({ ...base, enabled: false, disabled_reason: "disabled_by_user" })).toBe("disabled_by_user");
    expect(endpointState({ ...base, enabled: false, disabled_reason: "gone" })).toBe("gone");
    expect(endpointState(failedTooLong)).toBe("failed_too_long");
  });
});

describe("EndpointNotice", () => {
  it("says nothing about a healthy endpoint", () => {
    expect(renderToStaticMarkup(createElement(EndpointNotice, { endpoint: base }))).toBe("");
  });

  it("calls out an endpoint disabled after 5 days of failures, with both dates and Re-enable", () => {
    const html = renderToStaticMarkup(createElement(EndpointNotice, { endpoint: failedTooLong, onReenable: () => {}, showUrl: true }));
    expect(html).toContain('role="alert"');
    expect(html).toContain('dateTime="2026-12-09T00:00:00.000Z"');
    expect(html).toContain('dateTime="2026-12-04T00:00:00.000Z"');
    const shown = text(failedTooLong, () => {});
    expect(shown).toContain("https://hooks.example.com/valara was disabled on");
    expect(shown).toContain("every delivery failed for 5 days");
    expect(shown).toContain("Re-enable");
  });

  it("offers Re-enable only to those who may change the endpoint", () => {
    expect(text(failedTooLong)).not.toContain("Re-enable");
  });

  it("warns while failing, with the date it will be disabled", () => {
    const html = renderToStaticMarkup(
      createElement(EndpointNotice, { endpoint: { ...base, failing_since: "2026-12-04T00:00:00.000Z" } }),
    );
    expect(html).toContain('role="status"');
    expect(html).toContain("has been failing since");
    // failing_since + 5 days
    expect(html).toContain('dateTime="2026-12-09T00:00:00.000Z"');
  });

  it("names the 410 when the endpoint said it is gone", () => {
    expect(text({ ...base, enabled: false, disabled_reason: "gone", disabled_at: "2026-12-09T00:00:00.000Z" })).toContain("answered 410 Gone");
  });
});
