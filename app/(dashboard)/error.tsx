"use client";
// Anything a dashboard screen throws while rendering lands here, inside the header, with a way
// to try again. Server errors carry only a digest (the details stay in the server's log).
import { useEffect } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <Card className="mx-auto max-w-xl px-6 py-10 text-center">
      <p className="text-sm font-medium text-red-600">Something went wrong</p>
      <h1 className="mt-2 text-xl font-semibold text-slate-900">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-500">
        It may be a temporary problem. Try again; if it keeps happening, contact support
        {digest ? (
          <>
            {" "}
            and quote reference <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-700">{digest}</code>
          </>
        ) : null}
        .
      </p>
      <div className="mt-6 flex justify-center gap-3">
        <Button onClick={() => retry()}>Try again</Button>
        <ButtonLink href="/listings" variant="secondary">
          Go to listings
        </ButtonLink>
      </div>
    </Card>
  );
}
