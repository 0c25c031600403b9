// docs/privacy.md lists every database column: a column added without saying what it holds,
// why and for how long fails here.
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type Kind, type TestDatabase } from "../support/databases.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";

/** "`Table.column`" and "`Table.a` / `.b`" in the inventory. */
function listedColumns(): Set<string> {
  const doc = fs.readFileSync("docs/privacy.md", "utf8");
  const listed = new Set<string>();
  for (const line of doc.split("\n").filter((l) => l.startsWith("| `"))) {
    const cell = line.split("|")[1]!;
    let table = "";
    for (const [, name] of cell.matchAll(/`([^`]+)`/g)) {
      const [head, column] = name!.startsWith(".") ? [table, name!.slice(1)] : name!.split(".");
      table = head!;
      if (column) listed.add(`${table}.${column}`);
    }
  }
  return listed;
}

async function actualColumns(kind: Kind, url: string): Promise<Set<string>> {
  if (kind === "postgres") {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ t: string; c: string }>("SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'");
    await client.end();
    return new Set(rows.map((r) => `${r.t}.${r.c}`));
  }
  const open = await openDatabase(url);
  const tables = await open.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  const columns = new Set<string>();
  for (const { name } of tables) {
    for (const c of await open.db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${name}')`)) columns.add(`${name}.${c.name}`);
  }
  await open.close();
  return columns;
}

describe.each<Kind>(["sqlite", "postgres"])("the privacy inventory, on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
  });
  afterAll(() => database.drop());

  it("lists every column of every table, and nothing that does not exist", async () => {
    const actual = await actualColumns(kind, database.url);
    const listed = listedColumns();
    expect(actual.size).toBeGreaterThan(20);
    expect([...actual].filter((c) => !listed.has(c)).sort()).toEqual([]);
    expect([...listed].filter((c) => !actual.has(c)).sort()).toEqual([]);
  });
});
