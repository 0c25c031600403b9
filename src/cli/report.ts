// npm run --silent report -- --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--period day|week]
//   [--destination XX] [--campaign CODE] [--language xx]
// Prints the trends in the terminal, suppressed exactly as on the dashboard.
import { parseArgs } from "node:util";
import { loadDatabaseUrl } from "../config.js";
import { openDatabase } from "../db/client.js";
import { migrate } from "../db/migrate.js";
import { loadRows } from "../analytics/query.js";
import { buildViews, filtersSchema } from "../analytics/views.js";
import { suppressView, type ShownView } from "../analytics/suppress.js";
import { toJson } from "../analytics/export.js";

process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));

const USAGE = `Usage: npm run --silent report -- --from YYYY-MM-DD --to YYYY-MM-DD [--json] [--period day|week]
                                  [--destination XX] [--campaign CODE] [--language xx]
  Counts under 10 print as <10, the rest rounded to 5; "hidden" marks secondary suppression.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const options = {
  from: { type: "string" },
  to: { type: "string" },
  period: { type: "string" },
  destination: { type: "string" },
  campaign: { type: "string" },
  language: { type: "string" },
  json: { type: "boolean" },
} as const;
let values;
try {
  values = parseArgs({ options, strict: true, allowPositionals: false }).values;
} catch (error) {
  fail((error as Error).message);
}
const { json, ...rest } = values;
const filters = filtersSchema.safeParse(rest);
if (!filters.success) fail(filters.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));

const url = loadDatabaseUrl(process.env);
if (!url.ok) fail(`DATABASE_URL ${url.problem}`);
await migrate(url.url);
const database = await openDatabase(url.url);
let views: ShownView[];
try {
  const rows = await loadRows(database.db, filters.data);
  const campaigns = (await database.db.campaign.findMany({ select: { code: true }, orderBy: { code: "asc" } })).map((c) => c.code);
  views = buildViews(rows, filters.data, filters.data.campaign ? [filters.data.campaign].filter((c) => campaigns.includes(c)) : campaigns).map(suppressView);
} finally {
  await database.close();
}

if (json) process.stdout.write(`${toJson(views, filters.data)}\n`);
else {
  const f = filters.data;
  const scope = [f.destination && `destination ${f.destination}`, f.campaign && `campaign ${f.campaign}`, f.language && `language ${f.language}`].filter(Boolean);
  const lines = [`Before You Go trends, ${f.from} to ${f.to}${scope.length ? ` (${scope.join(", ")})` : ""}`];
  for (const view of views) {
    lines.push("", `== ${view.id}`);
    const width = Math.max(5, ...(view.series[0]?.cells.map((c) => c.key.length) ?? [0]));
    lines.push(["".padEnd(width), ...view.series.map((s) => s.name.padStart(9))].join(" "));
    view.series[0]?.cells.forEach((cell, i) => lines.push([cell.key.padEnd(width), ...view.series.map((s) => String(s.cells[i]!.value).padStart(9))].join(" ")));
    lines.push(["total".padEnd(width), ...view.series.map((s) => String(s.total).padStart(9))].join(" "));
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}
