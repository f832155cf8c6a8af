import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/card";
import { PackagesManager } from "./_components/packages-manager";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Packages" };

export default function PackagesPage() {
  return (
    <>
      <PageHeader
        title="Packages and add-ons"
        description="What the agency sells: each package and add-on with its price and how long it adds to a shoot. New listings offer the active ones."
      />
      <Suspense>
        <PackagesManager />
      </Suspense>
    </>
  );
}
