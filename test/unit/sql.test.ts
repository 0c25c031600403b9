// Plain SQL on the driver adapter Prisma's client holds (src/db/sql.ts): what the bot reads and
// writes on every update, and the transactions of the trends' flush and webhook mode's commit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { createTestDatabase, type Kind, type TestDatabase } from "../support/databases.js";

describe.each<Kind>(["sqlite", "postgres"])("plain SQL on the adapter, on %s", (kind) => {
  let database: TestDatabase;
  let open: OpenDatabase;
  const p = (n: number) => (kind === "postgres" ? `$${n}` : "?");
  const setting = (key: string) => open.db.setting.findUnique({ where: { key } });
  const insert = `INSERT INTO "Setting" ("key", "value") VALUES (${p(1)}, ${p(2)})`;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
    open = await openDatabase(database.url);
  });
  afterAll(async () => {
    await open.close();
    await database.drop();
  });

  it("answers its first query before Prisma's client has run any, with rows by column name", async () => {
    const fresh = await openDatabase(database.url);
    try {
      expect(await fresh.sql.query(`SELECT 2 AS "two", 'x' AS "letter"`)).toEqual([{ two: expect.anything(), letter: "x" }]);
    } finally {
      await fresh.close();
    }
  });

  it("writes what Prisma's client reads back, and says how many rows changed", async () => {
    expect(await open.sql.execute(insert, "plain", "yes")).toBe(1);
    expect((await setting("plain"))?.value).toBe("yes");
    expect(await open.sql.query<{ value: string }>(`SELECT "value" FROM "Setting" WHERE "key" = ${p(1)}`, "plain")).toEqual([{ value: "yes" }]);
  });

  it("commits a transaction that returns, rolls back one that throws, and gives its connection back every time", async () => {
    // More rounds than PostgreSQL's pool has connections (10): a connection kept would show.
    for (let round = 0; round < 12; round++) {
      const answer = await open.sql.transaction(async (tx) => {
        await tx.execute(insert, `kept-${round}`, "yes");
        return round;
      });
      expect(answer).toBe(round);
      const failed = await open.sql
        .transaction(async (tx) => {
          await tx.execute(insert, `lost-${round}`, "no");
          throw new Error("changed my mind");
        })
        .catch((error: Error) => error.message);
      expect(failed).toBe("changed my mind");
    }
    const keys = (await open.db.setting.findMany({ where: { key: { startsWith: "kept-" } } })).map((s) => s.key);
    expect(keys).toHaveLength(12);
    expect(await open.db.setting.count({ where: { key: { startsWith: "lost-" } } })).toBe(0);
  });

  it("takes turns with Prisma's client's transactions (on SQLite they share one connection)", async () => {
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    let ours!: () => void;
    const begun = new Promise<void>((resolve) => (ours = resolve));
    const mine = open.sql.transaction(async (tx) => {
      await tx.execute(insert, "turn-ours", "1");
      ours();
      await held;
    });
    await begun;
    const theirs = open.db.$transaction(async (tx) => {
      await tx.setting.create({ data: { key: "turn-theirs", value: "2" } });
    });
    letGo();
    await Promise.all([mine, theirs]);
    expect((await setting("turn-ours"))?.value).toBe("1");
    expect((await setting("turn-theirs"))?.value).toBe("2");
  });

  it("rolls back a transaction whose statement the database refuses, and goes on", async () => {
    await expect(
      open.sql.transaction(async (tx) => {
        await tx.execute(insert, "twice", "1");
        await tx.execute(insert, "twice", "2"); // the same key: refused
      }),
    ).rejects.toThrow();
    expect(await setting("twice")).toBeNull();
    await open.sql.transaction((tx) => tx.execute(insert, "twice", "3"));
    expect((await setting("twice"))?.value).toBe("3");
  });
});
