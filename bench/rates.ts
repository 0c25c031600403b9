// node --import tsx bench/rates.ts [rate …]: latency of the full bot at fixed arrival rates
// (updates per second, open loop, 500 people with up to 128 at once, SQLite), to see up to
// which share of the peak the p99 stays low. Each rate runs on a fresh bot and database.
import { performance } from "node:perf_hooks";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";
import { drive, fullBot, pacer } from "./load.js";
import { withDatabase } from "./run-load.js";

const rates = process.argv.slice(2).map(Number).filter((r) => r > 0);
let chat = 7_000_000_000;
const people = (n: number) => Array.from({ length: n }, () => chat++);

for (const rate of rates.length > 0 ? rates : [200, 260, 300, 340, 380]) {
  const api = await startFakeBotApi();
  api.record = false;
  await withDatabase("sqlite", async (open) => {
    const bot = await fullBot(open, api);
    await drive(bot, api, people(100), 32); // warm-up
    const started = performance.now();
    const { run } = await drive(bot, api, people(500), 128, pacer(rate));
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(`${rate} updates/s asked, ${run.updatesPerS.toFixed(0)} handled: p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms (${seconds} s)\n`);
    await bot.stop();
  });
  await api.stop();
}
