"use client";
// The listing's sections: the Matterport 3D tour (a model URL or its id, with an embedded preview)
// and the floor plan URL. Set, change or remove each; the server validates (a Matterport URL must
// name a model; a floor plan must be http(s)) and its field errors show under the field.
import { useState, type FormEvent } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field, Input, fieldAria } from "@/components/ui/input";
import { toast, toastError } from "@/components/ui/toaster";
import { useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { trpc, toDashboardError, type RouterInputs } from "@/lib/trpc";
import type { Listing } from "./listing-detail";

type SectionInput = RouterInputs["listings"]["updateSection"];
const MODEL_ID = /^[A-Za-z0-9]{11}$/;

export function SectionsCard({ listing, onChanged }: { listing: Listing; onChanged: () => Promise<unknown> }) {
  const me = useMe();
  const canEdit = me.scopes.includes("listings:write") && listing.status !== "Cancelled";
  const matterport = listing.sections.matterport;
  const floorplan = listing.sections.floorplan;
  return (
    <Card aria-labelledby="sections-heading">
      <CardHeader id="sections-heading" title="Sections" description="The 3D tour and floor plan shown on the property page." />
      <div className="divide-y divide-slate-100">
        <Section
          listingNumber={listing.listing_number}
          section="matterport"
          title="Matterport 3D tour"
          current={matterport ? { text: `Model ${matterport.model_id}`, href: matterport.url } : null}
          canEdit={canEdit}
          onChanged={onChanged}
          fieldLabel="Matterport model URL or id"
          hint="e.g. https://my.matterport.com/show/?m=SxQL3iGyoDo, or just SxQL3iGyoDo"
          initial={matterport?.url ?? ""}
          toInput={(value) => (MODEL_ID.test(value) ? { model_id: value } : { url: value })}
        >
          {matterport && (
            <div className="mt-3 aspect-video w-full overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-200">
              <iframe
                title={`Matterport 3D tour preview, model ${matterport.model_id}`}
                src={`https://my.matterport.com/show/?m=${encodeURIComponent(matterport.model_id)}`}
                className="size-full"
                allow="fullscreen; xr-spatial-tracking"
                loading="lazy"
                referrerPolicy="no-referrer"
              />
            </div>
          )}
        </Section>
        <Section
          listingNumber={listing.listing_number}
          section="floorplan"
          title="Floor plan"
          current={floorplan ? { text: floorplan.url, href: floorplan.url } : null}
          canEdit={canEdit}
          onChanged={onChanged}
          fieldLabel="Floor plan URL"
          hint="An http(s) link to the plan (PDF or image)."
          initial={floorplan?.url ?? ""}
          toInput={(value) => ({ url: value })}
        />
      </div>
    </Card>
  );
}

function Section({
  listingNumber,
  section,
  title,
  current,
  canEdit,
  onChanged,
  fieldLabel,
  hint,
  initial,
  toInput,
  children,
}: {
  listingNumber: string;
  section: SectionInput["section"];
  title: string;
  current: { text: string; href: string } | null;
  canEdit: boolean;
  onChanged: () => Promise<unknown>;
  fieldLabel: string;
  hint: string;
  initial: string;
  toInput: (value: string) => Pick<SectionInput, "url" | "model_id">;
  children?: React.ReactNode;
}) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  const id = `section-${section}`;

  const save = useIdempotentMutation((input: SectionInput, context) => trpc.listings.updateSection.mutate(input, { context }), {
    onSuccess: async (_listing, input) => {
      setEditing(false);
      setError(undefined);
      toast.success(input.url === null || input.model_id === null ? `${title} removed` : `${title} saved`);
      await onChanged();
    },
    onError: (failure, input) => {
      const problem = toDashboardError(failure);
      const onField = problem.details.find((d) => d.field === "url" || d.field === "model_id");
      if (onField && editing) setError(onField.message);
      else toastError(input.url === null || input.model_id === null ? `${title} was not removed` : `${title} was not saved`, failure);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) return setError("Enter a value, or use Remove to clear the section.");
    save.mutate({ listing_number: listingNumber, section, ...toInput(trimmed) });
  };

  return (
    <div className="px-5 py-4 text-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-medium text-slate-900">{title}</h3>
          {current ? (
            <a href={current.href} target="_blank" rel="noopener noreferrer" className="break-all text-brand-600 hover:underline">
              {current.text}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          ) : (
            <p className="text-slate-500">None</p>
          )}
        </div>
        {canEdit && !editing && (
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => (setValue(initial), setError(undefined), setEditing(true))}>
              {current ? "Change" : "Add"}
              <span className="sr-only"> {title}</span>
            </Button>
            {current && (
              <Button size="sm" variant="ghost" loading={save.isPending} onClick={() => save.mutate({ listing_number: listingNumber, section, url: null })}>
                Remove<span className="sr-only"> {title}</span>
              </Button>
            )}
          </div>
        )}
      </div>
      {editing && (
        <form onSubmit={submit} noValidate className="mt-3 space-y-3" aria-label={`Edit ${title}`}>
          <Field id={id} label={fieldLabel} hint={hint} error={error}>
            <Input value={value} onChange={(event) => setValue(event.target.value)} maxLength={2048} inputMode="url" autoComplete="off" {...fieldAria(id, error, true)} />
          </Field>
          <div className="flex gap-2">
            <Button type="submit" size="sm" loading={save.isPending}>
              Save
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setEditing(false)} disabled={save.isPending}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {children}
    </div>
  );
}
