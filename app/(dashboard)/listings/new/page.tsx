import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { NewListingForm } from "./_components/new-listing-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New listing" };

export default function NewListingPage() {
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/listings" className="text-slate-500 hover:text-slate-900">
          Listings
        </Link>
        <span className="px-1.5 text-slate-500" aria-hidden="true">
          /
        </span>
        <span className="text-slate-700">New</span>
      </nav>
      <PageHeader title="New listing" description="The property, who owns and sells it, and what the agency will shoot. It starts as Coming Soon." />
      <NewListingForm />
    </>
  );
}
