// npm run content:check — validates every content file; prints, per country, what is stale
// (checked more than 12 months ago), unconfirmed or missing. Exits 1 if any file is invalid.
import { loadPacks } from "../content/countries.js";
import { contentReport, formatReport } from "../content/report.js";
import { loadWageData } from "../content/wages.js";
import { loadOfferEngine } from "../offer/engine.js";
import { loadQuestions } from "../offer/questions.js";

// A reader that stops early (| head) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));

try {
  loadOfferEngine();
  loadQuestions();
  const wages = loadWageData();
  const packs = loadPacks();
  process.stdout.write(`All content files are valid (${packs.length} country packs).\n\n`);
  process.stdout.write(`${formatReport(contentReport(packs, wages.minimumWages, new Date()))}\n`);
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
