// A link to PostgreSQL that breaks just after a COMMIT went out, again and again: the replica
// must not lose a connection of its pool each time, or it ends up waiting for ever. Both
// ways the bot runs a transaction: Prisma's client's, and its own on the adapter (sql.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startDatabaseProxy, type DatabaseProxy } from "../support/db-proxy.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
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

describe.each([
  ["Prisma's client", throughPrisma],
  ["the adapter", onTheAdapter],
])("a replica whose link to PostgreSQL breaks during commits of transactions by %s", (_name, saveIn) => {
  let database: TestDatabase;
  let proxy: DatabaseProxy;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    await migrate(database.url);
    proxy = await startDatabaseProxy(database.url);
    open = await openDatabase(proxy.url);
  });
  afterAll(async () => {
    await proxy?.stop();
    await database?.drop();
  });

  it("keeps every connection of its pool through more broken commits than it has connections, and still closes", { timeout: 30_000 }, async () => {
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
