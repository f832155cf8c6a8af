// The client's delivery gallery: /d/<token>, public (the token is the credential), never indexed.
// An unknown, revoked or expired link is a 404. Downloads and the lightbox are not built yet.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDatabase } from "@/server/db/handle";
import { loadGallery } from "@/server/delivery/deliveries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Delivery", robots: { index: false, follow: false } };

const KIND_LABEL = { photo: "Photo", video: "Video", floor_plan: "Floor plan", document: "Document" } as const;

export default async function GalleryPage({ params }: { params: Promise<{ token: string }> }) {
  const gallery = await loadGallery((await getDatabase()).prisma, (await params).token);
  if (!gallery) notFound();
  return (
    <main className="mx-auto max-w-5xl px-4 py-8">
      <p className="text-sm font-medium text-slate-600">{gallery.agencyName}</p>
      <h1 className="mt-1 text-2xl font-semibold text-slate-900">{gallery.address}</h1>
      <ol className="mt-6 space-y-2" aria-label="Delivered media">
        {gallery.items.map((item, i) => (
          <li key={item.id} className="rounded border border-slate-200 px-3 py-2 text-sm text-slate-800">
            {String(i + 1).padStart(2, "0")} · {KIND_LABEL[item.kind]}
            {item.isCover && " (cover)"} · {item.caption ?? item.filename}
          </li>
        ))}
      </ol>
    </main>
  );
}
