// The trends as the bot sees them: record events for an update, count distinct people, and
// keep the buffer, the daily key and the campaign list running. Built once in app.ts.
import type { Logger } from "pino";
import type { Clock } from "../session/storage.js";
import type { Database } from "../db/client.js";
import type { Provider } from "../db/provider.js";
import type { Sql } from "../db/sql.js";
import { counterKey, keyString, utcDay, utcToday, type EventContext, type Metric, type MetricValue } from "./events.js";
import { createTrendBuffer, type BufferStats, type TrendBuffer } from "./buffer.js";
import { createCounterStore, type AlsoWrite, type CounterStore } from "./store.js";
import { currentScope } from "../db/update-scope.js";
import { createVisitors, type Visitors } from "./visitors.js";
import { createCampaigns, type Campaigns } from "./campaigns.js";

const HOUR_MS = 60 * 60 * 1000;
/** Seen update ids are kept this long: Telegram stops redelivering long before. */
const SEEN_HOURS = 48;

/** Counts for one update. */
export interface Recorder {
  count<M extends Metric>(metric: M, value: MetricValue<M> | (string & {}), context?: EventContext): void;
}

export interface Trends {
  /** A recorder for an update; `context` supplies the campaign, language and destination. */
  recorder(updateId: number, context: () => EventContext): Recorder;
  /** Counts a chat once per UTC day, in the context of its first update that day. */
  see(chatId: number, context: EventContext): void;
  campaigns: Campaigns;
  /**
   * Writes updates' counts now, in one transaction with `also`, each update once; returns the
   * ids already written before (duplicates). Used to commit an update before acknowledging it.
   */
  writeNow(updates: Map<number, Map<string, number>>, also: AlsoWrite): Promise<number[]>;
  /** Keeps an update's counts for a later flush (its commit failed), still deduplicated. */
  keep(updateId: number, counts: Map<string, number>): void;
  /** Forgets that this process took an update: it was not committed and will come again. */
  release(updateId: number): void;
  flush(): Promise<boolean>;
  /** Deletes counters older than the retention, and seen update ids older than 48 hours. */
  purge(): Promise<{ counters: number; seen: number }>;
  start(): Promise<void>;
  stop(): Promise<void>;
  stats(): BufferStats;
}

export interface TrendsDeps {
  db: Database;
  /** The counters' writes, on the driver adapter (src/db/sql.ts). */
  sql: Sql;
  provider: Provider;
  clock: Clock;
  logger: Logger;
  flushEveryMs: number;
  retentionMonths: number;
  store?: CounterStore;
  visitors?: Visitors;
}

/** The first day kept: `months` before today (UTC). */
export function retentionStart(today: Date, months: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, today.getUTCDate()));
  return utcDay(d);
}

export const noRecorder: Recorder = { count: () => undefined };

export function createTrends(deps: TrendsDeps): Trends {
  const { clock } = deps;
  const store = deps.store ?? createCounterStore(deps.db, deps.sql, deps.provider);
  const hour = () => Math.floor(clock.now().getTime() / HOUR_MS);
  const buffer: TrendBuffer = createTrendBuffer({
    store,
    logger: deps.logger,
    hour,
    flushEveryMs: deps.flushEveryMs,
  });
  const visitors = deps.visitors ?? createVisitors(clock);
  const campaigns = createCampaigns(deps.db);
  const today = utcToday(clock);
  const key = (metric: Metric, value: string, context: EventContext) => keyString(counterKey(today(), metric, value, context, campaigns.has));

  return {
    recorder(updateId, context) {
      if (!buffer.claim(updateId)) return noRecorder;
      return {
        count(metric, value, extra) {
          const k = key(metric, value, { ...context(), ...extra });
          // Inside the update's scope, the counts wait for its commit (webhook mode).
          const scope = currentScope();
          if (scope?.updateId === updateId) scope.counts.set(k, (scope.counts.get(k) ?? 0) + 1);
          else buffer.add(updateId, k);
        },
      };
    },
    see(chatId, context) {
      if (visitors.see(chatId)) buffer.add(undefined, key("people", "all", { ...context, destination: undefined }));
    },
    campaigns,
    writeNow: (updates, also) => store.write({ updates, counts: new Map() }, hour(), also),
    keep(updateId, counts) {
      for (const [k, n] of counts) buffer.add(updateId, k, n);
    },
    release: (updateId) => buffer.release(updateId),
    flush: () => buffer.flush(),
    purge: () => {
      const now = clock.now();
      return store.purge(retentionStart(now, deps.retentionMonths), Math.floor(now.getTime() / HOUR_MS) - SEEN_HOURS);
    },
    async start() {
      await campaigns.refresh();
      campaigns.start();
      visitors.start();
      buffer.start();
    },
    async stop() {
      campaigns.stop();
      visitors.stop();
      await buffer.stop();
    },
    stats: () => buffer.stats(),
  };
}
