"use client";
// "New listing": validated by the procedure's own schema (CreateListingInput, through zodResolver),
// people picked from the agency's active users (only the roles the server accepts for each part),
// a package and add-ons with their prices and the running total. Sent with an idempotency key, so
// a double click or a retry after a lost answer creates one listing.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { Controller, useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { CreateListingInput } from "@/server/api/routers/listings/schemas";
import { LISTING_AGENT_ROLES } from "@/server/auth/scopes";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Combobox, type ComboboxOption } from "@/components/ui/combobox";
import { Field, Input, Textarea, fieldAria } from "@/components/ui/input";
import { LoadError, LoadingBlock } from "@/components/ui/query-state";
import { toast } from "@/components/ui/toaster";
import { cn } from "@/components/ui/cn";
import { useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { formatMoney, ROLE_LABELS } from "@/lib/format";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";

type FormInput = z.input<typeof CreateListingInput>;
type FormOutput = z.output<typeof CreateListingInput>;
type Pkg = RouterOutputs["packages"]["list"][number];
type User = RouterOutputs["users"]["list"]["items"][number];

const FIELDS = ["address", "owner_user_id", "agent_one_id", "agent_two_id", "package", "add_ons", "notes"] as const;

export function NewListingForm() {
  const me = useMe();
  const users = useQuery({ queryKey: ["users.list", "all"], queryFn: () => trpc.users.list.query({ limit: 200 }), staleTime: 60_000 });
  const packages = useQuery({ queryKey: ["packages.list", me.agency?.id], queryFn: () => trpc.packages.list.query(), staleTime: 60_000 });

  if (!me.scopes.includes("listings:write")) {
    return (
      <Alert tone="info" title="You can look, not create">
        Your role may view listings but not create them. Ask the agency&apos;s owner if you need to.
      </Alert>
    );
  }
  if (users.isPending || packages.isPending) return <LoadingBlock label="Loading the form" lines={6} />;
  if (users.isError || packages.isError) {
    const failed = users.isError ? users : packages;
    return <LoadError title="The form could not be loaded" error={failed.error} onRetry={() => failed.refetch()} retrying={failed.isFetching} />;
  }
  return <Form users={users.data.items} packages={packages.data} />;
}

function userOption(user: User): ComboboxOption {
  return { value: user.id, label: user.name, hint: `${ROLE_LABELS[user.role] ?? user.role} · ${user.email}`, keywords: [user.email, user.role] };
}

function Form({ users, packages }: { users: User[]; packages: Pkg[] }) {
  const me = useMe();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const ownerOptions = useMemo(() => users.map(userOption), [users]);
  const agentOptions = useMemo(() => users.filter((u) => (LISTING_AGENT_ROLES as readonly string[]).includes(u.role)).map(userOption), [users]);
  const mainPackages = packages.filter((p) => p.kind === "package");
  const addOns = packages.filter((p) => p.kind === "add_on");
  const meIsAgent = agentOptions.some((o) => o.value === me.user.id);

  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(CreateListingInput),
    defaultValues: {
      address: "",
      owner_user_id: users.some((u) => u.id === me.user.id) ? me.user.id : "",
      agent_one_id: meIsAgent ? me.user.id : "",
      agent_two_id: null,
      package: null,
      add_ons: [],
      notes: "",
    },
  });
  const chosenPackage = useWatch({ control, name: "package" });
  const chosenAddOns = useWatch({ control, name: "add_ons" }) ?? [];
  const pkg = mainPackages.find((p) => p.code === chosenPackage) ?? null;
  const lines = pkg ? [pkg, ...addOns.filter((a) => chosenAddOns.includes(a.code))] : [];
  const currency = pkg?.currency ?? mainPackages[0]?.currency ?? "USD";
  const total = lines.reduce((sum, line) => sum + line.price_cents, 0);

  const create = useIdempotentMutation((input: FormOutput, context) => trpc.listings.create.mutate(input, { context }), {
    onSuccess: (listing) => {
      void queryClient.invalidateQueries({ queryKey: ["listings.list"] });
      toast.success("Listing created", { description: `${listing.listing_number} · ${listing.address}` });
      router.push(`/listings/${listing.listing_number}`);
    },
    onError: (error) => {
      const problem = toDashboardError(error);
      let placed = false;
      for (const issue of problem.details) {
        const field = FIELDS.find((f) => issue.field === f || issue.field.startsWith(`${f}.`));
        if (field) {
          setError(field, { message: issue.message }, { shouldFocus: !placed });
          placed = true;
        }
      }
      if (!placed) setFormError(problem.requestId ? `${problem.message} (request ${problem.requestId})` : problem.message);
    },
  });

  return (
    <form
      noValidate
      aria-label="New listing"
      onSubmit={handleSubmit((values) => {
        setFormError(null);
        create.mutate({ ...values, notes: values.notes?.trim() ? values.notes : null });
      })}
      className="grid gap-6 lg:grid-cols-3"
    >
      <div className="space-y-6 lg:col-span-2">
        {formError && (
          <Alert tone="error" title="The listing was not created">
            {formError}
          </Alert>
        )}
        <Card className="space-y-5 p-5">
          <h2 className="text-base font-semibold text-slate-900">Property</h2>
          <Field id="listing-address" label="Address" hint="Street, city, state and ZIP, as the client writes it." error={errors.address?.message}>
            <Input autoComplete="street-address" maxLength={500} {...fieldAria("listing-address", errors.address?.message, true)} {...register("address")} />
          </Field>
          <Field id="listing-notes" label="Notes (optional)" hint="Gate codes, parking, who lets the photographer in." error={errors.notes?.message}>
            <Textarea maxLength={5000} rows={3} {...fieldAria("listing-notes", errors.notes?.message, true)} {...register("notes")} />
          </Field>
        </Card>

        <Card className="space-y-5 p-5">
          <h2 className="text-base font-semibold text-slate-900">People</h2>
          <div className="grid gap-5 sm:grid-cols-2">
            <UserPicker control={control} name="owner_user_id" label="Owner" hint="Any active user of the agency." options={ownerOptions} error={errors.owner_user_id?.message} />
            <UserPicker control={control} name="agent_one_id" label="Agent" hint="An owner, team member or agent." options={agentOptions} error={errors.agent_one_id?.message} />
            <UserPicker
              control={control}
              name="agent_two_id"
              label="Second agent (optional)"
              hint="A different owner, team member or agent."
              options={agentOptions}
              error={errors.agent_two_id?.message}
              clearable
            />
          </div>
        </Card>

        <Card className="space-y-5 p-5">
          <h2 className="text-base font-semibold text-slate-900">What to shoot</h2>
          <fieldset aria-describedby={errors.package ? "listing-package-error" : undefined}>
            <legend className="text-sm font-medium text-slate-700">Package</legend>
            <p className="mt-0.5 text-sm text-slate-500">With a package, the listing gets its first order and a draft invoice.</p>
            <Controller
              control={control}
              name="package"
              render={({ field }) => (
                <div className="mt-3 grid gap-2 sm:grid-cols-2">
                  {[null, ...mainPackages].map((p) => (
                    <Choice
                      key={p?.code ?? "none"}
                      type="radio"
                      name={field.name}
                      value={p?.code ?? ""}
                      checked={(field.value ?? null) === (p?.code ?? null)}
                      onChange={() => {
                        field.onChange(p?.code ?? null);
                        if (!p) setValue("add_ons", []);
                      }}
                      onBlur={field.onBlur}
                      label={p ? p.name : "No package"}
                      hint={p ? `${formatMoney(p.price_cents, p.currency)} · ${p.duration_minutes} min` : "Order later"}
                    />
                  ))}
                </div>
              )}
            />
            {errors.package && (
              <p id="listing-package-error" className="mt-1.5 text-sm text-red-600">
                {errors.package.message}
              </p>
            )}
          </fieldset>

          {addOns.length > 0 && (
            <fieldset aria-describedby={errors.add_ons ? "listing-addons-error" : "listing-addons-hint"} disabled={!pkg}>
              <legend className="text-sm font-medium text-slate-700">Add-ons</legend>
              <p id="listing-addons-hint" className="mt-0.5 text-sm text-slate-500">
                {pkg ? "Extra work on top of the package, billed on the same order." : "Choose a package first: add-ons come on top of one."}
              </p>
              <Controller
                control={control}
                name="add_ons"
                render={({ field }) => (
                  <div className="mt-3 grid gap-2 sm:grid-cols-2">
                    {addOns.map((a) => {
                      const chosen = field.value ?? [];
                      return (
                        <Choice
                          key={a.code}
                          type="checkbox"
                          name={field.name}
                          value={a.code}
                          checked={chosen.includes(a.code)}
                          onChange={(event) =>
                            field.onChange(event.target.checked ? addOns.map((x) => x.code).filter((c) => c === a.code || chosen.includes(c)) : chosen.filter((c) => c !== a.code))
                          }
                          onBlur={field.onBlur}
                          label={a.name}
                          hint={`+${formatMoney(a.price_cents, a.currency)}${a.duration_minutes ? ` · +${a.duration_minutes} min` : ""}`}
                        />
                      );
                    })}
                  </div>
                )}
              />
              {errors.add_ons && (
                <p id="listing-addons-error" className="mt-1.5 text-sm text-red-600">
                  {errors.add_ons.message ?? errors.add_ons.root?.message}
                </p>
              )}
            </fieldset>
          )}
          {mainPackages.length === 0 && <p className="text-sm text-slate-500">The agency has no packages yet; the owner adds them on the Packages page.</p>}
        </Card>
      </div>

      <aside className="space-y-4">
        <Card className="p-5 lg:sticky lg:top-6" aria-labelledby="order-summary-heading">
          <h2 id="order-summary-heading" className="text-base font-semibold text-slate-900">
            Order
          </h2>
          {lines.length === 0 ? (
            <p className="mt-2 text-sm text-slate-500">No package: no order yet.</p>
          ) : (
            <ul className="mt-3 space-y-2 text-sm">
              {lines.map((line) => (
                <li key={line.code} className="flex justify-between gap-3">
                  <span className="text-slate-700">{line.name}</span>
                  <span className="text-slate-900">{formatMoney(line.price_cents, line.currency)}</span>
                </li>
              ))}
            </ul>
          )}
          <div className="mt-4 flex items-baseline justify-between border-t border-slate-200 pt-3">
            <span className="text-sm font-medium text-slate-700">Total</span>
            <output aria-label="Order total" aria-live="polite" className="text-lg font-semibold text-slate-900" data-testid="order-total">
              {formatMoney(total, currency)}
            </output>
          </div>
          <div className="mt-5 flex flex-col gap-2">
            <Button type="submit" loading={create.isPending}>
              Create listing
            </Button>
            <ButtonLink href="/listings" variant="secondary">
              Cancel
            </ButtonLink>
          </div>
        </Card>
      </aside>
    </form>
  );
}

function UserPicker({
  control,
  name,
  label,
  hint,
  options,
  error,
  clearable,
}: {
  control: ReturnType<typeof useForm<FormInput, unknown, FormOutput>>["control"];
  name: "owner_user_id" | "agent_one_id" | "agent_two_id";
  label: string;
  hint: string;
  options: ComboboxOption[];
  error?: string;
  clearable?: boolean;
}) {
  const id = `listing-${name.replaceAll("_", "-")}`;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        // Nobody picked yet: say so rather than quote the id format the schema checks.
        <Field id={id} label={label} hint={hint} error={error && !field.value ? "Choose a person." : error}>
          <Combobox
            id={id}
            value={field.value || null}
            onChange={(value) => field.onChange(value ?? (name === "agent_two_id" ? null : ""))}
            options={options}
            placeholder="Choose a person…"
            searchPlaceholder="Search by name or email…"
            emptyText="No active user matches."
            clearable={clearable}
            invalid={Boolean(error)}
            describedBy={error ? `${id}-error` : `${id}-hint`}
          />
        </Field>
      )}
    />
  );
}

function Choice({ label, hint, className, ...props }: React.ComponentProps<"input"> & { label: string; hint: string }) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 px-3 py-2.5 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60",
        className,
      )}
    >
      <input className="mt-0.5 size-4 accent-brand-600" {...props} />
      <span className="min-w-0">
        <span className="block text-sm font-medium text-slate-900">{label}</span>
        <span className="block text-sm text-slate-600">{hint}</span>
      </span>
    </label>
  );
}
