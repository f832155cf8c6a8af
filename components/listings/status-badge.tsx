import { Badge, type BadgeTone } from "@/components/ui/badge";
import { STATUS_LABELS, statusFromLabel, type ListingStatus } from "@/server/listings/lifecycle";

/** One colour per listing status, used wherever a status is shown. */
export const STATUS_TONES: Record<ListingStatus, BadgeTone> = {
  coming_soon: "sky",
  active: "green",
  sold: "violet",
  off_market: "amber",
  cancelled: "red",
};

/** Accepts the API's label ("Coming Soon") or the status ("coming_soon"). */
export function ListingStatusBadge({ status }: { status: string }) {
  const key = statusFromLabel(status);
  if (!key) return <Badge>{status}</Badge>;
  return (
    <Badge tone={STATUS_TONES[key]} dot>
      {STATUS_LABELS[key]}
    </Badge>
  );
}

const INVOICE_LABELS: Record<string, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "Draft", tone: "gray" },
  UNPAID: { label: "Unpaid", tone: "amber" },
  SCHEDULED: { label: "Scheduled", tone: "blue" },
  PARTIALLY_PAID: { label: "Partially paid", tone: "amber" },
  PAID: { label: "Paid", tone: "green" },
  PARTIALLY_REFUNDED: { label: "Partially refunded", tone: "violet" },
  REFUNDED: { label: "Refunded", tone: "violet" },
  CANCELED: { label: "Canceled", tone: "gray" },
  FAILED: { label: "Failed", tone: "red" },
  PAYMENT_PENDING: { label: "Payment pending", tone: "blue" },
};

export function InvoiceStatusBadge({ status }: { status: string | null }) {
  if (!status) return <Badge>No invoice</Badge>;
  const entry = INVOICE_LABELS[status] ?? { label: status, tone: "gray" as const };
  return <Badge tone={entry.tone}>Invoice {entry.label.toLowerCase()}</Badge>;
}
