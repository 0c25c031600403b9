// Webhook mode acknowledges an update only after its chat state, its counts and its id are
// committed together. These tests play what a dying replica or a database outage leaves
// behind, on both databases: all of an update or nothing of it, and counts that stay exact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { createTrends, type Trends } from "../../src/analytics/trends.js";
import { createCounterStore, type CounterStore } from "../../src/analytics/store.js";
import { createChatStateStorage } from "../../src/session/storage.js";
import { createCommitter, type Committer } from "../../src/server/commit.js";
import { createTestDatabase, type Kind, type TestDatabase } from "../support/databases.js";

const clock = { now: () => new Date("2026-11-28T10:00:00Z") };
const logger = pino({ level: "silent" });

describe.each<Kind>(["sqlite", "postgres"])("committing an update before acknowledging it, on %s", (kind) => {
  let database: TestDatabase;
  let open: OpenDatabase;
  let trends: Trends;
  let committer: Committer;
  /** While true, the database refuses every commit, as it does when it is unreachable. */
  let refuse = false;
  /** While true, commits are carried out but their answer is lost, as when the link fails just after. */
  let loseAnswer = false;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
    open = await openDatabase(database.url);
    const real = createCounterStore(open.db, open.sql, open.provider);
    const store: CounterStore = {
      write: async (batch, hour, also) => {
        if (refuse) throw new Error("connection refused");
        const duplicates = await real.write(batch, hour, also);
        if (loseAnswer) throw new Error("connection reset");
        return duplicates;
      },
      purge: real.purge,
    };
    trends = createTrends({ db: open.db, sql: open.sql, provider: open.provider, clock, logger, flushEveryMs: 60_000, retentionMonths: 24, store });
    committer = createCommitter({ sql: open.sql, provider: open.provider, trends, clock, logger });
  });
  afterAll(async () => {
    await open?.close();
    await database?.drop();
  });

  const storage = () => createChatStateStorage<{ step: number }>(open.sql, open.provider, clock);
  /** A handler as the bot's: it counts one event and moves the chat to `step`. */
  const handler = (updateId: number, chat: string, step: number | undefined) => async () => {
    trends.recorder(updateId, () => ({ language: "en", destination: "DE" })).count("band", "high");
    if (step !== undefined) await storage().write(chat, { step });
  };
  const highBands = async () =>
    (await open.db.counter.findMany({ where: { metric: "band", value: "high" } })).reduce((sum, row) => sum + row.count, 0);

  it("keeps the chat's new state away from the database until the update is committed", async () => {
    let duringHandling: unknown = "not read";
    const outcome = await committer.handle(1, async () => {
      await handler(1, "chat-a", 1)();
      duringHandling = await open.db.chatState.findUnique({ where: { key: "chat-a" } });
      // The same update reads what it wrote.
      expect(await storage().read("chat-a")).toEqual({ step: 1 });
    });
    expect(duringHandling).toBeNull(); // a replica killed here leaves nothing of the update
    expect(outcome).toBe("done");
    expect(await storage().read("chat-a")).toEqual({ step: 1 });
    expect(await highBands()).toBe(1);
  });

  it("acknowledges a redelivered update without running it again", async () => {
    let ran = false;
    const outcome = await committer.handle(1, async () => void (ran = true));
    expect(outcome).toBe("duplicate");
    expect(ran).toBe(false);
    expect(await highBands()).toBe(1);
  });

  it("commits updates handled at the same time together, each counted once, even one delivered twice at once", async () => {
    const ids = Array.from({ length: 50 }, (_x, i) => 100 + i);
    const outcomes = await Promise.all([...ids, 100, 101].map((id) => committer.handle(id, handler(id, `chat-${id}`, id))));
    expect(outcomes.filter((o) => o === "done")).toHaveLength(50);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(2);
    expect(await highBands()).toBe(51);
    expect(await storage().read("chat-149")).toEqual({ step: 149 });
  });

  it("asks Telegram to send again an update that changed the chat when the database refuses, and counts it once when it comes back", async () => {
    refuse = true;
    expect(await committer.handle(200, handler(200, "chat-b", 5))).toBe("retry");
    refuse = false;
    expect(await storage().read("chat-b")).toBeUndefined();
    expect(await highBands()).toBe(51);
    // Telegram's redelivery, to the same process: handled afresh and counted once.
    expect(await committer.handle(200, handler(200, "chat-b", 5))).toBe("done");
    expect(await storage().read("chat-b")).toEqual({ step: 5 });
    expect(await highBands()).toBe(52);
  });

  it("keeps the counts of an update that changed nothing when the database refuses, and writes them once later", async () => {
    refuse = true;
    expect(await committer.handle(300, handler(300, "chat-c", undefined))).toBe("done");
    expect(await trends.flush()).toBe(false);
    refuse = false;
    expect(await trends.flush()).toBe(true);
    expect(await highBands()).toBe(53);
    // A late redelivery is recognised by its id.
    expect(await committer.handle(300, handler(300, "chat-c", undefined))).toBe("duplicate");
    expect(await highBands()).toBe(53);
  });

  it("asks Telegram to send again an update whose commit went through unheard, and acknowledges the redelivery without running it", async () => {
    loseAnswer = true;
    expect(await committer.handle(400, handler(400, "chat-d", 7))).toBe("retry");
    loseAnswer = false;
    expect(await storage().read("chat-d")).toEqual({ step: 7 }); // it was saved all the same
    expect(await highBands()).toBe(54);
    let ran = false;
    expect(await committer.handle(400, async () => void (ran = true))).toBe("duplicate");
    expect(ran).toBe(false);
    expect(await highBands()).toBe(54);
  });
});
