// A replica's link to PostgreSQL that fails, again and again, more times than its pool has
// connections (10). It breaks just after a COMMIT went out, or it goes silent, as across a
// network partition (nothing closes, no answer comes). Either way the replica must not lose a
// connection of its pool each time, or it ends up waiting for ever; and it must still close.
// Both ways the bot runs a transaction: Prisma's client's, and its own on the adapter (sql.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startDatabaseProxy, type DatabaseProxy } from "../support/db-proxy.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase, type OpenOptions } from "../../src/db/client.js";
import { saveChatState } from "../../src/session/storage.js";
import type { SqlRun } from "../../src/db/sql.js";

const clock = { now: () => new Date("2026-12-07T12:00:00Z") };
type Save = (open: OpenDatabase, key: string) => Promise<void>;
/** Prisma's transaction, given to saveChatState as plain SQL. */
const throughPrisma: Save = (open, key) =>
  open.db.$transaction(async (tx) => {
    const run: Pick<SqlRun, "execute"> = { execute: (sql, ...args) => tx.$executeRawUnsafe(sql, ...args) };
    await saveChatState(run, open.provider, key, "{}", clock);
  });
const onTheAdapter: Save = (open, key) => open.sql.transaction((tx) => saveChatState(tx, open.provider, key, "{}", clock));

/** A database, a proxy the test can cut or silence, and the bot's connection through it. */
function behindProxy(options: OpenOptions = {}) {
  const link = {} as { database: TestDatabase; proxy: DatabaseProxy; open: OpenDatabase };
  beforeAll(async () => {
    link.database = await createTestDatabase("postgres");
    await migrate(link.database.url);
    link.proxy = await startDatabaseProxy(link.database.url);
    link.open = await openDatabase(link.proxy.url, options);
  });
  afterAll(async () => {
    await link.proxy?.stop();
    await link.database?.drop();
  });
  return link;
}

describe.each([
  ["Prisma's client", throughPrisma],
  ["the adapter", onTheAdapter],
])("a replica whose link to PostgreSQL breaks during commits of transactions by %s", (_name, saveIn) => {
  const link = behindProxy();

  it("keeps every connection of its pool through more broken commits than it has connections, and still closes", { timeout: 30_000 }, async () => {
    const { proxy, open } = link;
    const save = (key: string) => saveIn(open, key);
    for (let i = 0; i < 12; i++) {
      await open.db.$queryRawUnsafe("SELECT 1"); // a connection open, as under load
      proxy.cut({ afterCommit: true });
      await expect(save(`chat-${i}`)).rejects.toThrow();
      proxy.restore();
    }
    expect(proxy.commitsUnanswered).toBe(12);
    // Each was carried out, unheard; and the pool (10 connections) still answers.
    expect(await open.db.chatState.count()).toBe(12);
    await save("after");
    await open.close();
  });
});

describe("a replica whose link to PostgreSQL goes silent", () => {
  // Short here so that the test is quick; production's is POSTGRES_SILENCE_MS.
  const link = behindProxy({ postgresSilenceMs: 300 });

  it("fails a query, a transaction of its own and one of Prisma's client, then answers once the link is back, more times than the pool has connections", { timeout: 60_000 }, async () => {
    const { proxy, open } = link;
    for (let round = 0; round < 4; round++) {
      await open.sql.query("SELECT 1"); // connections open, as under load
      proxy.silence();
      await expect(open.sql.query("SELECT 1")).rejects.toThrow();
      await expect(onTheAdapter(open, `ours-${round}`)).rejects.toThrow();
      await expect(throughPrisma(open, `prisma-${round}`)).rejects.toThrow();
      proxy.restore();
    }
    // Twelve connections given up on; the pool has ten, and still answers.
    await onTheAdapter(open, "after");
    await throughPrisma(open, "after-prisma");
    expect(await open.db.chatState.count({ where: { key: { in: ["after", "after-prisma"] } } })).toBe(2);
    await open.close();
  });
});
