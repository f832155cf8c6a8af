// How a public image's renditions become <img> attributes. A plain module (not "use client"),
// because both the server-rendered cover and the client gallery use it: a function imported from
// a client module is only a reference on the server and throws when called there.
import type { PublicImage } from "@/server/listings/public-listing";

export const srcSetOf = (image: PublicImage) => image.sources.map((source) => `${source.path} ${source.width}w`).join(", ");
export const largestOf = (image: PublicImage) => image.sources[image.sources.length - 1]!;
