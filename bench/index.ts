// npm run bench [-- --json] [--db sqlite|postgres] [--users N] [--memory-users N] [--concurrency N]
// Prints the figures the issues set targets for. Run it on a quiet machine; tests never time anything.
//   offer text analysis: ads per second over the corpus (target ≥ 2,000 on one core), slowest ad (< 5 ms)
//   the bot under load (bench/load.ts): throughput against the floor (ratio ≥ 0.6), p99 at 80% of
//   the peak rate (< 25 ms), the 15th step of a guided check against the 1st (< 2×), peak RSS after
//   100,000 people (< 300 MB), what the trends add per update (< 5%).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { analyzeOfferText } from "../src/offer/analyze.js";
import { loadOfferEngine } from "../src/offer/engine.js";
import { runLoad, printLoad } from "./run-load.js";

const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    db: { type: "string", default: "sqlite" },
    users: { type: "string", default: "1000" },
    "memory-users": { type: "string", default: "100000" },
    concurrency: { type: "string", default: "32" },
  },
});
const json = values.json;

function offerBench() {
  const corpus = (JSON.parse(fs.readFileSync("test/corpus/ads.json", "utf8")) as { text: string }[]).map((a) => a.text);
  const engine = loadOfferEngine();

  for (let i = 0; i < 3; i++) for (const text of corpus) analyzeOfferText(text, engine); // warm up

  const rounds = 40;
  const timings: number[][] = corpus.map(() => []);
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    corpus.forEach((text, i) => {
      const t0 = performance.now();
      analyzeOfferText(text, engine);
      timings[i]!.push(performance.now() - t0);
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // An ad's cost is the median of its runs; a single run can include a garbage-collection pause.
  const slowestAd = Math.max(...timings.map(median));
  const slowestRun = Math.max(...timings.flat());
  const figures = {
    offer_ads: corpus.length * rounds,
    offer_ads_per_s: Math.round((corpus.length * rounds) / seconds),
    offer_slowest_ad_ms: Number(slowestAd.toFixed(2)),
    offer_slowest_run_ms: Number(slowestRun.toFixed(2)),
  };
  return figures;
}

const offer = offerBench();
const load = await runLoad({
  db: values.db === "postgres" ? "postgres" : "sqlite",
  users: Number(values.users),
  memoryUsers: Number(values["memory-users"]),
  concurrency: Number(values.concurrency),
});
if (json) process.stdout.write(`${JSON.stringify({ ...offer, ...load })}\n`);
else {
  process.stdout.write(
    [
      "Offer text analysis (one core)",
      `  ads analysed        ${offer.offer_ads}`,
      `  ads per second      ${offer.offer_ads_per_s}   (target ≥ 2000)`,
      `  slowest ad          ${offer.offer_slowest_ad_ms} ms   (target < 5 ms; the median of its runs)`,
      `  slowest single run  ${offer.offer_slowest_run_ms} ms   (includes pauses for garbage collection)`,
      "",
      printLoad(load),
    ].join("\n"),
  );
}
