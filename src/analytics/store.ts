// Writes the trend counters. One flush is one transaction: the update ids not seen before
// are recorded in SeenUpdate, and only their counts (plus the counts that need no dedupe)
// are added to Counter. An update delivered twice, to this process or another, counts once.
import type { Database } from "../db/client.js";
import type { Sql, SqlRun } from "../db/sql.js";
import type { Provider } from "../db/provider.js";
import { parseKeyString } from "./events.js";

export interface Batch {
  /** Per update id: its counts, by key string. */
  updates: Map<number, Map<string, number>>;
  /** Counts that need no dedupe (distinct people), by key string. */
  counts: Map<string, number>;
}

/** More writes for the same transaction, given the update ids that were not duplicates. */
export type AlsoWrite = (tx: SqlRun, fresh: Set<number>) => Promise<void>;

export interface CounterStore {
  /** Writes a batch in one transaction (with `also`); returns the update ids that were duplicates. */
  write(batch: Batch, hour: number, also?: AlsoWrite): Promise<number[]>;
  /** Deletes counters before `day` and seen updates before `hour`. */
  purge(beforeDay: string, beforeHour: number): Promise<{ counters: number; seen: number }>;
}

const CHUNK = 100;
const COLUMNS = ["day", "campaign", "language", "destination", "metric", "value"] as const;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Writes through `sql`, on the driver adapter (src/db/sql.ts); purges through Prisma's client. */
export function createCounterStore(db: Database, sql: Sql, provider: Provider): CounterStore {
  // "(?, ?), (?, ?)" for SQLite, "($1, $2), ($3, $4)" for PostgreSQL.
  const values = (rows: number, width: number) =>
    Array.from({ length: rows }, (_r, i) => `(${Array.from({ length: width }, (_c, j) => (provider === "postgres" ? `$${i * width + j + 1}` : "?")).join(", ")})`).join(", ");
  const q = (name: string) => `"${name}"`;
  // The update ids as one JSON array, not two parameters a row: Prisma's cost is per parameter
  // (a flush of 3,000 updates held the bot's thread 48–84 ms in chunks of 100 rows, 15–19 ms
  // so; docs/performance.md, item 22). The text is the same every time, prepared once.
  const seenSql =
    provider === "postgres"
      ? `INSERT INTO "SeenUpdate" ("updateId", "seenHour") SELECT value::bigint, $1::int FROM json_array_elements_text($2::json) ON CONFLICT DO NOTHING RETURNING "updateId"`
      : `INSERT INTO "SeenUpdate" ("updateId", "seenHour") SELECT value, ? FROM json_each(?) WHERE true ON CONFLICT DO NOTHING RETURNING "updateId"`;

  return {
    async write(batch, hour, also) {
      const ids = [...batch.updates.keys()].sort((a, b) => a - b);
      return sql.transaction(async (tx) => {
        const fresh = new Set<number>();
        if (ids.length > 0) {
          const inserted = await tx.query<{ updateId: bigint | number | string }>(seenSql, hour, JSON.stringify(ids));
          for (const r of inserted) fresh.add(Number(r.updateId));
        }
        if (also) await also(tx, fresh);
        const totals = new Map(batch.counts);
        for (const id of fresh) {
          for (const [key, count] of batch.updates.get(id)!) totals.set(key, (totals.get(key) ?? 0) + count);
        }
        // Sorted, so that two processes lock rows in the same order and never deadlock.
        const rows = [...totals.entries()].filter(([, c]) => c > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const part of chunks(rows)) {
          const text =
            `INSERT INTO "Counter" (${[...COLUMNS, "count"].map(q).join(", ")}) VALUES ${values(part.length, 7)} ` +
            `ON CONFLICT (${COLUMNS.map(q).join(", ")}) DO UPDATE SET "count" = "Counter"."count" + excluded."count"`;
          const params = part.flatMap(([key, count]) => {
            const k = parseKeyString(key);
            return [k.day, k.campaign, k.language, k.destination, k.metric, k.value, count];
          });
          await tx.execute(text, ...params);
        }
        return ids.filter((id) => !fresh.has(id));
      });
    },

    async purge(beforeDay, beforeHour) {
      const counters = await db.counter.deleteMany({ where: { day: { lt: beforeDay } } });
      const seen = await db.seenUpdate.deleteMany({ where: { seenHour: { lt: beforeHour } } });
      return { counters: counters.count, seen: seen.count };
    },
  };
}
