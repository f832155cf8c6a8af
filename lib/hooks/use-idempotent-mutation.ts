"use client";
// Dashboard writes, safe to repeat: every attempt at the same change (same input) carries the
// same X-Idempotency-Key until it succeeds, so a double click or a retry after a lost answer
// replays the first result instead of doing the work twice (the server keeps the answer, as
// /api/v1 does). A second call while the first is still in flight joins it rather than sending
// again. A different input is a different change and gets a new key.
import { useRef } from "react";
import { useMutation, type UseMutationOptions, type UseMutationResult } from "@tanstack/react-query";
import { newIdempotencyKey, toDashboardError } from "@/lib/trpc";

// Outcomes after which the server may have done the work: a retry must replay, so it keeps the key.
const MAY_HAVE_RUN = new Set<string>(["network_error", "internal_error", "service_unavailable", "idempotency_key_in_use"]);

/** JSON with sorted keys, so that two equal inputs compare equal. */
export function inputFingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

export type Send<TInput, TOutput> = (input: TInput, context: { idempotencyKey: string }) => Promise<TOutput>;

/** The key bookkeeping behind useIdempotentMutation, as a plain object (unit-tested). */
export function createAttempts(makeKey: () => string = newIdempotencyKey) {
  let attempt: { fingerprint: string; key: string; inFlight: Promise<unknown> | null } | null = null;
  return {
    run<TInput, TOutput>(input: TInput, send: Send<TInput, TOutput>): Promise<TOutput> {
      const print = inputFingerprint(input);
      if (!attempt || attempt.fingerprint !== print) attempt = { fingerprint: print, key: makeKey(), inFlight: null };
      const current = attempt;
      if (current.inFlight) return current.inFlight as Promise<TOutput>;
      const sent = send(input, { idempotencyKey: current.key }).then(
        (result) => {
          // Done: the next change, even with the same input, is a new one.
          if (attempt === current) attempt = null;
          return result;
        },
        (error: unknown) => {
          current.inFlight = null;
          // A definite refusal (4xx) did nothing: trying again is a new attempt with a new key, so it
          // is not answered from the stored refusal. No answer, or a server failure: keep the key.
          if (!MAY_HAVE_RUN.has(toDashboardError(error).code) && attempt === current) attempt = null;
          throw error;
        },
      );
      current.inFlight = sent;
      return sent;
    },
  };
}

export function useIdempotentMutation<TInput, TOutput, TError = unknown>(
  send: Send<TInput, TOutput>,
  options: Omit<UseMutationOptions<TOutput, TError, TInput>, "mutationFn"> = {},
): UseMutationResult<TOutput, TError, TInput> {
  const attempts = useRef<ReturnType<typeof createAttempts> | null>(null);
  attempts.current ??= createAttempts();
  // A call that would only join the change already under way is dropped, so that onSuccess /
  // onError (a toast, a navigation) run once for one change, however many times it was clicked.
  // "Under way" starts at the call itself: react-query reaches mutationFn only after a few
  // microtasks, and two clicks in one instant (each through a form's async validation) both get
  // to mutate before either is in flight.
  const underWay = useRef<string | null>(null);
  const mutation = useMutation<TOutput, TError, TInput>({
    ...options,
    mutationFn: (input) =>
      attempts.current!.run(input, send).finally(() => {
        if (underWay.current === inputFingerprint(input)) underWay.current = null;
      }),
  });
  const mutate = ((...args: Parameters<typeof mutation.mutate>) => {
    const print = inputFingerprint(args[0]);
    if (underWay.current === print) return;
    underWay.current = print;
    mutation.mutate(...args);
  }) as typeof mutation.mutate;
  return { ...mutation, mutate };
}
