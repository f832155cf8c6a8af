// Load shedding: when the process already has as many requests in flight as it can answer in
// good time, or its event loop is falling behind, a new request is refused at once with
// 503 service_unavailable and Retry-After, before it does any work (no idempotency claim, no
// database), rather than queueing until every request times out together. The in-flight limit is
// what bounds the waiting; the event-loop check catches what the count cannot see (a request
// that burns CPU, a stall).
//
// The event-loop delay is measured as fastify's under-pressure does: perf_hooks'
// monitorEventLoopDelay histogram, its mean over each sampling interval, then reset. The mean (not
// the maximum) so that one garbage-collection pause does not refuse a second's requests, and only
// when two intervals in a row are over the limit, so that a moment without CPU (a machine shared
// with other work) does not either: what is refused is a loop that stays behind.
import { monitorEventLoopDelay } from "node:perf_hooks";

export interface LoadShedderOptions {
  /** Requests in flight at once; the next one is refused. */
  maxInFlight: number;
  /** Mean event-loop delay (ms) per sampling interval above which, two intervals in a row, new requests are refused. */
  maxEventLoopDelayMs: number;
  /** How often the delay is sampled (default 500 ms). */
  sampleIntervalMs?: number;
}

export type Overload = "in_flight" | "event_loop";

export interface LoadShedder {
  /** Why a new request must be refused now, or null when it may run. */
  overload(): Overload | null;
  /** Counts a request in flight; call the returned function (once) when it is answered or gone. */
  begin(): () => void;
  readonly inFlight: number;
  /** The mean event-loop delay of the last sampling interval, in ms. */
  readonly eventLoopDelayMs: number;
  /** Forgets the delay measured so far (start-up work blocks the loop on purpose). */
  reset(): void;
  close(): void;
}

const RESOLUTION_MS = 10;

export function createLoadShedder(options: LoadShedderOptions): LoadShedder {
  let inFlight = 0;
  let delayMs = 0;
  let previousDelayMs = 0;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const interval = options.sampleIntervalMs ?? 500;
  let lastSample = performance.now();
  /** Until then, what the histogram holds is start-up work, not overload. */
  let ignoreUntil = 0;
  const sampler = setInterval(() => {
    const now = performance.now();
    if (now < ignoreUntil) {
      histogram.reset();
      lastSample = now;
      return;
    }
    // The histogram's samples include the resolution itself; an idle loop reads ~0. With no
    // sample at all the loop was blocked the whole interval (or this timer ran before the
    // histogram's): how late this timer itself is says by how much.
    previousDelayMs = delayMs;
    delayMs = histogram.count > 0 ? Math.max(0, histogram.mean / 1e6 - RESOLUTION_MS) : Math.max(0, now - lastSample - interval);
    lastSample = now;
    histogram.reset();
  }, interval);
  sampler.unref();

  return {
    overload() {
      if (inFlight >= options.maxInFlight) return "in_flight";
      if (Math.min(delayMs, previousDelayMs) > options.maxEventLoopDelayMs) return "event_loop";
      return null;
    },
    begin() {
      inFlight++;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inFlight--;
      };
    },
    get inFlight() {
      return inFlight;
    },
    get eventLoopDelayMs() {
      return delayMs;
    },
    reset() {
      // For two intervals: a timer of the histogram overdue from the blocking work may still
      // record it after this.
      histogram.reset();
      delayMs = 0;
      previousDelayMs = 0;
      lastSample = performance.now();
      ignoreUntil = lastSample + 2 * interval;
    },
    close() {
      clearInterval(sampler);
      histogram.disable();
    },
  };
}
