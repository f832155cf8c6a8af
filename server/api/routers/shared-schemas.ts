// Shapes every list endpoint shares. Imports nothing server-only.
import { z } from "zod";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const PageQuerySchema = z.object({
  // Query strings carry text; coerce it here explicitly rather than rely on the adapter.
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `Page size, 1-${MAX_PAGE_SIZE}`, example: DEFAULT_PAGE_SIZE }),
  // Checked (length included) when decoded, so that any bad cursor is invalid_cursor.
  cursor: z.string().optional().meta({ description: "next_cursor of the previous page" }),
});

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      next_cursor: z.string().meta({ description: "Pass as ?cursor= for the next page; empty at the end" }),
      total: z.number().int().meta({ description: "Items matching the filters, across all pages" }),
    })
    .meta({ id });
}
