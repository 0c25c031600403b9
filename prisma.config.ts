// Prisma CLI configuration: tooling only (generate, migrate diff, migrate status).
// The bot applies migrations itself (src/db/migrate.ts) and never runs the CLI.
// DATABASE_URL picks the provider: postgres:// or postgresql:// → PostgreSQL, anything else → SQLite.
import path from "node:path";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/bot.db";
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", provider),
  migrations: { path: path.join("prisma", provider, "migrations") },
  async adapter() {
    if (provider === "sqlite") {
      const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
      return new PrismaBetterSQLite3({ url });
    }
    // Workaround for prisma/orm#27403: the JS schema engine cannot read columns of
    // PostgreSQL's `name` type (OID 19); report them as `text` (OID 25). Remove when fixed upstream.
    const { default: pg } = await import("pg");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const pool = new pg.Pool({ connectionString: url, allowExitOnIdle: true });
    const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<{ fields?: { dataTypeID: number }[] }>;
    (pool as unknown as { query: typeof query }).query = async (...args) => {
      const result = await query(...args);
      for (const field of result?.fields ?? []) if (field.dataTypeID === 19) field.dataTypeID = 25;
      return result;
    };
    return new PrismaPg(pool);
  },
});
