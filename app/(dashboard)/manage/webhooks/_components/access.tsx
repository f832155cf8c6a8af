// What someone whose role has no webhooks:read sees at a webhooks URL (the procedures refuse them
// too, whatever the page shows).
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { ButtonLink } from "@/components/ui/button";

export function NoWebhooksAccess({ agencyName }: { agencyName: string | null }) {
  return (
    <>
      <PageHeader title="Webhooks" />
      <Alert
        tone="warning"
        title="Your role cannot see webhooks"
        actions={
          <ButtonLink href="/listings" variant="secondary" size="sm">
            Go to listings
          </ButtonLink>
        }
      >
        Webhooks send your agency&apos;s events to other software. {agencyName ? `${agencyName}'s owner` : "Your agency's owner"} manages
        them, and team members can view them; ask the owner if you need to.
      </Alert>
    </>
  );
}
