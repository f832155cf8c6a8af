import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createIdleCollector, v8FullCollection } from "./idle-collector";

describe("idle collector", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  test("after requests, collects a few times once the process stays idle, then stops", () => {
    const gc = vi.fn();
    let heap = 100;
    const collector = createIdleCollector({ idleMs: 2000, collections: 3, gc, heapUsed: () => heap, minGrowthBytes: 10 });
    heap = 200;
    collector.busy();
    collector.idle();
    vi.advanceTimersByTime(1999);
    expect(gc).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(gc).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(gc).toHaveBeenCalledTimes(3);
    expect(collector.collected).toBe(3);
  });

  test("a new request cancels the collection not yet run; an idle process that served nothing never collects", () => {
    const gc = vi.fn();
    const collector = createIdleCollector({ idleMs: 2000, gc, heapUsed: () => 0, minGrowthBytes: -1 });
    collector.idle();
    vi.advanceTimersByTime(10_000);
    expect(gc).not.toHaveBeenCalled();
    collector.busy();
    collector.idle();
    vi.advanceTimersByTime(1500);
    collector.busy(); // a request arrives before the idle period is over
    vi.advanceTimersByTime(10_000);
    expect(gc).not.toHaveBeenCalled();
    collector.idle();
    vi.advanceTimersByTime(2000);
    expect(gc).toHaveBeenCalledTimes(1);
  });

  test("requests that left little behind (a health check) set off no collection", () => {
    const gc = vi.fn();
    let heap = 100;
    const collector = createIdleCollector({ idleMs: 2000, gc, heapUsed: () => heap, minGrowthBytes: 50 });
    heap = 120;
    collector.busy();
    collector.idle();
    vi.advanceTimersByTime(60_000);
    expect(gc).not.toHaveBeenCalled();
    heap = 160; // more traffic: now it has grown by 60 since the collector last measured
    collector.busy();
    collector.idle();
    vi.advanceTimersByTime(2000);
    expect(gc).toHaveBeenCalledTimes(1);
  });

  test("idleMs 0 turns it off", () => {
    const gc = vi.fn();
    const collector = createIdleCollector({ idleMs: 0, gc });
    collector.busy();
    collector.idle();
    vi.advanceTimersByTime(60_000);
    expect(gc).not.toHaveBeenCalled();
  });

  test("V8's full collection can be reached without --expose-gc on the command line", () => {
    vi.useRealTimers();
    const gc = v8FullCollection();
    expect(gc).toBeTypeOf("function");
    gc!();
  });
});
