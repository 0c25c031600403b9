// node --import tsx bench/paced.ts [--db sqlite|postgres] [--users N] [--concurrency N] [--fraction F] [--json]:
// the full bot at 80% of its peak (or at the share --fraction gives). `npm run bench` runs it
// in a process of its own, started as
// production starts the bot (its V8 flags: heap limit, garbage collection), holding only the
// bot, its database and the driver: in the benchmark's own process, after the peak phase, the
// same windows read a p99 1.6–3 times as high in three alternating pairs (docs/performance.md,
// item 28).
//
// In turns: each paced window follows a closed-loop window that measures the peak at that
// moment (this machine's speed drifts by a third over minutes), and is measured over its
// stationary span (`drive`): four times as many people as run at once, so that most of the
// window has the mix the peak was measured on. After each, the floor (bench/load.ts) replays
// the same two windows' updates, on a database of its own: its peak, then 80% of it (or --fraction). What the
// floor's p99 reads there is the tail any grammY bot with a session has on this machine and
// harness; the bot's p99 beyond it is ours.
import fs from "node:fs";
import v8 from "node:v8";
import { parseArgs } from "node:util";
import { constants, performance, PerformanceObserver } from "node:perf_hooks";
import { ownFlags, people, TURNS, withDatabase } from "./run-load.js";
import { startTelegram } from "./telegram.js";
import { combine, drive, floorBot, fullBot, pacer, replay, replayPaced, type Handler, type RunFigures, type SpanMarks } from "./load.js";

export interface PacedFigures {
  /** Updates per second over the stationary spans, and the peak measured just before each window. */
  rate: number;
  peakPerS: number;
  updates: number;
  p50: number;
  p95: number;
  p99: number;
  /** The p99 over the whole windows, their start and end included. */
  wholeP99: number;
  /** How busy the event loop was over the spans (0–1): this thread runs the bot and the driver. */
  busy: number;
  /** The thread's time per update paced against in the closed loop: above 1, 80% of the peak keeps it more than 80% busy. */
  pacedCost: number;
  /** The V8 heap limit it ran with, in MB: production's. */
  heapLimitMb: number;
  /** The V8 flags it ran with: production's. */
  nodeFlags: string[];
  /** Garbage collection over the spans: full (mark-compact) collections per 1,000 updates, the share of the time the thread was paused for any collection, and the longest pause in ms. */
  fullGcsPer1000: number;
  gcPausedShare: number;
  gcLongestMs: number;
  /** The floor in the same turns, on the same updates: its peak, then 80% of it (how much of the tail any bot has here). */
  floor: { rate: number; peakPerS: number; p50: number; p95: number; p99: number; busy: number };
}

/** V8's collections as perf_hooks reports them, kept to be counted over the spans afterwards. */
function recordCollections() {
  const seen: { start: number; ms: number; full: boolean }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) seen.push({ start: entry.startTime, ms: entry.duration, full: (entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR });
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    /** The collections that began inside one of `spans`; call once every window is done. */
    within(spans: { from: number; to: number }[]) {
      observer.disconnect();
      return seen.filter((gc) => spans.some((span) => gc.start >= span.from && gc.start < span.to));
    },
  };
}

const { values } = parseArgs({ options: { json: { type: "boolean", default: false }, db: { type: "string", default: "sqlite" }, users: { type: "string", default: "1000" }, concurrency: { type: "string", default: "32" }, fraction: { type: "string", default: "0.8" } } });
const fraction = Number(values.fraction);
if (!(fraction > 0 && fraction < 1)) throw new Error("--fraction is a share of the peak, above 0 and below 1");
const users = Number(values.users);
const concurrency = Number(values.concurrency);

/** The time this thread has run on a CPU, in ms (Linux's schedstat); NaN where it cannot be read. */
function threadRunMs(): number {
  try {
    return Number(fs.readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** How busy the event loop was over the marked spans, and the thread's run time in them. */
function busyMeter() {
  let busy0 = performance.eventLoopUtilization();
  let ran0 = 0;
  const meter = { busySeconds: 0, threadMs: 0, spans: [] as { from: number; to: number }[] };
  const marks: SpanMarks = {
    start: () => {
      busy0 = performance.eventLoopUtilization();
      ran0 = threadRunMs();
      meter.spans.push({ from: performance.now(), to: Infinity });
    },
    end: () => {
      meter.spans.at(-1)!.to = performance.now();
      meter.busySeconds += performance.eventLoopUtilization(busy0).active / 1000;
      meter.threadMs += threadRunMs() - ran0;
    },
  };
  return { meter, marks };
}

const api = await startTelegram();
const collections = recordCollections();
const kind = values.db === "postgres" ? "postgres" : "sqlite";
const figures: PacedFigures = await withDatabase(kind, (db) =>
  withDatabase(kind, async (floorDb) => {
    const bot = await fullBot(db, api);
    const bare: Handler = floorBot(floorDb, api);
    try {
      await drive(bot, api, people(100), concurrency);
      const peaks: RunFigures[] = [];
      const paced: RunFigures[] = [];
      const whole: RunFigures[] = [];
      const floorPeaks: RunFigures[] = [];
      const floorPaced: RunFigures[] = [];
      let peakThreadMs = 0;
      const full = busyMeter();
      const floor = busyMeter();
      // The closed-loop windows as large as the peak phase's turns, so that the peak is measured alike.
      const share = Math.max(50, Math.ceil(users / 2 / TURNS));
      const lanes = concurrency * 4;
      for (let turn = 0; turn < TURNS; turn++) {
        const ran0 = threadRunMs();
        const peak = await drive(bot, api, people(Math.max(share, Math.ceil(users / TURNS))), concurrency);
        peakThreadMs += threadRunMs() - ran0;
        peaks.push(peak.run);
        const window = await drive(bot, api, people(Math.max(share, 4 * lanes)), lanes, pacer(peak.run.updatesPerS * fraction), full.marks);
        if (window.steady.updates === 0) throw new Error("a paced window had no stationary span: too few people for its lanes");
        paced.push(window.steady);
        whole.push(window.run);
        // The floor on the same updates, its peak measured just before as the bot's was.
        const floorPeak = await replay(bare, peak.sent, concurrency);
        floorPeaks.push(floorPeak);
        floorPaced.push((await replayPaced(bare, window.sent, lanes, pacer(floorPeak.updatesPerS * fraction), floor.marks)).steady);
      }
      const steady = combine(paced);
      const peakFigures = combine(peaks);
      const floorSteady = combine(floorPaced);
      // Entries reach the observer a turn of the event loop after the collection.
      await new Promise((resolve) => setImmediate(resolve));
      const gcs = collections.within(full.meter.spans);
      return {
        rate: steady.updatesPerS,
        peakPerS: peakFigures.updatesPerS,
        updates: steady.updates,
        p50: steady.p50,
        p95: steady.p95,
        p99: steady.p99,
        wholeP99: combine(whole).p99,
        busy: full.meter.busySeconds / steady.seconds,
        pacedCost: full.meter.threadMs / steady.updates / (peakThreadMs / peakFigures.updates),
        heapLimitMb: Math.round(v8.getHeapStatistics().heap_size_limit / 1e6),
        nodeFlags: ownFlags(),
        fullGcsPer1000: (gcs.filter((gc) => gc.full).length / steady.updates) * 1000,
        gcPausedShare: gcs.reduce((sum, gc) => sum + gc.ms, 0) / 1000 / steady.seconds,
        gcLongestMs: Math.max(0, ...gcs.map((gc) => gc.ms)),
        floor: {
          rate: floorSteady.updatesPerS,
          peakPerS: combine(floorPeaks).updatesPerS,
          p50: floorSteady.p50,
          p95: floorSteady.p95,
          p99: floorSteady.p99,
          busy: floor.meter.busySeconds / floorSteady.seconds,
        },
      };
    } finally {
      await bot.stop();
      await bare.stop();
    }
  }),
);
await api.stop();
process.stdout.write(values.json ? `${JSON.stringify(figures)}\n` : `${JSON.stringify(figures, null, 2)}\n`);
