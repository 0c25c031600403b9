// node --import tsx bench/rates.ts [rate …] [--latency-ms N] [--at-once N]: latency of the full
// bot at fixed arrival rates (updates per second, open loop, 500 people with up to 128 at once,
// SQLite), to see up to which share of the peak the p99 stays low. Each rate runs on a fresh bot
// and database. --latency-ms makes the fake Telegram answer each call that much later, as the
// real one does over the network (then more people need to be at once: --at-once).
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { startTelegram } from "./telegram.js";
import { drive, fullBot, pacer } from "./load.js";
import { withDatabase } from "./run-load.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { "latency-ms": { type: "string", default: "0" }, "at-once": { type: "string", default: "128" } } });
const rates = positionals.map(Number).filter((r) => r > 0);
let chat = 7_000_000_000;
const people = (n: number) => Array.from({ length: n }, () => chat++);

for (const rate of rates.length > 0 ? rates : [200, 260, 300, 340, 380]) {
  const api = await startTelegram();
  await withDatabase("sqlite", async (open) => {
    const bot = await fullBot(open, api);
    await drive(bot, api, people(100), 32); // warm-up
    await api.setLatency(Number(values["latency-ms"]));
    const started = performance.now();
    const { run } = await drive(bot, api, people(500), Number(values["at-once"]), pacer(rate));
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(`${rate} updates/s asked, ${run.updatesPerS.toFixed(0)} handled: p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms (${seconds} s)\n`);
    await bot.stop();
  });
  await api.stop();
}
