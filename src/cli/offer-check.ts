// npm run --silent offer:check -- [--lang xx] [--country XX] [--json]
// Reads a job ad on standard input and prints what the bot would say about it.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createTranslations } from "../i18n/index.js";
import { LANGUAGES } from "../i18n/languages.js";
import { analyzeOfferText } from "../offer/analyze.js";
import { loadOfferEngine } from "../offer/engine.js";
import { htmlToText, noMinimumOf, renderResult } from "../offer/report.js";

// A reader that stops early (| head) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));

const USAGE = `Usage: npm run --silent offer:check -- [--lang ${LANGUAGES.join("|")}] [--country XX] [--json] < ad.txt
  --lang     language of the printed analysis (default en)
  --country  destination, ISO 3166-1 alpha-2 (default: found in the ad's text)
  --json     print one JSON object instead of text
`;

const argsSchema = z.object({
  lang: z.enum(LANGUAGES).default("en"),
  country: z.string().regex(/^[A-Za-z]{2}$/).transform((c) => c.toUpperCase()).optional(),
  json: z.boolean().default(false),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) fail("Give the ad on standard input.");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

let raw;
try {
  raw = parseArgs({ options: { lang: { type: "string" }, country: { type: "string" }, json: { type: "boolean" } }, strict: true, allowPositionals: false }).values;
} catch (error) {
  fail((error as Error).message);
}
const args = argsSchema.safeParse(raw);
if (!args.success) fail(args.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
const { lang, country, json } = args.data;

const text = await readStdin();
if (!text.trim()) fail("The ad is empty.");
const engine = loadOfferEngine();
const analysis = analyzeOfferText(text, engine, { lang, country: country ?? null });

if (json) {
  const { pay, wage } = analysis;
  const output = {
    risk: analysis.risk,
    country: analysis.country,
    pay: pay && {
      amount: pay.amount,
      upTo: pay.upTo ?? null,
      currency: pay.currency,
      per: pay.per,
      basis: pay.basis,
      hourly: wage ? Number(wage.offeredHourly.toFixed(2)) : null,
      minimumHourly: wage ? Number(wage.minimumHourly.toFixed(2)) : null,
      minimumCurrency: wage?.minimum.currency ?? null,
      belowMinimum: wage ? wage.below : null,
    },
    signs: analysis.signs.map(({ id, evidence }) => ({ id, evidence })),
  };
  process.stdout.write(`${JSON.stringify(output)}\n`);
} else {
  const t = createTranslations().t(lang);
  const noMinimum = noMinimumOf(engine.wages, analysis.country);
  const result = { ...analysis, unknown: [] };
  process.stdout.write(`${htmlToText(renderResult(t, lang, result, { noMinimum }).join("\n\n"))}\n`);
}
