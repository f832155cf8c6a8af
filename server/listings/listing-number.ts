// Listing numbers: the short public slug of a listing (6 to 8 characters), e.g. "K7Q4MX".
// Upper-case letters and digits without the look-alikes 0/O, 1/I/L and U, drawn from the CSPRNG,
// so they can be read over the phone and not guessed in sequence. Uniqueness is the database's
// job (a unique index); on a collision the caller draws again, one character longer after a few.
import { randomInt } from "node:crypto";

export const LISTING_NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
export const LISTING_NUMBER_PATTERN = /^[A-Z0-9]{6,8}$/;

export function generateListingNumber(length = 6): string {
  let out = "";
  for (let i = 0; i < length; i++) out += LISTING_NUMBER_ALPHABET[randomInt(LISTING_NUMBER_ALPHABET.length)];
  return out;
}

/** Length for the nth attempt: 6 for the first three, then 7, then 8. */
export const listingNumberLength = (attempt: number) => (attempt < 3 ? 6 : attempt < 5 ? 7 : 8);
