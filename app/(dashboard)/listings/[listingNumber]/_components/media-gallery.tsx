// A listing's media by kind. Thumbnails and links go to the download endpoint on this origin,
// which the session cookie authenticates (the API's `url` carries APP_URL, which may be another
// host name than the one the browser is on).
import type { ListingMediaDto, MediaItemDto } from "@/server/api/routers/media/schemas";
import { Badge } from "@/components/ui/badge";
import { PhotoCuration } from "./photo-curation";

const GROUPS: { key: keyof ListingMediaDto; title: string }[] = [
  { key: "photos", title: "Photos" },
  { key: "videos", title: "Videos" },
  { key: "floor_plans", title: "Floor plans" },
  { key: "documents", title: "Documents" },
];

// Browsers other than Safari cannot draw HEIC; those get a tile instead of a broken image.
const DRAWABLE = new Set(["image/jpeg", "image/png", "image/webp"]);

export const mediaHref = (item: MediaItemDto) => `/api/v1/media/${item.media_id}`;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The small variant where there is one (the original may be a 40 MB camera file). */
const thumbHref = (item: MediaItemDto) => (item.variants.some((v) => v.size === "thumb") ? `${mediaHref(item)}?size=thumb` : mediaHref(item));

export interface Curation {
  listingNumber: string;
  onChanged: () => Promise<unknown>;
}

export function MediaGallery({ media, curation }: { media: ListingMediaDto; curation?: Curation }) {
  return (
    <div className="space-y-6">
      {GROUPS.filter((group) => media[group.key].length > 0).map((group) => (
        <section key={group.key} aria-label={group.title}>
          <h3 className="text-sm font-semibold text-slate-900">
            {group.title} <span className="font-normal text-slate-500">({media[group.key].length})</span>
          </h3>
          <ul className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-4">
            {media[group.key].map((item, index) => (
              <li key={item.media_id} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
                <MediaTile item={item} />
                {curation && group.key === "photos" ? (
                  <PhotoCuration
                    listingNumber={curation.listingNumber}
                    item={item}
                    index={index}
                    order={media.photos.map((p) => p.media_id)}
                    onChanged={curation.onChanged}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function MediaTile({ item }: { item: MediaItemDto }) {
  const drawable = DRAWABLE.has(item.content_type);
  return (
    <a
      href={mediaHref(item)}
      target="_blank"
      rel="noopener"
      className="group block transition hover:bg-slate-50"
      title={`Open ${item.filename}`}
    >
      <div className="relative flex aspect-[4/3] items-center justify-center bg-slate-100">
        {item.is_cover ? (
          <span className="absolute left-2 top-2">
            <Badge tone="brand">Cover</Badge>
          </span>
        ) : null}
        {drawable ? (
          // A plain <img>: an authenticated API URL, not a static asset for next/image to optimize.
          <img src={thumbHref(item)} alt={item.caption ?? item.filename} loading="lazy" className="size-full object-cover" />
        ) : (
          <span className="rounded bg-white px-2 py-1 font-mono text-xs font-medium uppercase text-slate-600 ring-1 ring-slate-200">
            {item.content_type.split("/")[1]?.replace("-sequence", "")}
          </span>
        )}
      </div>
      <div className="px-3 py-2">
        <p className="truncate text-sm font-medium text-slate-900 group-hover:text-brand-700">{item.filename}</p>
        <p className="text-xs text-slate-500">
          {formatBytes(item.size_bytes)}
          {item.width && item.height ? ` · ${item.width}×${item.height}` : ""}
        </p>
      </div>
    </a>
  );
}
