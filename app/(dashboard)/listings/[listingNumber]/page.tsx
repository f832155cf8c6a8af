import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ListingNumberSchema } from "@/server/api/routers/listings/schemas";
import { ListingDetail } from "./_components/listing-detail";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ listingNumber: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Listing ${(await params).listingNumber.toUpperCase()}` };
}

export default async function ListingPage({ params }: Props) {
  const parsed = ListingNumberSchema.safeParse((await params).listingNumber);
  if (!parsed.success) notFound();
  return <ListingDetail listingNumber={parsed.data} />;
}
