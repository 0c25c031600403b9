// Opens the database through Prisma's JS engine and the driver adapter for the provider.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { returnBrokenConnections } from "./broken-connections.js";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.js";
import { PrismaClient as PostgresClient } from "./generated/postgres/client.js";
import { providerOf, sqlitePath, type Provider } from "./provider.js";
import { startCheckpointer, type Checkpointer, type CheckpointerOptions } from "./checkpointer.js";
import { withStatementCache } from "./statement-cache.js";
import { sqlOnAdapter, type Sql } from "./sql.js";

/**
 * Both generated clients have the same model API (one data model, prisma/models.prisma);
 * the SQLite client's type stands for both.
 */
export type Database = SqliteClient;

export interface OpenDatabase {
  db: Database;
  provider: Provider;
  /** Plain SQL on the adapter the client holds, past the client (sql.ts): for the queries of every update. */
  sql: Sql;
  /** SQLite's checkpoints, when a worker thread runs them (`backgroundCheckpoints`). */
  checkpointer?: Checkpointer;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * SQLite only: fold the write-ahead log back in a worker thread (checkpointer.ts), so that
   * the bot's thread never waits on a checkpoint. The bot asks for it; short-lived tools don't.
   * If the worker cannot start, the connection checkpoints as SQLite does by default.
   */
  backgroundCheckpoints?: boolean | Omit<CheckpointerOptions, "onFailure">;
  /** Told when the worker fails after it started (the connection checkpoints again by then). */
  onCheckpointerFailure?: (error: Error) => void;
  /** PostgreSQL only: how long a connection may go without a byte either way before it is given up on (tests shorten it). */
  postgresSilenceMs?: number;
}

/**
 * PostgreSQL: a connection that has neither sent nor received a byte for this long is given up
 * on, as a link gone silent (a partition, a dropped NAT entry): its query fails, and the pool
 * drops it and opens another. Without it, a query on such a link waits for the kernel's
 * retransmissions to give up (about a quarter of an hour), or for ever if its bytes had been
 * acknowledged, and holds a connection of the pool all that time. An update's queries answer in
 * well under a second; a purge of old rows that ran longer would fail with a warning and be
 * tried again at the next one. The pool closes connections idle for 10 s, before this.
 */
export const POSTGRES_SILENCE_MS = 30_000;

/** A socket for the pool's connections that gives up after `ms` without a byte either way. */
function watchedSocket(ms: number): () => net.Socket {
  return () => {
    const socket = new net.Socket();
    socket.setTimeout(ms, () => socket.destroy(new Error(`no answer from the database for ${ms} ms`)));
    return socket;
  };
}

export async function openDatabase(databaseUrl: string, options: OpenOptions = {}): Promise<OpenDatabase> {
  const provider = providerOf(databaseUrl);
  if (provider === "postgres") {
    const silenceMs = options.postgresSilenceMs ?? POSTGRES_SILENCE_MS;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, stream: watchedSocket(silenceMs), connectionTimeoutMillis: silenceMs });
    pool.on("error", () => undefined); // an idle client's error must not crash the process
    returnBrokenConnections(pool);
    const direct = sqlOnAdapter(new PrismaPg(pool), (): Promise<void> => db.$connect());
    const db = new PostgresClient({ adapter: direct.factory }) as unknown as Database;
    return {
      db,
      provider,
      sql: direct.sql,
      close: async () => {
        await db.$disconnect();
        await pool.end();
      },
    };
  }
  const file = sqlitePath(databaseUrl);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const direct = sqlOnAdapter(withStatementCache(new PrismaBetterSQLite3({ url: file })), (): Promise<void> => db.$connect());
  const db: Database = new SqliteClient({ adapter: direct.factory });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  // The log is synced at each checkpoint, not at each commit: a commit survives the process's
  // end, and a power cut can lose the last moments' (docs/decisions.md).
  await db.$queryRawUnsafe(`PRAGMA synchronous = ${SQLITE_SYNCHRONOUS}`);
  const checkpointer = options.backgroundCheckpoints && file !== ":memory:" ? await backgroundCheckpoints(db, file, options.backgroundCheckpoints, options.onCheckpointerFailure) : undefined;
  return {
    db,
    provider,
    sql: direct.sql,
    ...(checkpointer ? { checkpointer } : {}),
    close: async () => {
      await db.$disconnect();
      await checkpointer?.stop(); // the last connection to close folds the log in and removes it
    },
  };
}

/** The checkpoint worker, and this connection's own checkpoints off while it runs; undefined if it could not start. */
async function backgroundCheckpoints(db: Database, file: string, options: true | Omit<CheckpointerOptions, "onFailure">, told?: (error: Error) => void): Promise<Checkpointer | undefined> {
  const autocheckpoint = (pages: number) => db.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${pages}`);
  try {
    const checkpointer = await startCheckpointer(file, {
      ...(options === true ? {} : options),
      onFailure: async (error) => {
        await autocheckpoint(SQLITE_AUTOCHECKPOINT_PAGES);
        told?.(error);
      },
    });
    await autocheckpoint(0);
    return checkpointer;
  } catch {
    return undefined;
  }
}

/** How the bot's SQLite connection syncs: NORMAL, in WAL mode, fsyncs at checkpoints only. */
export const SQLITE_SYNCHRONOUS = "NORMAL";

/** SQLite's default: the write that takes the log past this many pages checkpoints it. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

export async function autocheckpointPages(db: Database): Promise<number> {
  const [row] = await db.$queryRawUnsafe<{ wal_autocheckpoint: number | bigint }[]>("PRAGMA wal_autocheckpoint");
  return Number(row?.wal_autocheckpoint);
}

export async function isReachable(db: Database): Promise<boolean> {
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return true;
  } catch {
    return false;
  }
}
