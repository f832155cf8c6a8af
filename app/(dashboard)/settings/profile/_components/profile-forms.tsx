"use client";
// Two small forms on the procedures' own schemas (UpdateProfileInput, ChangePasswordInput). A new
// name shows in the header at once (the layout is re-read); a new password keeps this session
// signed in and is the only one that signs in from now on.
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { z } from "zod";
import { ChangePasswordInput, UpdateProfileInput } from "@/server/api/routers/users/schemas";
import { MIN_PASSWORD_LENGTH } from "@/server/auth/password-policy";
import { Card, CardHeader } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field, Input, fieldAria } from "@/components/ui/input";
import { toast, toastError } from "@/components/ui/toaster";
import { useMe } from "@/components/dashboard/providers";
import { useIdempotentMutation } from "@/lib/hooks/use-idempotent-mutation";
import { ROLE_LABELS } from "@/lib/format";
import { trpc, toDashboardError } from "@/lib/trpc";

export function ProfileForms() {
  return (
    <div className="grid max-w-3xl gap-6">
      <NameForm />
      <PasswordForm />
    </div>
  );
}

/** Puts the server's field problems on their fields; returns whether any landed. */
function placeIssues<F extends string>(error: unknown, fields: readonly F[], setError: (field: F, error: { message: string }, options: { shouldFocus: boolean }) => void) {
  const problem = toDashboardError(error);
  let placed = false;
  for (const issue of problem.details) {
    const field = fields.find((f) => issue.field === f);
    if (field) {
      setError(field, { message: issue.message }, { shouldFocus: !placed });
      placed = true;
    }
  }
  return placed;
}

function NameForm() {
  const me = useMe();
  const router = useRouter();
  type Input = z.input<typeof UpdateProfileInput>;
  type Output = z.output<typeof UpdateProfileInput>;
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isDirty },
  } = useForm<Input, unknown, Output>({ resolver: zodResolver(UpdateProfileInput), defaultValues: { name: me.user.name } });
  const save = useIdempotentMutation((input: Output, context) => trpc.users.updateProfile.mutate(input, { context }), {
    onSuccess: (profile) => {
      toast.success("Your name was saved", { description: profile.name });
      reset({ name: profile.name });
      router.refresh();
    },
    onError: (error) => {
      if (!placeIssues(error, ["name"] as const, setError)) toastError("Your name was not saved", error);
    },
  });
  return (
    <Card aria-labelledby="profile-name-title">
      <CardHeader id="profile-name-title" title="Name" description="Shown on listings, in the history and on the People screen." />
      <form noValidate aria-label="Name" className="space-y-5 px-5 py-5" onSubmit={handleSubmit((values) => save.mutate(values))}>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="profile-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="name" maxLength={200} {...fieldAria("profile-name", errors.name?.message)} {...register("name")} />
          </Field>
          <dl>
            <dt className="text-sm font-medium text-slate-700">Email</dt>
            <dd className="mt-1.5 break-all py-2 text-sm text-slate-900">{me.user.email}</dd>
          </dl>
        </div>
        <div className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-600">
            Role: {ROLE_LABELS[me.user.role] ?? me.user.role}
            {me.agency && !me.is_platform_admin && <> · {me.agency.name}</>}. Your email and role are changed by the agency&apos;s owner.
          </p>
          <Button type="submit" loading={save.isPending} disabled={!isDirty}>
            Save name
          </Button>
        </div>
      </form>
    </Card>
  );
}

const PasswordForm_ = ChangePasswordInput.and(z.object({ confirm_password: z.string() })).superRefine((values, ctx) => {
  if (values.confirm_password !== values.new_password) ctx.addIssue({ code: "custom", path: ["confirm_password"], message: "does not match the new password" });
});

function PasswordForm() {
  const me = useMe();
  type Input = z.input<typeof PasswordForm_>;
  type Output = z.output<typeof PasswordForm_>;
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<Input, unknown, Output>({ resolver: zodResolver(PasswordForm_), defaultValues: { current_password: "", new_password: "", confirm_password: "" } });
  const change = useIdempotentMutation(
    (input: { current_password: string; new_password: string }, context) => trpc.users.changePassword.mutate(input, { context }),
    {
      onSuccess: () => {
        toast.success("Your password was changed", { description: "Use the new one the next time you sign in." });
        reset();
      },
      onError: (error) => {
        if (!placeIssues(error, ["current_password", "new_password"] as const, setError)) toastError("Your password was not changed", error);
      },
    },
  );
  return (
    <Card aria-labelledby="profile-password-title">
      <CardHeader id="profile-password-title" title="Password" description="You stay signed in here; from now on only the new password signs in." />
      <form
        noValidate
        aria-label="Change password"
        className="space-y-5 px-5 py-5"
        onSubmit={handleSubmit((values) => change.mutate({ current_password: values.current_password, new_password: values.new_password }))}
      >
        {/* For password managers: which account this password belongs to. */}
        <input type="email" autoComplete="username" value={me.user.email} readOnly hidden />
        <Field id="current-password" label="Current password" error={errors.current_password?.message}>
          <Input type="password" autoComplete="current-password" maxLength={200} {...fieldAria("current-password", errors.current_password?.message)} {...register("current_password")} />
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="new-password" label="New password" hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={errors.new_password?.message}>
            <Input type="password" autoComplete="new-password" maxLength={200} {...fieldAria("new-password", errors.new_password?.message, true)} {...register("new_password")} />
          </Field>
          <Field id="confirm-password" label="Confirm new password" error={errors.confirm_password?.message}>
            <Input type="password" autoComplete="new-password" maxLength={200} {...fieldAria("confirm-password", errors.confirm_password?.message)} {...register("confirm_password")} />
          </Field>
        </div>
        <div className="flex justify-end border-t border-slate-200 pt-4">
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
