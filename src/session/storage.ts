// Chat state (grammY sessions and conversations) in the ChatState table.
// Rows expire `ttlMs` after their last write; expired rows read as empty and are purged.
import type { Database } from "../db/client.js";
import type { Sql } from "../db/sql.js";
import type { Provider } from "../db/provider.js";
import { currentScope } from "../db/update-scope.js";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const SESSION_TTL_DAYS = 7;
export const SESSION_TTL_MS = SESSION_TTL_DAYS * 24 * 60 * 60 * 1000;

export interface StateStorage<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

// Plain SQL rather than the model API: Prisma compiles a model query for every call, which
// cost more CPU per update than the rest of the session work and grew the process's native
// memory with every new chat (docs/performance.md). The bot runs it on the driver adapter,
// past Prisma's client (src/db/sql.ts); a transaction runs it through the client.
const SQL = {
  read: 'SELECT "value", "expiresAt" FROM "ChatState" WHERE "key" = ?',
  save: 'INSERT INTO "ChatState" ("key", "value", "expiresAt") VALUES (?, ?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "expiresAt" = excluded."expiresAt"',
  remove: 'DELETE FROM "ChatState" WHERE "key" = ?',
};
/** PostgreSQL numbers its parameters. */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
const POSTGRES_SQL = { read: numbered(SQL.read), save: numbered(SQL.save), remove: numbered(SQL.remove) };
const sqlFor = (provider: Provider) => (provider === "postgres" ? POSTGRES_SQL : SQL);

/** Writes or deletes (json null) a chat-state row through `run` (the database or a transaction). */
export async function saveChatState(run: Pick<Sql, "execute">, provider: Provider, key: string, json: string | null, clock: Clock, ttlMs = SESSION_TTL_MS): Promise<void> {
  const sql = sqlFor(provider);
  if (json === null) await run.execute(sql.remove, key);
  else await run.execute(sql.save, key, json, new Date(clock.now().getTime() + ttlMs));
}

/** Inside an update's scope (webhook mode), writes wait in the scope for its commit. */
export function createChatStateStorage<T>(run: Sql, provider: Provider, clock: Clock = systemClock, ttlMs = SESSION_TTL_MS): StateStorage<T> {
  const sql = sqlFor(provider);
  const save = async (key: string, json: string | null) => {
    const scope = currentScope();
    if (scope) scope.writes.set(key, json);
    else await saveChatState(run, provider, key, json, clock, ttlMs);
  };
  return {
    async read(key) {
      const pending = currentScope()?.writes.get(key);
      if (pending !== undefined) return pending === null ? undefined : (JSON.parse(pending) as T);
      const [row] = await run.query<{ value: string; expiresAt: Date | string }>(sql.read, key);
      if (!row || new Date(row.expiresAt) <= clock.now()) return undefined;
      return JSON.parse(row.value) as T;
    },
    write: (key, value) => save(key, JSON.stringify(value)),
    delete: (key) => save(key, null),
  };
}

/** Deletes every expired row; returns how many went. */
export async function purgeExpiredChatState(db: Database, clock: Clock = systemClock): Promise<number> {
  const { count } = await db.chatState.deleteMany({ where: { expiresAt: { lte: clock.now() } } });
  return count;
}

/**
 * Sessions when the database may be down: a failed read gives a session marked `unavailable`
 * (so the bot can still answer what needs no memory, such as help numbers), and such a session
 * is never written back over the real one.
 */
export function degradableStorage<T extends object>(storage: StateStorage<T>): StateStorage<T & { unavailable?: true }> {
  const unavailable = (error: unknown): never => {
    throw new DatabaseUnavailable(error);
  };
  return {
    // A row that is not JSON is our bug, not an outage: start afresh and let it be overwritten.
    read: (key) => storage.read(key).catch((error: unknown) => (error instanceof SyntaxError ? undefined : ({ unavailable: true } as T & { unavailable: true }))),
    write: async (key, value) => {
      if (!value.unavailable) await storage.write(key, value).catch(unavailable);
    },
    delete: (key) => storage.delete(key).catch(unavailable),
  };
}

/** How long an update waits for its chat's state on PostgreSQL, unless DATABASE_WAIT_SECONDS says. */
export const DATABASE_WAIT_MS = 5_000;

/**
 * Reads that give up after `waitMs`. A PostgreSQL link gone silent holds a query until the
 * connection is given up on (POSTGRES_SILENCE_MS, 30 s); the person waiting for help numbers
 * should not wait that long. A read past its time fails as an unreachable database does, so
 * `degradableStorage` answers without the chat's state; the late answer is ignored.
 */
export function withReadWait<T>(storage: StateStorage<T>, waitMs: number): StateStorage<T> {
  return {
    read: (key) =>
      new Promise<T | undefined>((resolve, reject) => {
        const timer = setTimeout(() => reject(new DatabaseTimedOut(waitMs)), waitMs);
        storage.read(key).then(
          (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      }),
    write: (key, value) => storage.write(key, value),
    delete: (key) => storage.delete(key),
  };
}

export class DatabaseTimedOut extends Error {
  constructor(waitMs: number) {
    super(`the database did not answer within ${waitMs} ms`);
  }
}

/** The chat's state could not be saved: the person is asked to try again in a minute. */
export class DatabaseUnavailable extends Error {
  constructor(cause: unknown) {
    super("the database did not answer", { cause });
  }
}
