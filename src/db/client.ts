// Opens the database through Prisma's JS engine and the driver adapter for the provider.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.js";
import { providerOf, sqlitePath, type Provider } from "./provider.js";

/**
 * Both generated clients have the same model API (one data model, prisma/models.prisma);
 * the SQLite client's type stands for both.
 */
export type Database = SqliteClient;

export interface OpenDatabase {
  db: Database;
  provider: Provider;
  close(): Promise<void>;
}

export async function openDatabase(databaseUrl: string): Promise<OpenDatabase> {
  const provider = providerOf(databaseUrl);
  if (provider === "postgres") {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    pool.on("error", () => undefined); // an idle client's error must not crash the process
    const db = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as Database;
    return {
      db,
      provider,
      close: async () => {
        await db.$disconnect();
        await pool.end();
      },
    };
  }
  const file = sqlitePath(databaseUrl);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  return { db, provider, close: () => db.$disconnect() };
}

export async function isReachable(db: Database): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
