// The in-memory buffer between the bot and the counters. Recording is a map update, never a
// database call: a reply is never slowed or broken by the trends. A timer flushes the buffer
// (one transaction every `flushEveryMs`), sooner when `flushAtUpdates` updates wait, and
// stop() flushes what is left. On SQLite a flush holds the bot's thread from start to end
// (the driver answers synchronously), for a time that grows with the updates it writes, and
// every update arriving meanwhile waits: 12–17 ms for the 3,000 of five seconds at 600
// updates/s. At most about 500 keep it short (docs/performance.md, item 22).
// If the database is down the counts stay here and go with the next flush that works.
// Memory is bounded: counts are merged per counter, and at most `maxPendingUpdates` update ids
// wait for their dedupe; past that, the oldest are merged into plain counts (see docs/trends.md).
import type { Logger } from "pino";
import { errorFields } from "../bot/errors.js";
import type { Batch, CounterStore } from "./store.js";

export interface BufferOptions {
  store: CounterStore;
  logger: Logger;
  /** Hours since 1970 now, for the dedupe record's purge. */
  hour(): number;
  flushEveryMs: number;
  /** Updates waiting that start a flush before its time (not while the database is failing). */
  flushAtUpdates?: number;
  maxPendingUpdates?: number;
}

export interface BufferStats {
  pendingUpdates: number;
  counters: number;
  flushFailures: number;
}

export interface TrendBuffer {
  /** False if this process already took this update id (a duplicate delivered again). */
  claim(updateId: number): boolean;
  /** Forgets that this process took the update id, so that a redelivery counts. */
  release(updateId: number): void;
  /** Adds to a counter, deduplicated on the update id, or with no dedupe when it is undefined. */
  add(updateId: number | undefined, key: string, n?: number): void;
  /** Writes what is buffered; false if the database refused (the counts are kept). */
  flush(): Promise<boolean>;
  start(): void;
  /** Stops the timer and flushes what is left. */
  stop(): Promise<void>;
  stats(): BufferStats;
}

const RECENT_CLAIMS = 10_000;

function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function createTrendBuffer(options: BufferOptions): TrendBuffer {
  const { store, logger, flushEveryMs } = options;
  const maxPending = options.maxPendingUpdates ?? 10_000;
  const flushAt = options.flushAtUpdates ?? 500;
  let updates: Batch["updates"] = new Map();
  let counts: Batch["counts"] = new Map();
  const claimed = new Set<number>();
  let queue: Promise<unknown> = Promise.resolve();
  let running = false;
  let failures = 0;
  let failing = false;
  let timer: NodeJS.Timeout | undefined;
  let early: NodeJS.Immediate | undefined;

  /** Past the bound, the oldest waiting updates lose their dedupe but keep their counts. */
  function bound(): void {
    for (const [id, byKey] of updates) {
      if (updates.size <= maxPending) break;
      for (const [key, n] of byKey) addTo(counts, key, n);
      updates.delete(id);
    }
  }

  async function write(): Promise<boolean> {
    if (updates.size === 0 && counts.size === 0) return true;
    const batch: Batch = { updates, counts };
    updates = new Map();
    counts = new Map();
    try {
      await store.write(batch, options.hour());
      if (failing) logger.info("trend counters written again after a failure");
      failing = false;
      return true;
    } catch (error) {
      failures++;
      if (!failing) logger.warn(errorFields(error), "trend counters not written; kept in memory for the next flush");
      failing = true;
      // Put the batch back in front of what arrived meanwhile.
      for (const [id, byKey] of updates) if (!batch.updates.has(id)) batch.updates.set(id, byKey);
      for (const [key, n] of counts) addTo(batch.counts, key, n);
      updates = batch.updates;
      counts = batch.counts;
      bound();
      return false;
    }
  }

  const flush = (): Promise<boolean> => {
    const next = queue.then(write);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The timer's flush, skipped while one is still running. */
  const tick = () => {
    if (running) return;
    running = true;
    void flush().finally(() => (running = false));
  };

  /** A flush before its time, once the update being handled has given the thread back. */
  function soon(): void {
    if (!timer || early || running || failing || updates.size < flushAt) return;
    early = setImmediate(() => {
      early = undefined;
      tick();
    });
  }

  return {
    claim(updateId) {
      if (claimed.has(updateId)) return false;
      claimed.add(updateId);
      if (claimed.size > RECENT_CLAIMS) claimed.delete(claimed.values().next().value!);
      return true;
    },
    release: (updateId) => void claimed.delete(updateId),
    add(updateId, key, n = 1) {
      if (updateId === undefined) return addTo(counts, key, n);
      let byKey = updates.get(updateId);
      if (!byKey) updates.set(updateId, (byKey = new Map()));
      addTo(byKey, key, n);
      bound();
      soon();
    },
    flush,
    start() {
      timer = setInterval(tick, flushEveryMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (early) clearImmediate(early);
      timer = undefined;
      early = undefined;
      const written = await flush();
      if (!written) logger.error({ counters: counts.size, updates: updates.size }, "trend counters lost at shutdown: the database did not answer");
    },
    stats: () => ({ pendingUpdates: updates.size, counters: counts.size, flushFailures: failures }),
  };
}
