// Plain SQL for the few queries every update makes (its chat state), run straight on the
// driver adapter that Prisma's client holds: the same connection (SQLite) or pool
// (PostgreSQL), the same conversions of values, without the client's work per query. That
// work allocated about 54 KB per session read and write, and kept a tenth of it alive past a
// young collection; the adapter alone, 9 KB and a hundredth. The trends' flush and webhook
// mode's commit, with hundreds of parameters each, run here too (docs/performance.md, item 31).

/** Queries on the database or inside a transaction. */
export interface SqlRun {
  /** The rows, each as an object by column name. */
  query<T>(sql: string, ...args: unknown[]): Promise<T[]>;
  /** How many rows changed. */
  execute(sql: string, ...args: unknown[]): Promise<number>;
}

export interface Sql extends SqlRun {
  /**
   * Runs `work` in a transaction: committed if it returns, rolled back if it throws. Its
   * connection always goes back (to the pool, on PostgreSQL; as broken, if the link broke).
   */
  transaction<T>(work: (tx: SqlRun) => Promise<T>): Promise<T>;
}

type ScalarType = "string" | "int" | "bigint" | "float" | "boolean" | "datetime" | "unknown";
interface Query {
  sql: string;
  args: unknown[];
  argTypes: { scalarType: ScalarType; arity: "scalar" }[];
}
/** What the driver adapters of @prisma/adapter-better-sqlite3 and @prisma/adapter-pg answer. */
interface Queryable {
  queryRaw(query: Query): Promise<{ columnNames: string[]; rows: unknown[][] }>;
  executeRaw(query: Query): Promise<number>;
}
/** The adapters' transaction: BEGIN is sent; COMMIT or ROLLBACK is ours to send, then commit() or rollback() gives the connection back. */
interface AdapterTransaction extends Queryable {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}
export interface Adapter extends Queryable {
  startTransaction(): Promise<AdapterTransaction>;
}
interface Factory<A> {
  connect(): Promise<A>;
}

const scalarType = (arg: unknown): ScalarType =>
  typeof arg === "string" ? "string" : typeof arg === "number" ? (Number.isInteger(arg) ? "int" : "float") : typeof arg === "bigint" ? "bigint" : typeof arg === "boolean" ? "boolean" : arg instanceof Date ? "datetime" : "unknown";

const toQuery = (sql: string, args: unknown[]): Query => ({ sql, args, argTypes: args.map((arg) => ({ scalarType: scalarType(arg), arity: "scalar" })) });

function runOn(queryable: Queryable): SqlRun {
  return {
    async query<T>(sql: string, ...args: unknown[]) {
      const { columnNames, rows } = await queryable.queryRaw(toQuery(sql, args));
      return rows.map((row) => {
        const record: Record<string, unknown> = {};
        for (let i = 0; i < columnNames.length; i++) record[columnNames[i]!] = row[i];
        return record as T;
      });
    },
    execute: (sql, ...args) => queryable.executeRaw(toQuery(sql, args)),
  };
}

async function inTransaction<T>(adapter: Adapter, work: (tx: SqlRun) => Promise<T>): Promise<T> {
  const tx = await adapter.startTransaction();
  let committed = false;
  try {
    const result = await work(runOn(tx));
    await tx.executeRaw(toQuery("COMMIT", []));
    committed = true;
    return result;
  } catch (error) {
    await tx.executeRaw(toQuery("ROLLBACK", [])).catch(() => undefined);
    throw error;
  } finally {
    // A connection whose link ended may have been given back already (broken-connections.ts).
    await (committed ? tx.commit() : tx.rollback()).catch(() => undefined);
  }
}

/**
 * The adapter factory Prisma's client is given, and a Sql on the adapter it connects. Until the
 * client has connected, a query first asks it to (`connect`, Prisma's `$connect`).
 */
export function sqlOnAdapter<F extends Factory<A>, A extends Adapter>(factory: F, connect: () => Promise<void>): { factory: F; sql: Sql } {
  let adapter: A | undefined;
  let run: SqlRun | undefined;
  const wrapped = Object.create(factory) as F;
  wrapped.connect = async () => {
    const made = await factory.connect();
    adapter = made;
    run = runOn(made);
    return made;
  };
  /** Once connected, queries go straight to `run`: nothing more on every update's path. */
  const ready = async (): Promise<{ adapter: A; run: SqlRun }> => {
    if (!adapter || !run) await connect();
    if (!adapter || !run) throw new Error("the database client connected without its adapter");
    return { adapter, run };
  };
  return {
    factory: wrapped,
    sql: {
      query: <T>(sql: string, ...args: unknown[]) => (run ? run.query<T>(sql, ...args) : ready().then((r) => r.run.query<T>(sql, ...args))),
      execute: (sql, ...args) => (run ? run.execute(sql, ...args) : ready().then((r) => r.run.execute(sql, ...args))),
      transaction: async (work) => inTransaction((await ready()).adapter, work),
    },
  };
}
