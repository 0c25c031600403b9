// Applies the committed migrations in prisma/<provider>/migrations, in order, once each.
// It keeps Prisma's own bookkeeping table (_prisma_migrations, same columns and checksums),
// so `prisma migrate status` agrees with it. Safe to run from several replicas at once:
// PostgreSQL takes an advisory lock, SQLite an immediate (write) transaction.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath, type Provider } from "./provider.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const LOCK_ID = 72707369; // the advisory lock id Prisma Migrate uses

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsFor(provider: Provider, root = ROOT): Migration[] {
  const dir = path.join(root, "prisma", provider, "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const TABLE = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

const RECORD = {
  sqlite: `INSERT INTO "_prisma_migrations" ("id","checksum","finished_at","migration_name","applied_steps_count")
           VALUES (?, ?, current_timestamp, ?, 1)`,
  postgres: `INSERT INTO "_prisma_migrations" ("id","checksum","finished_at","migration_name","applied_steps_count")
             VALUES ($1, $2, now(), $3, 1)`,
};

const APPLIED = `SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`;

/** Applies what is pending and returns the names of the migrations it applied. */
export async function migrate(databaseUrl: string, migrations?: Migration[]): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  const all = migrations ?? migrationsFor(provider);
  return provider === "postgres" ? migratePostgres(databaseUrl, all) : migrateSqlite(databaseUrl, all);
}

function migrateSqlite(databaseUrl: string, all: Migration[]): string[] {
  const file = sqlitePath(databaseUrl);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Sqlite(file);
  try {
    db.pragma("busy_timeout = 5000");
    db.pragma("journal_mode = WAL");
    const run = db.transaction(() => {
      db.exec(TABLE.sqlite);
      const done = new Set(db.prepare(APPLIED).all().map((row) => (row as { migration_name: string }).migration_name));
      const pending = all.filter((m) => !done.has(m.name));
      for (const m of pending) {
        db.exec(m.sql);
        db.prepare(RECORD.sqlite).run(crypto.randomUUID(), m.checksum, m.name);
      }
      return pending.map((m) => m.name);
    });
    return run.immediate();
  } finally {
    db.close();
  }
}

async function migratePostgres(databaseUrl: string, all: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_ID]);
    await client.query(TABLE.postgres);
    const done = new Set((await client.query(APPLIED)).rows.map((row: { migration_name: string }) => row.migration_name));
    const pending = all.filter((m) => !done.has(m.name));
    for (const m of pending) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(RECORD.postgres, [crypto.randomUUID(), m.checksum, m.name]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}
