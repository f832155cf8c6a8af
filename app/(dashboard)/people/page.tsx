// People: everyone in the agency with their role, team and status, and the agency's teams. The
// owner (and platform admins acting for the agency) add people, change roles, move them between
// teams, deactivate and reactivate them, and create and rename teams; everyone else reads.
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { PeopleManager } from "./_components/people-manager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "People" };

export default function PeoplePage() {
  return (
    <>
      <PageHeader title="People" description="Everyone in your agency: their role, team and whether they can sign in." />
      <PeopleManager />
    </>
  );
}
