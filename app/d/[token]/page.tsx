// The client's delivery gallery: /d/<token>, public (the token is the credential), never indexed.
// An unknown, revoked or expired link is a 404. The files and the ZIP are served by the custom
// server (server/delivery/gallery-routes.ts), which checks the token on every request. While the
// listing's downloads wait for payment (pay to download), the page shows watermarked previews only
// and says that payment is due, with the Square invoice's link when there is one.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDatabase } from "@/server/db/handle";
import { loadGallery } from "@/server/delivery/deliveries";
import { galleryView, galleryZipPath } from "@/server/delivery/downloads";
import { DeliveryGallery } from "@/components/delivery/delivery-gallery";

export const dynamic = "force-dynamic";
// no-referrer: the token is in the URL, and must not leave in a Referer header.
export const metadata: Metadata = { title: "Delivery", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function GalleryPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const gallery = await loadGallery((await getDatabase()).prisma, token);
  if (!gallery) notFound();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm font-medium text-slate-600">{gallery.agencyName}</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{gallery.address}</h1>
      <p className="mt-1 text-sm text-slate-600">
        {gallery.items.length} delivered {gallery.items.length === 1 ? "file" : "files"} · listing {gallery.listingNumber}
      </p>
      <DeliveryGallery
        items={galleryView(gallery, token)}
        zipPaths={{ mls: galleryZipPath(token, "mls"), original: galleryZipPath(token, "original") }}
        paymentDue={gallery.lock.locked ? { agencyName: gallery.agencyName, payUrl: gallery.lock.payUrl } : null}
      />
    </main>
  );
}
