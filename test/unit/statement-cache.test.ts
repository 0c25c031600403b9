// Prepared statements kept for reuse on the SQLite connection (src/db/statement-cache.ts):
// the bot's queries give the same answers as without the cache, transactions still commit
// and roll back, and the cache holds a few statements however many chats come by.
import Sqlite from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PrismaClient } from "../../src/db/generated/sqlite/client.js";
import { migrate } from "../../src/db/migrate.js";
import { sqlitePath } from "../../src/db/provider.js";
import { cachedPrepare, withStatementCache, type CachedPrepare } from "../../src/db/statement-cache.js";
import { sqlOnAdapter, type Sql } from "../../src/db/sql.js";
import { createChatStateStorage, systemClock } from "../../src/session/storage.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

describe("the statement cache on the bot's SQLite connection", () => {
  let database: TestDatabase;
  let db: PrismaClient;
  let cache: CachedPrepare | undefined;
  let sql: Sql;

  beforeEach(async () => {
    database = await createTestDatabase("sqlite");
    await migrate(database.url);
    cache = undefined;
    const adapter = withStatementCache(new PrismaBetterSQLite3({ url: sqlitePath(database.url) }), { onCache: (made) => (cache = made) });
    const direct = sqlOnAdapter(adapter, () => db.$connect());
    db = new PrismaClient({ adapter: direct.factory });
    sql = direct.sql;
  });
  afterEach(async () => {
    await db.$disconnect();
    await database.drop();
  });

  it("is on the connection the adapter made (a Prisma upgrade that moves it fails here)", async () => {
    await db.$queryRawUnsafe("SELECT 1");
    expect(cache).toBeDefined();
    expect(cache!.size()).toBeGreaterThan(0);
  });

  it("gives every chat its own state back, with a handful of statements for a thousand chats", async () => {
    const storage = createChatStateStorage<{ step: number }>(sql, "sqlite", systemClock);
    for (let chat = 0; chat < 1000; chat++) await storage.write(`s:${chat}`, { step: chat });
    for (let chat = 0; chat < 1000; chat += 97) expect(await storage.read(`s:${chat}`)).toEqual({ step: chat });
    await storage.delete("s:97");
    expect(await storage.read("s:97")).toBeUndefined();
    expect(await storage.read("s:98")).toEqual({ step: 98 });
    expect(cache!.size()).toBeLessThanOrEqual(8);
  });

  it("commits a transaction, and rolls back one that fails, again and again on the same statements", async () => {
    for (let round = 0; round < 3; round++) {
      await db.$transaction(async (tx) => {
        await tx.setting.create({ data: { key: `kept-${round}`, value: "yes" } });
      });
      const failed = await db
        .$transaction(async (tx) => {
          await tx.setting.create({ data: { key: `lost-${round}`, value: "no" } });
          throw new Error("changed my mind");
        })
        .catch((error: Error) => error.message);
      expect(failed).toBe("changed my mind");
    }
    const keys = (await db.setting.findMany({ orderBy: { key: "asc" } })).map((s) => s.key);
    expect(keys).toEqual(["kept-0", "kept-1", "kept-2"]);
  });

  it("reads update ids past 2^53 and counts as Prisma does without it", async () => {
    await db.seenUpdate.create({ data: { updateId: 9_007_199_254_740_993n, seenHour: 5 } });
    const [row] = await db.seenUpdate.findMany();
    expect(row!.updateId).toBe(9_007_199_254_740_993n);
    const [raw] = await db.$queryRawUnsafe<{ n: bigint }[]>('SELECT COUNT(*) AS n FROM "SeenUpdate"');
    expect(Number(raw!.n)).toBe(1);
  });
});

describe("cachedPrepare", () => {
  const open = () => {
    const connection = new Sqlite(":memory:");
    connection.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)");
    return connection;
  };

  it("runs one statement with new values each time, where better-sqlite3's bind() would refuse", () => {
    const connection = open();
    const cache = cachedPrepare((sql) => connection.prepare(sql), 4);
    const insert = "INSERT INTO t (k, v) VALUES (?, ?)";
    for (let i = 0; i < 5; i++) cache.prepare(insert).bind([`k${i}`, i]).run();
    const read = cache.prepare("SELECT v FROM t WHERE k = ?");
    expect(read.bind(["k3"]).raw().all()).toEqual([[3]]);
    expect(cache.prepare("SELECT v FROM t WHERE k = ?").bind(["k4"]).raw().all()).toEqual([[4]]);
    expect(cache.prepare("SELECT v FROM t WHERE k = ?")).toBe(read);
    expect(cache.size()).toBe(2);
  });

  it("lets the least recently used statement go when full", () => {
    const connection = open();
    const made: string[] = [];
    const cache = cachedPrepare((sql) => {
      made.push(sql);
      return connection.prepare(sql);
    }, 2);
    const a = "SELECT 1";
    const b = "SELECT 2";
    const c = "SELECT 3";
    cache.prepare(a);
    cache.prepare(b);
    cache.prepare(a); // a is now the most recently used
    cache.prepare(c); // b goes
    cache.prepare(a);
    cache.prepare(b);
    expect(made).toEqual([a, b, c, b]);
    expect(cache.size()).toBe(2);
  });

  it("leaves better-sqlite3's own pragma() working, past the cache", () => {
    const connection = open();
    const cache = cachedPrepare(connection.prepare.bind(connection) as never, 4);
    Object.defineProperty(connection, "prepare", { value: cache.prepare });
    expect(connection.pragma("user_version", { simple: true })).toBe(0);
    expect(cache.size()).toBe(0);
  });
});
