"use client";
// Creating and editing a package or add-on, in a dialog. Validated by the procedure's own schemas
// (CreatePackageInput / UpdatePackageInput) with the price typed in currency units instead of
// cents; the server's field errors land on their fields (price_cents on the price).
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { CreatePackageInput, MIN_PACKAGE_MINUTES, type PackageDto } from "@/server/api/routers/packages/schemas";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input, fieldAria } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatMoney } from "@/lib/format";
import { toDashboardError, trpc } from "@/lib/trpc";

const FormSchema = CreatePackageInput.omit({ price_cents: true, duration_minutes: true })
  .extend({
    duration_minutes: CreatePackageInput.shape.duration_minutes,
    price: z
      .string()
      .trim()
      .regex(/^\d{1,7}(\.\d{1,2})?$/, "must be an amount such as 249 or 249.50"),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "package" && value.duration_minutes < MIN_PACKAGE_MINUTES) {
      ctx.addIssue({ code: "custom", path: ["duration_minutes"], message: `a package takes at least ${MIN_PACKAGE_MINUTES} minutes` });
    }
  });
type FormInput = z.input<typeof FormSchema>;
type FormOutput = z.output<typeof FormSchema>;

/** The field a server error names, on this form. */
const FIELD_OF: Record<string, keyof FormInput> = {
  code: "code",
  name: "name",
  kind: "kind",
  duration_minutes: "duration_minutes",
  price_cents: "price",
  currency: "currency",
};

const toCents = (price: string) => Math.round(Number(price) * 100);
const toPrice = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));

export function PackageDialog({
  open,
  onClose,
  editing,
  defaultKind = "package",
}: {
  open: boolean;
  onClose: () => void;
  /** The package to edit; none: create one. */
  editing: PackageDto | null;
  defaultKind?: PackageDto["kind"];
}) {
  const kind = editing?.kind ?? defaultKind;
  const noun = kind === "add_on" ? "add-on" : "package";
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={editing ? `Edit ${editing.name}` : `New ${noun}`}
      description={
        editing
          ? `The code ${editing.code} stays: integrators send it, and past orders were made from it. Past orders keep the price they were billed at.`
          : kind === "add_on"
            ? "An add-on is sold with a package; its minutes are added to the shoot."
            : "A package is what a listing is shot with; its minutes are the shoot's length."
      }
    >
      {open && <PackageForm key={editing?.code ?? `new-${kind}`} editing={editing} kind={kind} onDone={onClose} />}
    </Dialog>
  );
}

function PackageForm({ editing, kind, onDone }: { editing: PackageDto | null; kind: PackageDto["kind"]; onDone: () => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(FormSchema),
    defaultValues: {
      code: editing?.code ?? "",
      name: editing?.name ?? "",
      kind,
      duration_minutes: editing?.duration_minutes ?? (kind === "add_on" ? 30 : 90),
      price: editing ? toPrice(editing.price_cents) : "",
      currency: editing?.currency ?? "USD",
    },
  });
  const price = useWatch({ control, name: "price" });
  const currency = useWatch({ control, name: "currency" }) ?? "USD";
  const preview = /^\d{1,7}(\.\d{1,2})?$/.test(price?.trim() ?? "") && /^[A-Za-z]{3}$/.test(currency) ? formatMoney(toCents(price), currency.toUpperCase()) : null;

  const save = useIdempotentMutation(
    (values: FormOutput, context) => {
      const common = { name: values.name, duration_minutes: values.duration_minutes, price_cents: toCents(values.price), currency: values.currency };
      return editing
        ? trpc.packages.update.mutate({ code: editing.code, ...common }, { context })
        : trpc.packages.create.mutate({ code: values.code, kind: values.kind, ...common }, { context });
    },
    {
      onSuccess: (saved) => {
        void queryClient.invalidateQueries({ queryKey: ["packages.list"] });
        toast.success(editing ? `${saved.name} saved` : `${saved.name} created`, { description: `${saved.code} · ${formatMoney(saved.price_cents, saved.currency)}` });
        onDone();
      },
      onError: (error) => {
        const problem = toDashboardError(error);
        let placed = false;
        for (const issue of problem.details) {
          const field = FIELD_OF[issue.field.split(".")[0]!];
          if (field && !(editing && field === "code")) {
            setError(field, { message: issue.message }, { shouldFocus: !placed });
            placed = true;
          }
        }
        if (!placed) setFormError(problem.requestId ? `${problem.message} (request ${problem.requestId})` : problem.message);
      },
    },
  );

  const err = (name: keyof FormInput) => errors[name]?.message;
  return (
    <form
      noValidate
      aria-label={editing ? `Edit ${editing.name}` : kind === "add_on" ? "New add-on" : "New package"}
      onSubmit={handleSubmit((values) => {
        setFormError(null);
        save.mutate(values);
      })}
      className="space-y-4"
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <input type="hidden" {...register("kind")} />
      <Field id={`${id}-name`} label="Name" error={err("name")}>
        <Input autoComplete="off" maxLength={200} {...fieldAria(`${id}-name`, err("name"))} {...register("name")} />
      </Field>
      <Field
        id={`${id}-code`}
        label="Code"
        hint={editing ? "The code cannot change." : "What integrators send as package or in add_ons, e.g. essentials. It cannot change later."}
        error={err("code")}
      >
        <Input
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          maxLength={64}
          readOnly={editing !== null}
          aria-readonly={editing !== null || undefined}
          {...fieldAria(`${id}-code`, err("code"), true)}
          {...register("code")}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${id}-price`} label="Price" hint={preview ? `Billed as ${preview}` : "In currency units, e.g. 249.50"} error={err("price")}>
          <Input inputMode="decimal" autoComplete="off" {...fieldAria(`${id}-price`, err("price"), true)} {...register("price")} />
        </Field>
        <Field id={`${id}-currency`} label="Currency" hint="ISO 4217, e.g. USD" error={err("currency")}>
          <Input autoComplete="off" maxLength={3} className="uppercase" {...fieldAria(`${id}-currency`, err("currency"), true)} {...register("currency")} />
        </Field>
      </div>
      <Field
        id={`${id}-duration`}
        label="Duration (minutes)"
        hint={kind === "add_on" ? "Added to the package's minutes when a shoot is booked (0 for none)." : `At least ${MIN_PACKAGE_MINUTES} minutes.`}
        error={err("duration_minutes")}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={kind === "add_on" ? 0 : MIN_PACKAGE_MINUTES}
          max={720}
          step={5}
          {...fieldAria(`${id}-duration`, err("duration_minutes"), true)}
          {...register("duration_minutes", { valueAsNumber: true })}
        />
      </Field>
      <div className="flex justify-end gap-2 border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={onDone} disabled={save.isPending}>
          Cancel
        </Button>
        <Button type="submit" loading={save.isPending}>
          {editing ? "Save changes" : kind === "add_on" ? "Create add-on" : "Create package"}
        </Button>
      </div>
    </form>
  );
}
