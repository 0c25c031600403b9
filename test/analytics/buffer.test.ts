// The buffer between the bot and the counters: flushed by time, by size and at shutdown,
// holding the counts while the database is down, bounded whatever the traffic.
import { afterEach, describe, expect, it, vi } from "vitest";
import pino from "pino";
import { createTrendBuffer } from "../../src/analytics/buffer.js";
import type { Batch, CounterStore } from "../../src/analytics/store.js";

/** A store that records what it is given, and can be "down". */
function fakeStore() {
  const written: Record<string, number> = {};
  const seen = new Set<number>();
  const store = {
    down: false,
    writes: 0,
    written,
    async write(batch: Batch) {
      store.writes++;
      if (store.down) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      for (const [id, counts] of batch.updates) {
        if (seen.has(id)) continue;
        seen.add(id);
        for (const [key, n] of counts) written[key] = (written[key] ?? 0) + n;
      }
      for (const [key, n] of batch.counts) written[key] = (written[key] ?? 0) + n;
      return [];
    },
    purge: async () => ({ counters: 0, seen: 0 }),
  };
  return store satisfies CounterStore & { down: boolean };
}

const logger = pino({ level: "silent" });
const make = (store: CounterStore, maxPendingUpdates?: number, flushAtUpdates?: number) =>
  createTrendBuffer({ store, logger, hour: () => 1, flushEveryMs: 5000, ...(maxPendingUpdates ? { maxPendingUpdates } : {}), ...(flushAtUpdates ? { flushAtUpdates } : {}) });

afterEach(() => vi.useRealTimers());

describe("the trend buffer", () => {
  it("writes once per interval while few updates wait", async () => {
    vi.useFakeTimers();
    const store = fakeStore();
    const buffer = make(store);
    buffer.start();
    for (let id = 1; id <= 499; id++) buffer.add(id, "flow_started");
    expect(store.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(4999);
    expect(store.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.writes).toBe(1);
    expect(store.written.flow_started).toBe(499);
    await buffer.stop();
  });

  it("writes before its time once 500 updates wait, so that no flush holds the bot for long", async () => {
    vi.useFakeTimers();
    const store = fakeStore();
    const buffer = make(store);
    buffer.start();
    // A busy minute's first second: 600 updates, a few at a time.
    for (let id = 1; id <= 600; id++) {
      buffer.add(id, "flow_started");
      if (id % 10 === 0) await vi.advanceTimersByTimeAsync(16);
    }
    expect(store.writes).toBe(1); // at the 500th, not 4 seconds later
    expect(buffer.stats().pendingUpdates).toBe(100);
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.written.flow_started).toBe(600);
    await buffer.stop();
  });

  it("while the database is down, tries again at the interval, not at every update", async () => {
    vi.useFakeTimers();
    const store = fakeStore();
    const buffer = make(store, undefined, 100);
    buffer.start();
    store.down = true;
    for (let id = 1; id <= 1000; id++) {
      buffer.add(id, "flow_started");
      if (id % 10 === 0) await vi.advanceTimersByTimeAsync(1);
    }
    expect(store.writes).toBe(1); // the early flush at the 100th failed; no more until the timer
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.writes).toBe(2);
    store.down = false;
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.written.flow_started).toBe(1000);
    await buffer.stop();
  });

  it("flushes what is left when it stops", async () => {
    const store = fakeStore();
    const buffer = make(store);
    buffer.start();
    buffer.add(7, "band:high");
    buffer.add(undefined, "people", 3);
    await buffer.stop();
    expect(store.written).toEqual({ "band:high": 1, people: 3 });
  });

  it("keeps the counts while the database is down, and writes them exactly once it is back", async () => {
    const store = fakeStore();
    const buffer = make(store);
    for (let id = 1; id <= 100; id++) buffer.add(id, "sign:upfront_fee");
    store.down = true;
    expect(await buffer.flush()).toBe(false);
    for (let id = 101; id <= 150; id++) buffer.add(id, "sign:upfront_fee");
    expect(await buffer.flush()).toBe(false);
    expect(buffer.stats()).toMatchObject({ pendingUpdates: 150, flushFailures: 2 });
    store.down = false;
    expect(await buffer.flush()).toBe(true);
    expect(store.written).toEqual({ "sign:upfront_fee": 150 });
    expect(buffer.stats().pendingUpdates).toBe(0);
  });

  it("holds memory bounded by the counters while the database is down, not by the traffic", async () => {
    const store = fakeStore();
    store.down = true;
    const buffer = make(store, 1000);
    for (let id = 1; id <= 50_000; id++) buffer.add(id, `band:${["low", "medium", "high"][id % 3]}`);
    await buffer.flush();
    expect(buffer.stats().pendingUpdates).toBeLessThanOrEqual(1000);
    expect(buffer.stats().counters).toBe(3);
    store.down = false;
    await buffer.flush();
    expect(store.written["band:low"]! + store.written["band:medium"]! + store.written["band:high"]!).toBe(50_000);
  });

  it("lets an update id be claimed once: a duplicate delivered to the same process counts nothing", () => {
    const buffer = make(fakeStore());
    expect(buffer.claim(42)).toBe(true);
    expect(buffer.claim(42)).toBe(false);
    expect(buffer.claim(43)).toBe(true);
  });

  it("remembers the last 10,000 update ids claimed, and takes one older again", () => {
    const buffer = make(fakeStore());
    for (let id = 1; id <= 10_000; id++) expect(buffer.claim(id)).toBe(true);
    expect(buffer.claim(1)).toBe(false);
    expect(buffer.claim(10_001)).toBe(true); // the oldest, 1, is forgotten
    expect(buffer.claim(1)).toBe(true);
    expect(buffer.claim(2)).toBe(true); // and 2 with it, as 1 came back
    expect(buffer.claim(10_000)).toBe(false);
    expect(buffer.claim(3)).toBe(true);
  });

  it("lets a released update id be claimed again when it comes back", () => {
    const buffer = make(fakeStore());
    expect(buffer.claim(42)).toBe(true);
    buffer.release(42);
    expect(buffer.claim(42)).toBe(true);
    expect(buffer.claim(42)).toBe(false);
  });
});
