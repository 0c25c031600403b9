// A link to PostgreSQL that breaks just after a COMMIT went out, again and again: the replica
// must not lose a connection of its pool each time, or it ends up waiting for ever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startDatabaseProxy, type DatabaseProxy } from "../support/db-proxy.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { saveChatState } from "../../src/session/storage.js";

const clock = { now: () => new Date("2026-12-07T12:00:00Z") };

describe("a replica whose link to PostgreSQL breaks during commits", () => {
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
    const save = (key: string) => open.db.$transaction((tx) => saveChatState(tx, open.provider, key, "{}", clock));
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
