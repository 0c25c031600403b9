// A link to PostgreSQL that goes silent, as across a network partition: nothing closes and no
// answer comes. The replica must give up on the connection after a while, answer that the
// database is away, and go on with fresh connections once the link is back, instead of
// waiting for ever with its pool held.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startDatabaseProxy, type DatabaseProxy } from "../support/db-proxy.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { saveChatState } from "../../src/session/storage.js";

const clock = { now: () => new Date("2026-12-07T12:00:00Z") };
/** Short here so that the test is quick; production's is POSTGRES_SILENCE_MS. */
const silenceMs = 300;

describe("a replica whose link to PostgreSQL goes silent", () => {
  let database: TestDatabase;
  let proxy: DatabaseProxy;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    await migrate(database.url);
    proxy = await startDatabaseProxy(database.url);
    open = await openDatabase(proxy.url, { postgresSilenceMs: silenceMs });
  });
  afterAll(async () => {
    await proxy?.stop();
    await database?.drop();
  });

  const saveOnAdapter = (key: string) => open.sql.transaction((tx) => saveChatState(tx, open.provider, key, "{}", clock));
  const saveThroughPrisma = (key: string) =>
    open.db.$transaction(async (tx) => {
      await saveChatState({ execute: (sql, ...args) => tx.$executeRawUnsafe(sql, ...args) }, open.provider, key, "{}", clock);
    });

  it("fails a query, a transaction of its own and one of Prisma's client, then answers once the link is back, more times than the pool has connections", { timeout: 60_000 }, async () => {
    for (let round = 0; round < 4; round++) {
      await open.sql.query("SELECT 1"); // connections open, as under load
      proxy.silence();
      await expect(open.sql.query("SELECT 1")).rejects.toThrow();
      await expect(saveOnAdapter(`ours-${round}`)).rejects.toThrow();
      await expect(saveThroughPrisma(`prisma-${round}`)).rejects.toThrow();
      proxy.restore();
    }
    // Twelve connections given up on; the pool has ten, and still answers.
    await saveOnAdapter("after");
    await saveThroughPrisma("after-prisma");
    expect(await open.db.chatState.count({ where: { key: { in: ["after", "after-prisma"] } } })).toBe(2);
    await open.close();
  });
});
