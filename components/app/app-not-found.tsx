"use client";
// The app's own 404 (the Valara name, a way back to the dashboard). A client component on purpose:
// Next serialises the root not-found into every page's payload, and as a client reference it
// travels as a module id rather than as markup — so the unbranded property page, which must not
// name Valara anywhere an MLS could read it, carries no trace of it.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";

export function AppNotFound() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4">
      <Link href="/" className="mb-8 flex items-center gap-2" aria-label="Valara home">
        <span aria-hidden="true" className="flex size-8 items-center justify-center rounded-md bg-brand-600 text-sm font-bold text-white">
          V
        </span>
        <span className="text-lg font-semibold tracking-tight text-slate-900">Valara</span>
      </Link>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
        <p className="text-sm font-medium text-brand-600">404</p>
        <h1 className="mt-2 text-xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-500">The page you are looking for does not exist or is no longer available.</p>
        <div className="mt-6">
          <ButtonLink href="/listings">Go to the dashboard</ButtonLink>
        </div>
      </div>
    </div>
  );
}
