// Migrations: applied at start, once, on both providers; Prisma's own CLI agrees with the result.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { migrate, migrationsFor } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";
import { createTestDatabase, type Kind, type TestDatabase } from "../support/databases.js";

const run = promisify(execFile);
const made: TestDatabase[] = [];
afterAll(async () => {
  for (const d of made) await d.drop();
});

describe.each(["sqlite", "postgres"] as Kind[])("migrations on %s", (kind) => {
  it("apply once, then are idempotent, even when two processes start together", async () => {
    const database = await createTestDatabase(kind);
    made.push(database);
    const names = migrationsFor(kind).map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    const [a, b] = await Promise.all([migrate(database.url), migrate(database.url)]);
    expect([...a, ...b].sort()).toEqual(names.sort());
    expect(await migrate(database.url)).toEqual([]);
    const open = await openDatabase(database.url);
    await open.db.setting.create({ data: { key: "k", value: "v" } });
    expect(await open.db.setting.count()).toBe(1);
    await open.close();
  });

  it("leave a database that `prisma migrate status` calls up to date", async () => {
    const database = await createTestDatabase(kind);
    made.push(database);
    await migrate(database.url);
    const { stdout } = await run("npx", ["prisma", "migrate", "status"], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    expect(stdout).toContain("Database schema is up to date");
  });
});
