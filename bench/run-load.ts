// The load benchmark's phases, on fresh databases: the full bot at its peak (closed loop),
// the floor on the same updates, the full bot at 80% of its peak (open loop, bench/paced.ts),
// the cost of a guided check's steps one at a time, the full bot without trends, and 100,000
// people (bench/memory.ts); the 80% phase and the 100,000 in processes of their own.
import fs from "node:fs";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { migrate } from "../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../src/db/client.js";
import { createTestDatabase, type Kind, type TestDatabase } from "../test/support/databases.js";
import { startTelegram, type Telegram } from "./telegram.js";
import { combine, drive, fullBot, floorBot, mb, replay, type Handler, type RunFigures } from "./load.js";
import type { PacedFigures } from "./paced.js";

export interface LoadOptions {
  db: Kind;
  users: number;
  memoryUsers: number;
  concurrency: number;
}

/** The peak phase's turns (the full bot, then the floor, on a quarter of the people each time), and the 80% phase's. */
export const TURNS = 4;
/**
 * The trends phase's turns: many short ones. Their cost is a few percent, and this machine's
 * speed moves by more than that from one second to the next: in four turns of about 4,000
 * updates the figure read −5% to +9% for the same code, in forty of about 400 −2.4% to +1.4%.
 */
const TRENDS_TURNS = 40;
const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
let chatSeed = 7_000_000_000;
export const people = (n: number) => Array.from({ length: n }, () => chatSeed++);

/** A fresh, migrated database for `use`, dropped afterwards. */
export async function withDatabase<T>(kind: Kind, use: (db: OpenDatabase) => Promise<T>): Promise<T> {
  const database: TestDatabase = await createTestDatabase(kind);
  try {
    await migrate(database.url);
    const open = await openDatabase(database.url, { backgroundCheckpoints: true });
    try {
      return await use(open);
    } finally {
      await open.close();
    }
  } finally {
    await database.drop();
  }
}

async function run(handler: Handler, body: () => Promise<RunFigures>): Promise<RunFigures> {
  try {
    return await body();
  } finally {
    await handler.stop();
  }
}

/** The V8 flags production starts the bot with (package.json's start:dist, the Dockerfile):
 * its heap limit and how it collects garbage. Source maps are left out: tsx has its own. */
export function productionFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
  const flags = (pkg.scripts["start:dist"] ?? "").split(/\s+/).filter((word) => word.startsWith("--") && word !== "--enable-source-maps");
  if (!flags.some((flag) => flag.startsWith("--max-old-space-size="))) throw new Error("package.json's start:dist sets no --max-old-space-size");
  return flags;
}

/** The V8 flags this process was started with (what `productionFlags` gives a child). */
export const ownFlags = () => process.execArgv.filter((arg) => arg.startsWith("--") && arg !== "--import" && arg !== "--require");

/** A phase's script in a child process with production's V8 flags; the JSON it prints last. */
async function childPhase<T>(script: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, [...productionFlags(), "--import", "tsx", script, ...args, "--json"], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (chunk) => (out += String(chunk)));
  const [code] = (await once(child, "exit")) as [number];
  if (code !== 0) throw new Error(`${script} exited with ${code}`);
  return JSON.parse(out.trim().split("\n").at(-1)!) as T;
}

export async function runLoad(options: LoadOptions) {
  let peakRss = 0;
  /** The peak of the phase being measured (reset at its start). */
  let phaseRss = 0;
  const sampler = setInterval(() => {
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    phaseRss = Math.max(phaseRss, rss);
  }, 50);
  let fullRss = 0;
  let floorRss = 0;
  const api: Telegram = await startTelegram();
  try {
    // 1. The full bot at its peak and 2. the floor on exactly the same updates, in turns of a
    // quarter of the people each: this machine is shared, and whatever else runs on it slows
    // both alike, where one phase after the other could catch a quiet minute for one of them.
    let sequences: Parameters<typeof replay>[1] = [];
    let guidedCosts: number[][] = [];
    const { full, floor } = await withDatabase(options.db, (fullDb) =>
      withDatabase(options.db, async (floorDb) => {
        const bot = await fullBot(fullDb, api);
        const bare = floorBot(floorDb, api);
        try {
          // Warm-up; the floor on the same chats, so that their sessions exist there too.
          await replay(bare, (await drive(bot, api, people(100), options.concurrency)).sent, options.concurrency);
          const fullRuns: RunFigures[] = [];
          const floorRuns: RunFigures[] = [];
          for (let turn = 0; turn < TURNS; turn++) {
            phaseRss = 0;
            const result = await drive(bot, api, people(Math.ceil(options.users / TURNS)), options.concurrency);
            fullRss = Math.max(fullRss, phaseRss);
            fullRuns.push(result.run);
            sequences = [...sequences, ...result.sent];
            phaseRss = 0;
            floorRuns.push(await replay(bare, result.sent, options.concurrency));
            floorRss = Math.max(floorRss, phaseRss);
          }
          return { full: combine(fullRuns), floor: combine(floorRuns) };
        } finally {
          await bot.stop();
          await bare.stop();
        }
      }),
    );
    // 3. 80% of the peak rate, paced (bench/paced.ts), in a process of its own started as
    // production starts the bot; 4. guided checks one at a time; 5. without trends.
    const steady = await childPhase<PacedFigures>("bench/paced.ts", ["--db", options.db, "--users", String(options.users), "--concurrency", String(options.concurrency)]);
    await withDatabase(options.db, async (db) => {
      const bot = await fullBot(db, api);
      await run(bot, async () => {
        await drive(bot, api, people(40), 1);
        // Every 20th person of the mix is guided from index 0: take guided people only.
        const guided = people(200).filter((_c, i) => i % 20 < 12);
        const result = await drive(bot, api, guided, 1);
        guidedCosts = result.stepCost;
        return result.run;
      });
    });
    // The same updates through the bot without trends and with them, in turns (as above).
    const { withoutTrends, withTrends } = await withDatabase(options.db, (withoutDb) =>
      withDatabase(options.db, async (withDb) => {
        const without = await fullBot(withoutDb, api, false);
        const withThem = await fullBot(withDb, api, true);
        try {
          await replay(withThem, (await drive(without, api, people(100), options.concurrency)).sent, options.concurrency);
          const runs: [RunFigures[], RunFigures[]] = [[], []];
          const share = Math.ceil(sequences.length / TRENDS_TURNS);
          for (let turn = 0; turn < TRENDS_TURNS; turn++) {
            const part = sequences.slice(turn * share, (turn + 1) * share);
            // Each goes first in every other turn.
            for (const which of turn % 2 === 0 ? [0, 1] : [1, 0]) runs[which]!.push(await replay(which === 0 ? without : withThem, part, options.concurrency));
          }
          return { withoutTrends: combine(runs[0]), withTrends: combine(runs[1]) };
        } finally {
          await without.stop();
          await withThem.stop();
        }
      }),
    );
    // 6. Many distinct people, one /start each: what memory does the bot need? In a process of
    // its own, started as production starts it (its heap limit), holding only the bot.
    const memory = await childPhase<{ peak_rss_mb: number; memory_phase_s: number; heap_limit_mb: number }>("bench/memory.ts", [String(options.memoryUsers), "--db", options.db]);

    // Steps of the guided check proper: its 1st question (the destination) is the 4th update.
    const step = (k: number) => median(guidedCosts.filter((c) => c.length > 3 + k).map((c) => c[3 + k - 1]!));
    return {
      db: options.db,
      users: options.users,
      updates: full.updates,
      updates_per_s: Math.round(full.updatesPerS),
      floor_updates_per_s: Math.round(floor.updatesPerS),
      ratio: round(full.updatesPerS / floor.updatesPerS),
      peak_p50_ms: round(full.p50),
      peak_p95_ms: round(full.p95),
      peak_p99_ms: round(full.p99),
      floor_p50_ms: round(floor.p50),
      floor_p95_ms: round(floor.p95),
      floor_p99_ms: round(floor.p99),
      full_phase_peak_rss_mb: mb(fullRss),
      floor_phase_peak_rss_mb: mb(floorRss),
      steady_rate_per_s: Math.round(steady.rate),
      steady_peak_per_s: Math.round(steady.peakPerS),
      p50_ms: round(steady.p50),
      p95_ms: round(steady.p95),
      p99_ms: round(steady.p99),
      steady_updates: steady.updates,
      paced_whole_window_p99_ms: round(steady.wholeP99),
      steady_event_loop_busy: round(steady.busy),
      steady_paced_cost_ratio: round(steady.pacedCost),
      paced_heap_limit_mb: steady.heapLimitMb,
      paced_node_flags: steady.nodeFlags,
      paced_full_gcs_per_1000_updates: round(steady.fullGcsPer1000),
      paced_gc_paused_pct: round(steady.gcPausedShare * 100, 1),
      paced_gc_longest_ms: round(steady.gcLongestMs),
      floor_paced_rate_per_s: Math.round(steady.floor.rate),
      floor_paced_peak_per_s: Math.round(steady.floor.peakPerS),
      floor_paced_p50_ms: round(steady.floor.p50),
      floor_paced_p95_ms: round(steady.floor.p95),
      floor_paced_p99_ms: round(steady.floor.p99),
      floor_paced_event_loop_busy: round(steady.floor.busy),
      cpu_ms_per_update: round(full.cpuMsPerUpdate, 3),
      floor_cpu_ms_per_update: round(floor.cpuMsPerUpdate, 3),
      step1_ms: round(step(1), 3),
      step15_ms: round(step(15), 3),
      step15_over_step1: round(step(15) / step(1)),
      analytics_overhead_pct: round(((withTrends.cpuMsPerUpdate - withoutTrends.cpuMsPerUpdate) / withoutTrends.cpuMsPerUpdate) * 100, 1),
      memory_users: options.memoryUsers,
      memory_phase_s: memory.memory_phase_s,
      heap_limit_mb: memory.heap_limit_mb,
      peak_rss_mb: memory.peak_rss_mb,
      load_process_peak_rss_mb: mb(peakRss),
    };
  } finally {
    clearInterval(sampler);
    await api.stop();
  }
}

export function printLoad(f: Awaited<ReturnType<typeof runLoad>>): string {
  const ok = (pass: boolean) => (pass ? "ok" : "MISSED");
  return [
    `The bot under load (${f.db}, ${f.users} people, ${f.updates} updates; Telegram answered by a local fake)`,
    `                       full bot                 floor`,
    `  updates per second   ${String(f.updates_per_s).padEnd(24)} ${f.floor_updates_per_s}`,
    `  CPU ms per update    ${String(f.cpu_ms_per_update).padEnd(24)} ${f.floor_cpu_ms_per_update}`,
    `  p50 / p95 / p99 (ms) ${`${f.peak_p50_ms} / ${f.peak_p95_ms} / ${f.peak_p99_ms}`.padEnd(24)} ${f.floor_p50_ms} / ${f.floor_p95_ms} / ${f.floor_p99_ms}`,
    `  peak RSS (MB)        ${String(f.full_phase_peak_rss_mb).padEnd(24)} ${f.floor_phase_peak_rss_mb}   (each while it ran; one process runs both)`,
    `  full / floor         ${f.ratio}   (target ≥ 0.6: ${ok(f.ratio >= 0.6)})`,
    `  at 80% of the peak   ${f.steady_rate_per_s} updates/s (the peak, measured just before each of its windows: ${f.steady_peak_per_s}): p50 ${f.p50_ms} ms, p95 ${f.p95_ms} ms, p99 ${f.p99_ms} ms   (target p99 < 25 ms: ${ok(f.p99_ms < 25)}); event loop busy ${Math.round(f.steady_event_loop_busy * 100)}% of the time`,
    `                       measured on ${f.steady_updates} updates, the windows' stationary spans, the bot in a process of its own with production's V8 flags; over the whole windows, with the start every person makes at once and the end: p99 ${f.paced_whole_window_p99_ms} ms`,
    `                       an update took ×${f.steady_paced_cost_ratio} of the thread's time it took in the closed loop just before (the bot and the driver; ×1 would keep the thread 80% busy)`,
    `                       garbage collection: ${f.paced_full_gcs_per_1000_updates} full collections per 1,000 updates, the thread paused ${f.paced_gc_paused_pct}% of the time, ${f.paced_gc_longest_ms} ms at most`,
    `                       the floor in the same turns, on the same updates, at 80% of its own peak (${f.floor_paced_peak_per_s}): ${f.floor_paced_rate_per_s} updates/s, p50 ${f.floor_paced_p50_ms} ms, p95 ${f.floor_paced_p95_ms} ms, p99 ${f.floor_paced_p99_ms} ms, event loop busy ${Math.round(f.floor_paced_event_loop_busy * 100)}%: the tail any grammY bot with a session has here`,
    `  guided check         1st step ${f.step1_ms} ms, 15th step ${f.step15_ms} ms: ×${f.step15_over_step1}   (target < 2: ${ok(f.step15_over_step1 < 2)})`,
    `  trends add           ${f.analytics_overhead_pct}% CPU per update   (target < 5%: ${ok(f.analytics_overhead_pct < 5)})`,
    `  peak RSS             ${f.peak_rss_mb} MB with ${f.memory_users} people, the bot alone in a process with production's heap limit (${f.heap_limit_mb} MB heap; ${f.memory_phase_s} s)   (target < 300 MB: ${ok(f.peak_rss_mb < 300)})`,
    `                       ${f.load_process_peak_rss_mb} MB at most in this process, which ran the other load phases with no heap limit`,
    "",
  ].join("\n");
}
