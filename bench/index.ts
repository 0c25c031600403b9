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
let slowest = 0;
const started = performance.now();
for (let round = 0; round < rounds; round++) {
  for (const text of corpus) {
    const t0 = performance.now();
    analyzeOfferText(text, engine);
    slowest = Math.max(slowest, performance.now() - t0);
  }
}
const seconds = (performance.now() - started) / 1000;
const figures = {
  offer_ads: corpus.length * rounds,
  offer_ads_per_s: Math.round((corpus.length * rounds) / seconds),
  offer_slowest_ms: Number(slowest.toFixed(2)),
};

if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
  process.stdout.write(
    [
      "Offer text analysis (one core)",
      `  ads analysed        ${figures.offer_ads}`,
      `  ads per second      ${figures.offer_ads_per_s}   (target ≥ 2000)`,
      `  slowest ad          ${figures.offer_slowest_ms} ms   (target < 5 ms)`,
      "",
    ].join("\n"),
  );
}
