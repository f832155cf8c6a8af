import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/card";
import { ListingsView, NewListingButton } from "./_components/listings-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Listings" };

export default function ListingsPage() {
  return (
    <>
      <PageHeader title="Listings" description="Every property your agency shoots or lists. Search, filter and sort; the address bar keeps the view." actions={<NewListingButton />} />
      <Suspense>
        <ListingsView />
      </Suspense>
    </>
  );
}
