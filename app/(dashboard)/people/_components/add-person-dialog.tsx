"use client";
// "Add person": name, email, role, team, and either a generated first password (shown once after)
// or one the manager sets. Validated with the procedure's own schema pieces (AddPersonInput) so
// the browser and the server word a field's problem alike; the server's refusals (a taken email)
// land on their fields. Sent with an idempotency key: a double click adds one person.
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { AddPersonInput } from "@/server/api/routers/users/schemas";
import { PasswordSchema } from "@/server/agencies/schemas";
import { AGENCY_ROLES } from "@/server/auth/scopes";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/password-policy";
import { Dialog } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, fieldAria } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { ROLE_LABELS } from "@/lib/format";
import { trpc, toDashboardError, type RouterOutputs } from "@/lib/trpc";
import { ROLE_HINTS } from "./person-dialogs";
import { useRefreshPeople, type Team } from "./queries";

type Added = RouterOutputs["users"]["create"];

const AddPersonForm = z
  .object({
    name: AddPersonInput.shape.name,
    email: AddPersonInput.shape.email,
    role: AddPersonInput.shape.role,
    team_id: z.string(),
    password_mode: z.enum(["generate", "set"]),
    password: z.string(),
  })
  .superRefine((values, ctx) => {
    if (values.password_mode !== "set") return;
    const checked = PasswordSchema.safeParse(values.password);
    if (!checked.success) ctx.addIssue({ code: "custom", path: ["password"], message: checked.error.issues[0]?.message ?? "is not a valid password" });
  });
type FormInput = z.input<typeof AddPersonForm>;
type FormOutput = z.output<typeof AddPersonForm>;

const FIELDS = ["name", "email", "role", "team_id", "password"] as const;
const DEFAULTS: FormInput = { name: "", email: "", role: "agent", team_id: "", password_mode: "generate", password: "" };

export function AddPersonDialog({ open, teams, onClose, onAdded }: { open: boolean; teams: Team[]; onClose: () => void; onAdded: (added: Added) => void }) {
  const refresh = useRefreshPeople();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    control,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(AddPersonForm), defaultValues: DEFAULTS });
  const mode = useWatch({ control, name: "password_mode" });
  const role = useWatch({ control, name: "role" });

  useEffect(() => {
    if (open) {
      reset(DEFAULTS);
      setFormError(null);
    }
  }, [open, reset]);

  const add = useIdempotentMutation((input: AddPersonInput, context) => trpc.users.create.mutate(input, { context }), {
    onSuccess: async (added) => {
      toast.success(`${added.user.name} was added`, { description: `${ROLE_LABELS[added.user.role]} · ${added.user.email}` });
      onAdded(added);
      await refresh();
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
    <Dialog
      open={open}
      onClose={() => !add.isPending && onClose()}
      title="Add person"
      description="They can sign in as soon as you add them."
      className="max-w-xl"
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={add.isPending}>
            Cancel
          </Button>
          <Button type="submit" form="add-person-form" loading={add.isPending}>
            Add person
          </Button>
        </>
      }
    >
      <form
        id="add-person-form"
        aria-label="Add person"
        noValidate
        className="space-y-5"
        onSubmit={handleSubmit((values) => {
          setFormError(null);
          add.mutate({
            name: values.name,
            email: values.email,
            role: values.role,
            team_id: values.team_id || null,
            password: values.password_mode === "set" ? values.password : null,
          });
        })}
      >
        {formError && (
          <Alert tone="error" title="The person was not added">
            {formError}
          </Alert>
        )}
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="person-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="off" maxLength={200} {...fieldAria("person-name", errors.name?.message)} {...register("name")} />
          </Field>
          <Field id="person-email" label="Email" hint="Their sign-in name." error={errors.email?.message}>
            <Input type="email" autoComplete="off" maxLength={320} {...fieldAria("person-email", errors.email?.message, true)} {...register("email")} />
          </Field>
          <Field id="person-role" label="Role" hint={ROLE_HINTS[role ?? "agent"]} error={errors.role?.message}>
            <Select {...fieldAria("person-role", errors.role?.message, true)} {...register("role")}>
              {AGENCY_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="person-team" label="Team (optional)" error={errors.team_id?.message}>
            <Select {...fieldAria("person-team", errors.team_id?.message)} {...register("team_id")}>
              <option value="">No team</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>

        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-700">First password</legend>
          <label className="flex cursor-pointer items-start gap-3 text-sm">
            <input type="radio" value="generate" className="mt-0.5 size-4 accent-brand-600" {...register("password_mode")} />
            <span>
              <span className="block font-medium text-slate-900">Generate one</span>
              <span className="block text-slate-600">Shown to you once, right after; give it to them.</span>
            </span>
          </label>
          <label className="flex cursor-pointer items-start gap-3 text-sm">
            <input type="radio" value="set" className="mt-0.5 size-4 accent-brand-600" {...register("password_mode")} />
            <span>
              <span className="block font-medium text-slate-900">Set it myself</span>
              <span className="block text-slate-600">At least {MIN_PASSWORD_LENGTH} characters.</span>
            </span>
          </label>
          {mode === "set" && (
            <Field id="person-password" label="Password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={errors.password?.message}>
              <Input type="password" autoComplete="new-password" maxLength={200} {...fieldAria("person-password", errors.password?.message, true)} {...register("password")} />
            </Field>
          )}
        </fieldset>
      </form>
    </Dialog>
  );
}
