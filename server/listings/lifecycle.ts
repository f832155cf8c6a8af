// The listing lifecycle: the one table of allowed status changes, and the labels the API uses.
// This file imports nothing server-only; the dashboard renders the same labels and transitions.

export const LISTING_STATUSES = ["coming_soon", "active", "sold", "off_market", "cancelled"] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const STATUS_LABELS = {
  coming_soon: "Coming Soon",
  active: "Active",
  sold: "Sold",
  off_market: "Off Market",
  cancelled: "Cancelled",
} as const satisfies Record<ListingStatus, string>;

export type ListingStatusLabel = (typeof STATUS_LABELS)[ListingStatus];
export const STATUS_LABEL_VALUES = Object.values(STATUS_LABELS) as [ListingStatusLabel, ...ListingStatusLabel[]];

/** The statuses PATCH /status may set; cancelling has its own endpoint. */
export const SETTABLE_STATUS_LABELS = ["Coming Soon", "Active", "Sold", "Off Market"] as const;

/** Allowed next statuses (by PATCH /status). Sold and cancelled are final. */
export const TRANSITIONS: Record<ListingStatus, readonly ListingStatus[]> = {
  coming_soon: ["active", "off_market"],
  active: ["sold", "off_market"],
  off_market: ["active"],
  sold: [],
  cancelled: [],
};

export const FINAL_STATUSES: readonly ListingStatus[] = ["sold", "cancelled"];

export const canTransition = (from: ListingStatus, to: ListingStatus) => TRANSITIONS[from].includes(to);
export const isFinal = (status: ListingStatus) => FINAL_STATUSES.includes(status);
export const canCancel = (status: ListingStatus) => !isFinal(status);

export function statusFromLabel(label: string): ListingStatus | undefined {
  const normalized = label.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return (LISTING_STATUSES as readonly string[]).includes(normalized) ? (normalized as ListingStatus) : undefined;
}

export function describeAllowedNext(from: ListingStatus): string {
  const next = TRANSITIONS[from];
  if (next.length === 0) return `${STATUS_LABELS[from]} is final; no status change is allowed.`;
  return `From ${STATUS_LABELS[from]} a listing may move to: ${next.map((s) => STATUS_LABELS[s]).join(", ")}.`;
}
