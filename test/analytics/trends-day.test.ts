// Each count goes under the UTC day it happened on, across midnight and whatever the clock does.
import { describe, expect, it } from "vitest";
import pino from "pino";
import { createTrends } from "../../src/analytics/trends.js";
import { parseKeyString } from "../../src/analytics/events.js";
import type { Batch } from "../../src/analytics/store.js";

describe("the day a count goes under", () => {
  it("is the UTC day of the moment it was counted, before and after midnight, and back again", async () => {
    let now = new Date("2026-11-28T23:59:59.999Z");
    const batches: Batch[] = [];
    const trends = createTrends({
      db: {} as never, sql: {} as never, provider: "sqlite", clock: { now: () => now }, logger: pino({ level: "silent" }), flushEveryMs: 60_000, retentionMonths: 24,
      store: { write: async (batch) => (batches.push(batch), []), purge: async () => ({ counters: 0, seen: 0 }) },
    });
    const count = (updateId: number) => trends.recorder(updateId, () => ({ language: "ro" })).count("band", "high");
    count(1);
    now = new Date("2026-11-29T00:00:00.000Z");
    count(2);
    now = new Date("2026-11-28T12:00:00Z"); // a clock set back (a test's, or a corrected one)
    count(3);
    await trends.flush();
    const dayOf = (id: number) => [...batches[0]!.updates.get(id)!.keys()].map((k) => parseKeyString(k).day);
    expect([dayOf(1), dayOf(2), dayOf(3)]).toEqual([["2026-11-28"], ["2026-11-29"], ["2026-11-28"]]);
  });
});
