"use client";
// The curation controls under a photo: move earlier/later (buttons rather than drag, so that the
// keyboard and screen readers can do it too), make it the cover, caption it, delete it (with an
// Undo in the confirmation toast; the server keeps a deleted item 7 days). Every write goes
// through useIdempotentMutation, so a double click or a retry is one change.
import { useState } from "react";
import { ArrowLeft, ArrowRight, Star, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { toast, toastError } from "@/components/ui/toaster";
import { trpc } from "@/lib/trpc";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import type { MediaItemDto } from "@/server/api/routers/media/schemas";

export function PhotoCuration({
  listingNumber,
  item,
  order,
  index,
  onChanged,
}: {
  listingNumber: string;
  item: MediaItemDto;
  order: readonly string[];
  index: number;
  onChanged: () => Promise<unknown>;
}) {
  const [caption, setCaption] = useState(item.caption ?? "");
  const reorder = useIdempotentMutation(
    (input: { listing_number: string; media_ids: string[] }, context) => trpc.media.reorderMedia.mutate(input, { context }),
    { onSuccess: () => onChanged(), onError: (error) => toastError("The photos were not reordered", error) },
  );
  const update = useIdempotentMutation(
    (input: { media_id: string; caption?: string | null; is_cover?: boolean }, context) => trpc.media.updateMedia.mutate(input, { context }),
    {
      onSuccess: (_result, input) => {
        toast.success(input.is_cover ? `${item.filename} is the cover photo` : "Caption saved");
        return onChanged();
      },
      onError: (error) => toastError(`${item.filename} was not changed`, error),
    },
  );
  const restore = useIdempotentMutation((input: { media_id: string }, context) => trpc.media.restoreMedia.mutate(input, { context }), {
    onSuccess: () => {
      toast.success(`${item.filename} is back`);
      return onChanged();
    },
    onError: (error) => toastError(`${item.filename} was not restored`, error),
  });
  const remove = useIdempotentMutation((input: { media_id: string }, context) => trpc.media.deleteMedia.mutate(input, { context }), {
    onSuccess: () => {
      toast.success(`${item.filename} deleted`, { action: { label: "Undo", onClick: () => restore.mutate({ media_id: item.media_id }) } });
      return onChanged();
    },
    onError: (error) => toastError(`${item.filename} was not deleted`, error),
  });

  const move = (by: -1 | 1) => {
    const next = [...order];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    reorder.mutate({ listing_number: listingNumber, media_ids: next });
  };
  const busy = reorder.isPending || update.isPending || remove.isPending;

  return (
    <div className="space-y-2 px-3 pb-3">
      <form
        className="flex flex-wrap gap-1"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate({ media_id: item.media_id, caption: caption.trim() === "" ? null : caption.trim() });
        }}
      >
        <Input aria-label={`Caption for ${item.filename}`} placeholder="Caption" value={caption} maxLength={500} onChange={(e) => setCaption(e.target.value)} className="h-8 min-w-24 flex-1 text-xs" />
        <Button type="submit" size="sm" variant="secondary" disabled={busy || caption === (item.caption ?? "")}>
          Save
        </Button>
      </form>
      <div className="flex flex-wrap gap-1">
        <Button size="sm" variant="ghost" aria-label={`Move ${item.filename} earlier`} disabled={busy || index === 0} onClick={() => move(-1)}>
          <ArrowLeft className="size-4" aria-hidden />
        </Button>
        <Button size="sm" variant="ghost" aria-label={`Move ${item.filename} later`} disabled={busy || index === order.length - 1} onClick={() => move(1)}>
          <ArrowRight className="size-4" aria-hidden />
        </Button>
        {item.is_cover ? null : (
          <Button size="sm" variant="ghost" disabled={busy || item.variants.length === 0} onClick={() => update.mutate({ media_id: item.media_id, is_cover: true })}>
            <Star className="size-4" aria-hidden /> Cover
          </Button>
        )}
        <Button size="sm" variant="ghost" aria-label={`Delete ${item.filename}`} disabled={busy} onClick={() => remove.mutate({ media_id: item.media_id })}>
          <Trash2 className="size-4" aria-hidden />
        </Button>
      </div>
    </div>
  );
}
