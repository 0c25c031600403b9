// npm run bench: prints the figures the issues set targets for. Run it on a quiet machine;
// the tests never time anything.
//   offer text analysis: ads per second over the corpus (target ≥ 2,000 on one core), slowest ad (target < 5 ms)
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { analyzeOfferText } from "../src/offer/analyze.js";
import { loadOfferEngine } from "../src/offer/engine.js";

const json = process.argv.includes("--json");
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

if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
  process.stdout.write(
    [
      "Offer text analysis (one core)",
      `  ads analysed        ${figures.offer_ads}`,
      `  ads per second      ${figures.offer_ads_per_s}   (target ≥ 2000)`,
      `  slowest ad          ${figures.offer_slowest_ad_ms} ms   (target < 5 ms; the median of its ${rounds} runs)`,
      `  slowest single run  ${figures.offer_slowest_run_ms} ms   (includes pauses for garbage collection)`,
      "",
    ].join("\n"),
  );
}
