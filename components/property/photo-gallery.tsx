"use client";
// The photo grid of a public property page and its lightbox (yet-another-react-lightbox, loaded
// only when a photo is first opened). Every image is a `web` rendition with the `thumb` beside it
// in srcset, lazy-loaded; the browser picks by the grid cell's width.
import dynamic from "next/dynamic";
import { useState } from "react";
import "yet-another-react-lightbox/styles.css";
import type { PublicImage } from "@/server/listings/public-listing";
import { largestOf, srcSetOf } from "./image-sources";

/** An image with its alternative text (computed on the server). */
export type GalleryImage = PublicImage & { alt: string };

const Lightbox = dynamic(() => import("yet-another-react-lightbox"), { ssr: false });


export function PhotoGallery({
  images,
  label,
  sizes = "(min-width: 1024px) 22vw, (min-width: 640px) 33vw, 50vw",
  layout = "grid",
}: {
  images: GalleryImage[];
  /** What the images are, for the buttons' names ("Photo", "Floor plan"). */
  label: string;
  sizes?: string;
  layout?: "grid" | "wide";
}) {
  const [index, setIndex] = useState(-1);
  const [opened, setOpened] = useState(false);
  const open = (at: number) => {
    setOpened(true);
    setIndex(at);
  };

  return (
    <>
      <ul role="list" className={layout === "grid" ? "grid grid-cols-2 gap-2 sm:grid-cols-3 sm:gap-3 lg:grid-cols-4" : "grid gap-3 sm:grid-cols-2"}>
        {images.map((image, at) => {
          const largest = largestOf(image);
          return (
            <li key={image.id}>
              <button
                type="button"
                onClick={() => open(at)}
                className="group relative block w-full overflow-hidden rounded-lg bg-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                aria-label={`Open ${label.toLowerCase()} ${at + 1} of ${images.length} full size`}
              >
                {/* eslint-disable-next-line @next/next/no-img-element -- sized renditions are already made at upload */}
                <img
                  src={largest.path}
                  srcSet={srcSetOf(image)}
                  sizes={sizes}
                  width={largest.width}
                  height={largest.height}
                  alt={image.alt}
                  loading="lazy"
                  decoding="async"
                  className={`${layout === "grid" ? "aspect-[4/3] object-cover" : "aspect-[4/3] bg-white object-contain"} w-full transition duration-300 group-hover:scale-[1.03]`}
                />
              </button>
            </li>
          );
        })}
      </ul>
      {opened && (
        <Lightbox
          open={index >= 0}
          index={Math.max(index, 0)}
          close={() => setIndex(-1)}
          slides={images.map((image, at) => {
            const largest = largestOf(image);
            return {
              src: largest.path,
              width: largest.width,
              height: largest.height,
              alt: image.alt,
              srcSet: image.sources.map((source) => ({ src: source.path, width: source.width, height: source.height })),
            };
          })}
          controller={{ closeOnBackdropClick: true }}
          labels={{ Previous: `Previous ${label.toLowerCase()}`, Next: `Next ${label.toLowerCase()}`, Close: "Close" }}
        />
      )}
    </>
  );
}

/** "View all N photos" over the cover: opens the lightbox at the first photo. */
export function CoverButton({ images, children }: { images: GalleryImage[]; children: React.ReactNode }) {
  const [index, setIndex] = useState(-1);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setOpened(true);
          setIndex(0);
        }}
        className="inline-flex items-center gap-2 rounded-md bg-white/95 px-3 py-2 text-sm font-medium text-slate-900 shadow-sm ring-1 ring-slate-900/10 hover:bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
      >
        {children}
      </button>
      {opened && (
        <Lightbox
          open={index >= 0}
          index={Math.max(index, 0)}
          close={() => setIndex(-1)}
          slides={images.map((image) => {
            const largest = largestOf(image);
            return { src: largest.path, width: largest.width, height: largest.height, alt: image.alt, srcSet: image.sources.map((s) => ({ src: s.path, width: s.width, height: s.height })) };
          })}
        />
      )}
    </>
  );
}
