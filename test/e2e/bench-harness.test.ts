// The benchmark's simulated people really go through their flows: every offer check they
// start reaches its result, so `npm run bench` measures the bot doing its job. (No timing here.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { drive, flowOf, floorBot, fullBot, pacer, replay, replayPaced, updateCount } from "../../bench/load.js";
import { inProcess, startTelegram } from "../../bench/telegram.js";
import { printLoad, productionFlags, runLoad } from "../../bench/run-load.js";

describe("the benchmark's simulated people", () => {
  let database: TestDatabase;
  let open: OpenDatabase;
  let api: FakeBotApi;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await migrate(database.url);
    open = await openDatabase(database.url);
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await open.close();
    await database.drop();
    await api.stop();
  });

  it("follow the mix, reach a result in every offer check, and replay through the floor", async () => {
    const people = Array.from({ length: 40 }, (_p, i) => 7_600_000_000 + i);
    expect(people.map((_p, i) => flowOf(i)).filter((f) => f === "guided")).toHaveLength(24); // 60%
    const bot = await fullBot(open, api);
    const marks: string[] = [];
    const { run, steady, sent, results } = await drive(bot, inProcess(api), people, 4, undefined, { start: () => marks.push("start"), end: () => marks.push("end") });
    await bot.stop();
    // The stationary span leaves out the four who started at once and the last one taken.
    expect(marks).toEqual(["start", "end"]);
    const outside = updateCount([...sent.slice(0, 4), sent.at(-1)!]);
    expect(steady.updates).toBeGreaterThan(0);
    expect(steady.updates).toBeLessThanOrEqual(run.updates - outside);
    const offerChecks = people.filter((_p, i) => ["guided", "paste"].includes(flowOf(i))).length;
    expect(results).toBe(offerChecks);
    expect(run.updates).toBe(updateCount(sent));
    expect(api.counts.get("sendMessage")).toBeGreaterThanOrEqual(run.updates);
    const floor = await replay(floorBot(open, api), sent, 4);
    expect(floor.updates).toBe(run.updates);
    // Paced, the floor replays them too, measured over the same kind of span.
    const floorMarks: string[] = [];
    const paced = await replayPaced(floorBot(open, api), sent, 4, pacer(5_000), { start: () => floorMarks.push("start"), end: () => floorMarks.push("end") });
    expect(paced.run.updates).toBe(run.updates);
    expect(paced.sent).toEqual(sent);
    // The replay makes the same kinds of update: commands with their entity, ads as text, taps.
    const made: Update[] = [];
    await replay({ handle: async (update) => void made.push(update), stop: async () => undefined }, sent.slice(0, 1), 1);
    expect(made[0]!.message).toMatchObject({ text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] });
    expect(made.slice(1).map((u) => u.callback_query?.data)).toEqual(sent[0]!.payloads.slice(1));
    expect(floorMarks).toEqual(["start", "end"]);
    expect(paced.steady.updates).toBeGreaterThan(0);
    expect(paced.steady.updates).toBeLessThanOrEqual(run.updates - outside);
  });

  it("see the bot's buttons as they come when Telegram runs in a thread of its own, as in `npm run bench`", async () => {
    const people = Array.from({ length: 20 }, (_p, i) => 7_700_000_000 + i);
    const telegram = await startTelegram();
    try {
      const bot = await fullBot(open, telegram);
      const { run, results } = await drive(bot, telegram, people, 4);
      await bot.stop();
      // Every check reached its result, tapping only buttons the bot sent: none ran on blind.
      expect(results).toBe(people.filter((_p, i) => ["guided", "paste"].includes(flowOf(i))).length);
      expect(run.updates).toBeLessThan(people.length * 25);
    } finally {
      await telegram.stop();
    }
  });

  it("reports every figure the targets are set on, for the full bot and the floor, as a table and as JSON", { timeout: 120_000 }, async () => {
    const figures = await runLoad({ db: "sqlite", users: 40, memoryUsers: 200, concurrency: 4 });
    for (const key of ["updates_per_s", "floor_updates_per_s", "ratio", "p99_ms", "step15_over_step1", "peak_rss_mb", "analytics_overhead_pct", "peak_p50_ms", "peak_p95_ms", "peak_p99_ms", "floor_p50_ms", "floor_p95_ms", "floor_p99_ms", "cpu_ms_per_update", "floor_cpu_ms_per_update", "full_phase_peak_rss_mb", "floor_phase_peak_rss_mb", "load_process_peak_rss_mb", "heap_limit_mb", "steady_event_loop_busy", "steady_paced_cost_ratio", "steady_rate_per_s", "steady_peak_per_s", "steady_updates", "paced_whole_window_p99_ms", "paced_heap_limit_mb", "paced_full_gcs_per_1000_updates", "paced_gc_paused_pct", "paced_gc_longest_ms", "floor_paced_rate_per_s", "floor_paced_peak_per_s", "floor_paced_p50_ms", "floor_paced_p95_ms", "floor_paced_p99_ms", "floor_paced_event_loop_busy"] as const) {
      expect(Number.isFinite(figures[key]), key).toBe(true);
    }
    expect(figures.updates).toBeGreaterThan(40 * 4);
    expect(figures.ratio).toBeCloseTo(figures.updates_per_s / figures.floor_updates_per_s, 1);
    expect(figures.steady_event_loop_busy).toBeGreaterThan(0);
    expect(figures.steady_event_loop_busy).toBeLessThanOrEqual(1);
    expect(figures.steady_paced_cost_ratio).toBeGreaterThan(0);
    // The paced windows are measured on their stationary spans, which hold most of their updates.
    expect(figures.steady_updates).toBeGreaterThan(100);
    // Paced at 80% of the peak measured just before each window: below that peak.
    expect(figures.steady_rate_per_s).toBeLessThan(figures.steady_peak_per_s);
    // The floor went through the same phase, at 80% of its own peak.
    expect(figures.floor_paced_rate_per_s).toBeLessThan(figures.floor_paced_peak_per_s);
    expect(figures.floor_paced_event_loop_busy).toBeGreaterThan(0);
    expect(figures.floor_paced_event_loop_busy).toBeLessThanOrEqual(1);
    // The 80% phase and the memory phase ran in processes of their own, with the V8 flags production uses.
    expect(figures.paced_node_flags).toEqual(productionFlags());
    // Its collections are counted over the same spans: the bot allocates, so some ran.
    expect(figures.paced_gc_paused_pct).toBeGreaterThan(0);
    expect(figures.paced_gc_paused_pct).toBeLessThan(100);
    expect(figures.paced_heap_limit_mb).toBeLessThan(400);
    expect(figures.heap_limit_mb).toBeLessThan(400);
    const table = printLoad(figures);
    for (const line of ["updates per second", "CPU ms per update", "p50 / p95 / p99 (ms)", "peak RSS (MB)", "full / floor", "at 80% of the peak", "of the thread's time", "full collections per 1,000 updates", "stationary spans", "the floor in the same turns", "guided check", "trends add", "production's heap limit"]) expect(table).toContain(line);
  });
});
