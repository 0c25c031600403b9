// SQLite's log is folded back by a worker thread, so that the bot's thread never stalls on a
// checkpoint's fsyncs; without the worker, SQLite checkpoints as it does by default.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import { autocheckpointPages, openDatabase, SQLITE_AUTOCHECKPOINT_PAGES, type OpenDatabase } from "../../src/db/client.js";
import { sqlitePath } from "../../src/db/provider.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

const FAILING_DRIVER = fileURLToPath(new URL("../support/failing-sqlite-driver.cjs", import.meta.url));
/** Never during a test: the tests ask for checkpoints themselves. */
const NOT_ON_A_TIMER = { everyMs: 3_600_000 };
const PAGE = 4096;

let database: TestDatabase;
let walFile: string;
beforeEach(async () => {
  database = await createTestDatabase("sqlite");
  await migrate(database.url);
  walFile = `${path.resolve(sqlitePath(database.url))}-wal`;
});
afterEach(() => database.drop());

/** 1,500 chats' state of 3 KB each: well past the 1,000 pages at which SQLite checkpoints by default. */
async function writeManyChats(open: OpenDatabase) {
  for (let i = 0; i < 1500; i++) {
    await open.db.$executeRawUnsafe(`INSERT INTO "ChatState" ("key", "value", "expiresAt") VALUES (?, ?, ?)`, `s:${i}`, "x".repeat(3000), new Date("2026-12-31T00:00:00Z"));
  }
}

describe("checkpoints of a SQLite database", () => {
  it("run in a worker: the bot's connection writes past the default mark without checkpointing, the worker folds the whole log back", async () => {
    const open = await openDatabase(database.url, { backgroundCheckpoints: NOT_ON_A_TIMER });
    expect(open.checkpointer).toBeDefined();
    expect(await autocheckpointPages(open.db)).toBe(0);
    await writeManyChats(open);
    expect(fs.statSync(walFile).size).toBeGreaterThan(SQLITE_AUTOCHECKPOINT_PAGES * PAGE);

    const done = await open.checkpointer!.now();
    expect(done.log).toBeGreaterThan(SQLITE_AUTOCHECKPOINT_PAGES);
    expect(done.checkpointed).toBe(done.log);
    expect(await open.checkpointer!.now()).toEqual(done); // nothing new to fold in
    await open.close();
    expect(fs.existsSync(walFile)).toBe(false); // the last connection out removed the log
  });

  it("run on the bot's connection, as SQLite's default, when the worker cannot start", async () => {
    const open = await openDatabase(database.url, { backgroundCheckpoints: { ...NOT_ON_A_TIMER, driver: "/nowhere/better-sqlite3" } });
    expect(open.checkpointer).toBeUndefined();
    expect(await autocheckpointPages(open.db)).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
    await writeManyChats(open);
    expect(fs.statSync(walFile).size).toBeLessThanOrEqual((SQLITE_AUTOCHECKPOINT_PAGES + 10) * PAGE);
    await open.close();
  });

  it("go back to the bot's connection when the worker fails later", async () => {
    const failures: Error[] = [];
    const open = await openDatabase(database.url, { backgroundCheckpoints: { ...NOT_ON_A_TIMER, driver: FAILING_DRIVER }, onCheckpointerFailure: (e) => failures.push(e) });
    expect(await autocheckpointPages(open.db)).toBe(0);
    await expect(open.checkpointer!.now()).rejects.toThrow(/disk I\/O error|exited/);
    expect(await autocheckpointPages(open.db)).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
    expect(failures).toHaveLength(1); // the bot logs it, once
    expect(failures[0]!.message).toMatch(/disk I\/O error|exited/);
    await expect(open.checkpointer!.now()).rejects.toThrow(); // nothing waits on a worker that is gone
    await writeManyChats(open);
    expect(fs.statSync(walFile).size).toBeLessThanOrEqual((SQLITE_AUTOCHECKPOINT_PAGES + 10) * PAGE);
    await open.close();
  });

  it("are left alone by tools that do not ask for the worker", async () => {
    const open = await openDatabase(database.url);
    expect(open.checkpointer).toBeUndefined();
    expect(await autocheckpointPages(open.db)).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
    await open.close();
  });
});
