// npm run db:migrate: applies pending migrations to DATABASE_URL (the bot also does this at start).
import { loadDatabaseUrl } from "../config.js";
import { migrate } from "../db/migrate.js";

const result = loadDatabaseUrl(process.env);
if (!result.ok) {
  process.stderr.write(`DATABASE_URL ${result.problem}\n`);
  process.exit(2);
}
const applied = await migrate(result.url);
process.stdout.write(applied.length ? `Applied: ${applied.join(", ")}\n` : "The database is up to date.\n");
