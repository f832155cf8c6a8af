import type { Metadata } from "next";
import { Suspense } from "react";
import { PageHeader } from "@/components/ui/card";
import { OrdersView } from "./_components/orders-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Orders" };

export default function OrdersPage() {
  return (
    <>
      <PageHeader title="Orders" description="Every order of the agency with its listing and invoice, newest first." />
      <Suspense>
        <OrdersView />
      </Suspense>
    </>
  );
}
