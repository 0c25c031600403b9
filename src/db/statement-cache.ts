// Prepared statements kept for reuse on the SQLite connection. Prisma's better-sqlite3 adapter
// prepares every statement it runs (`client.prepare(sql).bind(args)`), and compiling the SQL
// took about a twentieth of an update's time in the benchmark (docs/performance.md). The
// queries are few and fixed (Prisma's compiler and our raw queries use placeholders), so a
// small cache by SQL text serves nearly all of them; the rare text it has not seen (a PRAGMA
// with its value written in) is compiled and the least recently used one is let go.
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

type Factory = Pick<PrismaBetterSQLite3, "provider" | "adapterName" | "connect" | "connectToShadowDb">;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;

type Statement = BetterSqlite3.Statement<unknown[]>;

/** A statement with its parameters bound for one run; better-sqlite3's own bind() binds a statement for good. */
interface BoundStatement {
  readonly reader: boolean;
  run(): BetterSqlite3.RunResult;
  columns(): BetterSqlite3.ColumnDefinition[];
  raw(): { all(): unknown[][] };
}

export interface CachedPrepare {
  prepare(sql: string): Statement;
  /** How many statements are kept now. */
  size(): number;
}

/** A class, not an object of closures: one is made for every query (the adapter's `bind`). */
class Bound implements BoundStatement {
  readonly reader: boolean;
  constructor(
    private readonly statement: Statement,
    private readonly args: unknown[],
  ) {
    this.reader = statement.reader;
  }
  run(): BetterSqlite3.RunResult {
    return this.statement.run(...this.args);
  }
  columns(): BetterSqlite3.ColumnDefinition[] {
    return this.statement.columns();
  }
  raw(): { all(): unknown[][] } {
    return this;
  }
  all(): unknown[][] {
    return this.statement.raw(true).all(...this.args) as unknown[][];
  }
}

/**
 * A prepare that keeps up to `limit` statements by SQL text, the least recently used let go
 * first. The statement it returns is the real one (the adapter runs `prepare("BEGIN").run()`),
 * except that its bind() binds for one run only, as the adapter's `prepare(sql).bind(args)`
 * needs. better-sqlite3's own pragma() and transaction() prepare past this method, uncached.
 */
export function cachedPrepare(prepare: (sql: string) => Statement, limit: number): CachedPrepare {
  const kept = new Map<string, Statement>();
  return {
    prepare(sql) {
      let statement = kept.get(sql);
      if (statement) {
        kept.delete(sql); // moved to the end: the most recently used
      } else {
        const made = prepare(sql);
        Object.defineProperty(made, "bind", { value: (args: unknown[]) => new Bound(made, args) });
        statement = made;
        if (kept.size >= limit) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, statement);
      return statement;
    },
    size: () => kept.size,
  };
}

/** The connection the adapter holds (a field of its, not of its typed interface). */
const connectionOf = (adapter: Adapter) => (adapter as unknown as { client?: BetterSqlite3.Database }).client;

export interface StatementCacheOptions {
  /** Statements kept at most (300 people through the benchmark's mix used 11). */
  limit?: number;
  /** Told the cache of each connection made (the tests look at it). */
  onCache?: (cache: CachedPrepare) => void;
}

/**
 * The adapter factory with a statement cache on its connection. If a later adapter no longer
 * holds its connection where this looks, it runs as it is, without the cache (a unit test says so).
 */
export function withStatementCache(factory: Factory, options: StatementCacheOptions = {}): Factory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connectToShadowDb: () => factory.connectToShadowDb(),
    async connect() {
      const adapter = await factory.connect();
      const connection = connectionOf(adapter);
      if (connection && typeof connection.prepare === "function") {
        const cache = cachedPrepare(connection.prepare.bind(connection) as (sql: string) => Statement, options.limit ?? 64);
        Object.defineProperty(connection, "prepare", { value: cache.prepare, configurable: true });
        options.onCache?.(cache);
      }
      return adapter;
    },
  };
}
