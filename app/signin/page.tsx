// Dashboard sign-in. A visitor who is already signed in goes straight to where they were headed.
import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { getActor } from "@/lib/server/dashboard";
import { safeCallbackPath } from "./callback-url";
import { SignInForm } from "./signin-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl);
  // The actor, not just a session cookie: a disabled user's cookie must not bounce them back.
  if (await getActor()) redirect(callbackUrl);

  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span aria-hidden="true" className="flex size-10 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-white">
            V
          </span>
          <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">Sign in to Valara</h1>
          <p className="mt-1 text-sm text-slate-500">Listings, shoots, orders and media for your agency.</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm callbackUrl={callbackUrl} />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">Trouble signing in? Ask your agency&apos;s owner to check your account.</p>
      </div>
    </div>
  );
}
