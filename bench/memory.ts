// node --expose-gc --import tsx bench/memory.ts [N] [--db postgres] [--json]: where the memory
// goes as N people (default 20,000) each send /start: RSS, the V8 heap (after a full GC when
// run with --expose-gc), and memory outside it; then the peak RSS of the whole run. `npm run
// bench` runs it in a child process with production's V8 flags (see bench/run-load.ts).
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { performance } from "node:perf_hooks";
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/client.js";
import { createTestDatabase } from "../test/support/databases.js";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";
import { fullBot, mb, replay, type Sent } from "./load.js";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false }, db: { type: "string", default: "sqlite" } } });
const people = Number(positionals[0] ?? 20_000);
const kind = values.db === "postgres" ? "postgres" : "sqlite";
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const started = performance.now();

function show(label: string): void {
  if (values.json) return;
  (globalThis as { gc?: () => void }).gc?.();
  const u = process.memoryUsage();
  process.stdout.write(`${label.padEnd(22)} rss ${mb(u.rss)} MB, heap ${mb(u.heapUsed)} of ${mb(u.heapTotal)} MB, outside the heap ${mb(u.rss - u.heapTotal)} MB\n`);
}

/** One person's /start, as the load harness replays it. */
const start = (chat: number): Sent => ({ chat, taps: [0], payloads: ["/start"] });

const api = await startFakeBotApi();
api.record = false;
const database = await createTestDatabase(kind);
await migrate(database.url);
const open = await openDatabase(database.url, { backgroundCheckpoints: true });
show("loaded");
const bot = await fullBot(open, api);
show("bot built");
for (let done = 0; done < people; done += 10_000) {
  const batch = Array.from({ length: Math.min(10_000, people - done) }, (_x, i) => start(7_900_000_000 + done + i));
  await replay(bot, batch, 32);
  show(`after ${done + batch.length} people`);
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
await bot.stop();
await open.close();
await database.drop();
await api.stop();
const figures = { memory_users: people, peak_rss_mb: mb(Math.max(peakRss, process.memoryUsage().rss)), memory_phase_s: Number(seconds.toFixed(1)), heap_limit_mb: Math.round(v8.getHeapStatistics().heap_size_limit / 1e6) };
process.stdout.write(values.json ? `${JSON.stringify(figures)}\n` : `peak RSS ${figures.peak_rss_mb} MB over the run (${figures.memory_phase_s} s, heap limit ${figures.heap_limit_mb} MB)\n`);
