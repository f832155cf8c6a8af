"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";
import { Field, Input, fieldAria } from "@/components/ui/input";
import { safeCallbackPath } from "./callback-url";
import { LOCKED_ERROR_PREFIX, describeWait } from "@/server/auth/sign-in-throttle-message";

const SignInInput = z.object({
  email: z.string().trim().min(1, "Enter your email").pipe(z.email("Enter a valid email address")),
  password: z.string().min(1, "Enter your password"),
});
type SignInInput = z.infer<typeof SignInInput>;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({ resolver: zodResolver(SignInInput), defaultValues: { email: "", password: "" } });

  async function onSubmit(values: SignInInput) {
    setFailure(null);
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    } catch {
      setFailure("Could not reach Valara. Check your connection and try again.");
      return;
    }
    if (result?.error?.startsWith(LOCKED_ERROR_PREFIX)) {
      const seconds = Number(result.error.slice(LOCKED_ERROR_PREFIX.length)) || 60;
      setFailure(`Too many failed sign-in attempts. Sign-in is locked for ${describeWait(seconds)}; try again after that.`);
      return;
    }
    if (!result?.ok || result.error) {
      setFailure(
        result?.error === "CredentialsSignin" || result?.status === 401
          ? "Incorrect email or password."
          : "Sign-in failed. Try again in a moment.",
      );
      return;
    }
    // A full load, so that every server component sees the new session.
    window.location.assign(safeCallbackPath(callbackUrl));
  }

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate className="space-y-5">
      {failure && <Alert tone="error">{failure}</Alert>}
      <Field id="email" label="Email" error={errors.email?.message}>
        <Input type="email" autoComplete="username" autoFocus {...fieldAria("email", errors.email?.message)} {...register("email")} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <Input type="password" autoComplete="current-password" {...fieldAria("password", errors.password?.message)} {...register("password")} />
      </Field>
      <Button type="submit" className="w-full" loading={isSubmitting}>
        Sign in
      </Button>
    </form>
  );
}
