// npm run --silent user:add -- --name NAME --role viewer|admin [--campaign CODE]
// Creates a dashboard account. The password is read from standard input (one line), or, if
// none is given, a strong one is generated and printed once.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { loadDatabaseUrl } from "../config.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/client.js";
import { accountInput, createAccounts, ROLES } from "../dashboard/accounts.js";
import { systemClock } from "../session/storage.js";

const USAGE = `Usage: npm run --silent user:add -- --name NAME --role ${ROLES.join("|")} [--campaign CODE] [< password.txt]
  --name      account name: 3 to 40 lower-case letters, digits, dots, dashes or underscores
  --role      viewer: sees the trends; admin: also creates campaigns
  --campaign  limit a viewer to one campaign's reach (for outreach workers)
  The password (at least 12 characters) is read from standard input; without one, a strong
  password is generated and printed once.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function readPassword(): Promise<string | undefined> {
  if (process.stdin.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0]?.trim();
  return line || undefined;
}

let values;
try {
  values = parseArgs({ options: { name: { type: "string" }, role: { type: "string" }, campaign: { type: "string" } }, strict: true, allowPositionals: false }).values;
} catch (error) {
  fail((error as Error).message);
}
const given = await readPassword();
const password = given ?? crypto.randomBytes(18).toString("base64url");
const input = accountInput.safeParse({ ...values, password });
if (!input.success) fail(input.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
if (input.data.campaign && input.data.role !== "viewer") fail("--campaign: only a viewer can be limited to a campaign");

const url = loadDatabaseUrl(process.env);
if (!url.ok) fail(`DATABASE_URL ${url.problem}`);
await migrate(url.url);
const database = await openDatabase(url.url);
try {
  const created = await createAccounts(database.db, systemClock).create(input.data);
  if (!created) {
    process.stderr.write(`An account named ${input.data.name} already exists.\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`Created ${input.data.role} ${input.data.name}${input.data.campaign ? ` (campaign ${input.data.campaign})` : ""}.\n`);
    if (!given) process.stdout.write(`Password (shown once): ${password}\n`);
  }
} finally {
  await database.close();
}
