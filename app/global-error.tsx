"use client";
// The last resort, when the root layout itself fails: it renders its own document.
import "./globals.css";

export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen items-center justify-center bg-slate-50 font-sans text-ink antialiased">
        <title>Something went wrong · Valara</title>
        <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white px-6 py-10 text-center shadow-sm">
          <h1 className="text-xl font-semibold text-slate-900">Something went wrong</h1>
          <p className="mt-2 text-sm text-slate-500">Valara could not load this page. Try again in a moment.</p>
          <button
            type="button"
            onClick={() => retry()}
            className="mt-6 inline-flex h-9 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700"
          >
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
