// The bot's SQLite connection syncs its log at checkpoints, not at every commit (WAL with
// synchronous NORMAL, docs/decisions.md): with an fsync at every commit the benchmark's bot
// handled a third fewer updates. What it keeps: every commit survives the process's end, even
// a kill with nothing closed; what a power cut can take is the last moments' commits.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, SQLITE_SYNCHRONOUS } from "../../src/db/client.js";
import { sqlitePath } from "../../src/db/provider.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

const CHILD = fileURLToPath(new URL("../support/commit-then-die.ts", import.meta.url));
const SYNCHRONOUS = { OFF: 0, NORMAL: 1, FULL: 2, EXTRA: 3 } as const;

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase("sqlite");
  await migrate(database.url);
});
afterEach(() => database.drop());

async function pragma(open: Awaited<ReturnType<typeof openDatabase>>, name: string): Promise<unknown> {
  const [row] = await open.db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  const value = row?.[name];
  return typeof value === "bigint" ? Number(value) : value;
}

describe("the bot's SQLite connection", () => {
  it("keeps a write-ahead log and syncs it at checkpoints, not at every commit, even on a file that had no log", async () => {
    // A file in SQLite's rollback mode (one restored from elsewhere, say): a connection that
    // turns the log on itself would sync it at every commit unless told otherwise.
    const raw = new Database(sqlitePath(database.url));
    raw.pragma("journal_mode = DELETE");
    raw.close();
    const open = await openDatabase(database.url, { backgroundCheckpoints: true });
    expect(await pragma(open, "journal_mode")).toBe("wal");
    expect(await pragma(open, "synchronous")).toBe(SYNCHRONOUS.NORMAL);
    expect(SYNCHRONOUS[SQLITE_SYNCHRONOUS]).toBe(SYNCHRONOUS.NORMAL);
    await open.close();
  });

  it("loses no commit when the process is killed before it closes or checkpoints", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, database.url, "300"], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += String(chunk)));
    const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
    expect(out).toBe("committed\n");
    expect(signal).toBe("SIGKILL");
    expect(code).toBeNull();

    const open = await openDatabase(database.url);
    const rows = await open.db.$queryRawUnsafe<{ key: string; value: string }[]>(`SELECT "key", "value" FROM "ChatState" ORDER BY "key"`);
    expect(rows).toHaveLength(300);
    expect(rows.find((r) => r.key === "s:299")?.value).toBe(JSON.stringify({ step: 299 }));
    await open.close();
  });
});
