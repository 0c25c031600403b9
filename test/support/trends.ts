// Puts trend counters straight into a database, as if people had used the bot on those days.
import { openDatabase } from "../../src/db/client.js";
import { createCounterStore } from "../../src/analytics/store.js";
import { keyString, type CounterKey } from "../../src/analytics/events.js";

export type SeedRow = Partial<CounterKey> & Pick<CounterKey, "day" | "metric" | "value"> & { count: number };

export async function seedCounters(databaseUrl: string, rows: SeedRow[]): Promise<void> {
  const database = await openDatabase(databaseUrl);
  try {
    const counts = new Map<string, number>();
    for (const { count, ...key } of rows) {
      const full = keyString({ campaign: "none", language: "en", destination: "none", ...key } as CounterKey);
      counts.set(full, (counts.get(full) ?? 0) + count);
    }
    await createCounterStore(database.db, database.sql, database.provider).write({ updates: new Map(), counts }, 1);
  } finally {
    await database.close();
  }
}
