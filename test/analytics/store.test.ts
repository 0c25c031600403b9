// Counters on the real databases: one transaction per flush, an update counted once even when
// two processes both handled it, and the purge of old rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { createTrendBuffer } from "../../src/analytics/buffer.js";
import { createCounterStore } from "../../src/analytics/store.js";
import { keyString, type CounterKey } from "../../src/analytics/events.js";
import { createTestDatabase, type Kind, type TestDatabase } from "../support/databases.js";

const key = (over: Partial<CounterKey> = {}) =>
  keyString({ day: "2026-11-28", campaign: "none", language: "en", destination: "DE", metric: "band", value: "high", ...over });

describe.each<Kind>(["sqlite", "postgres"])("trend counters on %s", (kind) => {
  let database: TestDatabase;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
    open = await openDatabase(database.url);
  });
  afterAll(async () => {
    await open?.close();
    await database?.drop();
  });

  const buffer = () => createTrendBuffer({ store: createCounterStore(open.db, open.sql, open.provider), logger: pino({ level: "silent" }), hour: () => 500_000, flushEveryMs: 5000 });
  const count = async (over: Partial<CounterKey> = {}) => {
    const k = { day: "2026-11-28", campaign: "none", language: "en", destination: "DE", metric: "band", value: "high", ...over };
    return (await open.db.counter.findUnique({ where: { day_campaign_language_destination_metric_value: k } }))?.count ?? 0;
  };

  it("adds to the same counter across flushes", async () => {
    const b = buffer();
    b.add(1, key());
    b.add(2, key());
    await b.flush();
    b.add(3, key());
    b.add(undefined, key({ metric: "people", value: "all", destination: "none" }), 4);
    await b.flush();
    expect(await count()).toBe(3);
    expect(await count({ metric: "people", value: "all", destination: "none" })).toBe(4);
  });

  it("counts an update delivered twice once, when the same process flushes it twice", async () => {
    const b = buffer();
    b.add(100, key({ value: "low" }));
    await b.flush();
    b.add(100, key({ value: "low" })); // the retry, after the first was written
    await b.flush();
    expect(await count({ value: "low" })).toBe(1);
  });

  it("counts an update handled by two processes at once only once", async () => {
    const [a, b] = [buffer(), buffer()];
    for (let id = 200; id < 400; id++) {
      a.add(id, key({ value: "medium" }));
      b.add(id, key({ value: "medium" }));
    }
    await Promise.all([a.flush(), b.flush()]);
    expect(await count({ value: "medium" })).toBe(200);
  });

  it("counts a busy minute's 3,000 updates once each in one flush, the ones already seen not again", async () => {
    const b = buffer();
    // Update ids as Telegram numbers them, past 2^31 too; the first 500 were flushed before.
    const ids = Array.from({ length: 3000 }, (_, i) => 2_147_483_000 + i);
    for (const id of ids.slice(0, 500)) b.add(id, key({ value: "busy" }));
    await b.flush();
    for (const id of ids) b.add(id, key({ value: "busy" }));
    expect(await b.flush()).toBe(true);
    expect(await count({ value: "busy" })).toBe(3000);
    const seen = await open.db.seenUpdate.count({ where: { updateId: { gte: BigInt(ids[0]!) } } });
    expect(seen).toBe(3000);
  });

  it("purges counters past the retention and update ids past 48 hours", async () => {
    const b = buffer();
    b.add(900, key({ day: "2024-01-01", value: "low" }));
    await b.flush();
    const store = createCounterStore(open.db, open.sql, open.provider);
    const purged = await store.purge("2024-11-28", 500_001);
    expect(purged.counters).toBe(1);
    expect(purged.seen).toBeGreaterThan(0);
    expect(await count({ day: "2024-01-01", value: "low" })).toBe(0);
    expect(await open.db.seenUpdate.count()).toBe(0);
    expect(await count()).toBe(3); // recent counters stay
  });
});
