"use client";
// The client's delivery gallery: a grid of `thumb`s (with `web` in srcset, lazy-loaded), a lightbox
// (yet-another-react-lightbox, loaded when a photo is first opened) showing `web`, per-item
// download links in each size the item has, and "Download all" as a ZIP in the chosen size.
// While downloads wait for payment (`paymentDue`), the images are the watermarked previews the
// server hands out, and a notice with the invoice's link stands where the downloads were.
import dynamic from "next/dynamic";
import { useState } from "react";
import "yet-another-react-lightbox/styles.css";

export interface GalleryImageSource {
  path: string;
  width: number;
  height: number;
}

export interface DeliveryGalleryItem {
  id: string;
  /** "Photo 1", "Floor plan", …: the visible name and the images' alternative text. */
  label: string;
  caption: string | null;
  isCover: boolean;
  /** The thumb and web renditions, when the item is an image that has them. */
  image: { thumb: GalleryImageSource; web: GalleryImageSource } | null;
  downloads: { size: string; label: string; path: string; bytes: number }[];
}

const Lightbox = dynamic(() => import("yet-another-react-lightbox"), { ssr: false });

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** One srcset entry per distinct rendition (a locked gallery offers only the preview). */
function srcSet(image: NonNullable<DeliveryGalleryItem["image"]>): string | undefined {
  if (image.thumb.path === image.web.path) return undefined;
  return `${image.thumb.path} ${image.thumb.width}w, ${image.web.path} ${image.web.width}w`;
}

export function DeliveryGallery({
  items,
  zipPaths,
  paymentDue = null,
}: {
  items: DeliveryGalleryItem[];
  zipPaths: { mls: string; original: string };
  paymentDue?: { agencyName: string; payUrl: string | null } | null;
}) {
  const images = items.filter((item) => item.image);
  const [index, setIndex] = useState(-1);
  const [opened, setOpened] = useState(false);
  const [zipSize, setZipSize] = useState<"mls" | "original">("mls");

  return (
    <>
      {paymentDue ? (
        <section aria-labelledby="payment-due" className="mt-6 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          <h2 id="payment-due" className="text-base font-semibold">
            Payment due
          </h2>
          <p className="mt-1">
            Downloads open once the invoice is paid: until then these are watermarked previews. The page unlocks as soon as {paymentDue.agencyName} receives the
            payment; reload it then.
          </p>
          {paymentDue.payUrl ? (
            <a
              href={paymentDue.payUrl}
              rel="noreferrer"
              className="mt-3 inline-block rounded-md bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
            >
              Pay the invoice
            </a>
          ) : (
            <p className="mt-2">Contact {paymentDue.agencyName} to pay.</p>
          )}
        </section>
      ) : (
        <section aria-labelledby="download-all" className="mt-6 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="download-all" className="sr-only">
            Download all
          </h2>
          <div className="flex flex-col text-sm text-slate-700">
            <label htmlFor="zip-size">ZIP size</label>
            <select
              id="zip-size"
              value={zipSize}
              onChange={(event) => setZipSize(event.target.value as "mls" | "original")}
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900"
            >
              <option value="mls">MLS (2048 px JPEG)</option>
              <option value="original">Print (originals)</option>
            </select>
          </div>
          <a
            href={zipPaths[zipSize]}
            download
            className="rounded-md bg-slate-900 px-4 py-2 text-sm font-semibold text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
          >
            Download all ({items.length} {items.length === 1 ? "file" : "files"}, ZIP)
          </a>
        </section>
      )}

      <ul role="list" aria-label="Delivered media" className="mt-6 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((item) => {
          const at = images.indexOf(item);
          return (
            <li key={item.id} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
              {item.image ? (
                <button
                  type="button"
                  onClick={() => {
                    setOpened(true);
                    setIndex(at);
                  }}
                  aria-label={`Open ${item.label} full size`}
                  className="block w-full bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
                >
                  {/* eslint-disable-next-line @next/next/no-img-element -- sized renditions are already made at upload */}
                  <img
                    src={item.image.thumb.path}
                    srcSet={srcSet(item.image)}
                    sizes="(min-width: 1024px) 320px, (min-width: 640px) 50vw, 100vw"
                    width={item.image.thumb.width}
                    height={item.image.thumb.height}
                    alt={item.caption ?? item.label}
                    loading="lazy"
                    decoding="async"
                    className="aspect-[4/3] w-full object-cover"
                  />
                </button>
              ) : (
                <div className="flex aspect-[4/3] items-center justify-center bg-slate-100 text-sm font-medium text-slate-600">{item.label}</div>
              )}
              <div className="p-3">
                <p className="text-sm font-medium text-slate-900">
                  {item.label}
                  {item.isCover && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">Cover</span>}
                </p>
                {item.caption && <p className="mt-0.5 text-sm text-slate-600">{item.caption}</p>}
                {paymentDue ? (
                  <p className="mt-2 text-sm text-slate-600">Download after payment</p>
                ) : (
                  <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-sm">
                    <span className="text-slate-600">Download:</span>
                    {item.downloads.map((download) => (
                      <a
                        key={download.size}
                        href={download.path}
                        download
                        aria-label={`Download ${item.label}, ${download.label} (${formatBytes(download.bytes)})`}
                        className="font-medium text-slate-900 underline underline-offset-2 hover:text-slate-600"
                      >
                        {download.label}
                      </a>
                    ))}
                  </p>
                )}
              </div>
            </li>
          );
        })}
      </ul>

      {opened && (
        <Lightbox
          open={index >= 0}
          index={Math.max(index, 0)}
          close={() => setIndex(-1)}
          slides={images.map((item) => ({
            src: item.image!.web.path,
            width: item.image!.web.width,
            height: item.image!.web.height,
            alt: item.caption ?? item.label,
            srcSet: (item.image!.thumb.path === item.image!.web.path ? [item.image!.web] : [item.image!.thumb, item.image!.web]).map((s) => ({ src: s.path, width: s.width, height: s.height })),
          }))}
          controller={{ closeOnBackdropClick: true }}
          labels={{ Previous: "Previous photo", Next: "Next photo", Close: "Close" }}
        />
      )}
    </>
  );
}
