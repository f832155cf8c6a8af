import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/card";
import { CalendarView } from "./_components/calendar-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calendar" };

export default function CalendarPage() {
  return (
    <>
      <PageHeader title="Calendar" description="The agency's shoots by day and week, one column per photographer, with blocked time shaded. Open a shoot to go to its listing." />
      <Suspense>
        <CalendarView />
      </Suspense>
    </>
  );
}
