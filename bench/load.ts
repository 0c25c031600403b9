// The load harness: simulated people in distinct chats go through a realistic mix of flows
// (60% guided offer checks to the result, 20% pasted ads, 15% rights, 5% help and SOS) against
// the real bot, in-process, on the real database, with Telegram answered by a local fake at the
// HTTP level. The same updates then go through a floor: a bare grammY bot with the same session
// storage that reads and writes its session and sends one message per update.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { Bot, session, type Context, type SessionFlavor } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import pino from "pino";
import { assembleBot } from "../src/bot/assemble.js";
import { createInFlight } from "../src/bot/in-flight.js";
import { createRateLimiter } from "../src/bot/rate-limit.js";
import { createTrends, noRecorder, type Trends } from "../src/analytics/trends.js";
import { createChatStateStorage, systemClock } from "../src/session/storage.js";
import { chatKey } from "../src/session/keys.js";
import type { OpenDatabase } from "../src/db/client.js";
import type { Telegram } from "./telegram.js";

export const BOT_INFO: UserFromGetMe = {
  id: 42, is_bot: true, first_name: "Before You Go", username: "before_you_go_test_bot",
  can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: true,
  can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;
const TOKEN = "42:bench";
const SECRET = "bench-session-secret-0123456789abcdef";

export interface Handler {
  handle(update: Update): Promise<void>;
  stop(): Promise<void>;
}

/** The real bot, as app.ts assembles it; trends on or off (to measure what they cost). */
export async function fullBot(database: OpenDatabase, api: { apiRoot: string }, withTrends = true): Promise<Handler> {
  const logger = pino({ level: "silent" });
  const trends = withTrends
    ? createTrends({ db: database.db, sql: database.sql, provider: database.provider, clock: systemClock, logger, flushEveryMs: 5000, retentionMonths: 24 })
    : disabledTrends();
  await trends.start();
  const { bot } = await assembleBot(
    { botToken: TOKEN, apiRoot: api.apiRoot, sessionSecret: SECRET, publisher: undefined },
    { db: database.db, sql: database.sql, provider: database.provider, clock: systemClock, logger, inFlight: createInFlight(), rateLimiter: createRateLimiter(systemClock, { burst: 1e9, perSecond: 1e9 }), trends, botInfo: BOT_INFO },
  );
  return { handle: (u) => bot.handleUpdate(u), stop: () => trends.stop() };
}

function disabledTrends(): Trends {
  return {
    recorder: () => noRecorder,
    see: () => undefined,
    campaigns: { has: () => false } as unknown as Trends["campaigns"],
    writeNow: async () => [],
    keep: () => undefined,
    release: () => undefined,
    flush: async () => true,
    purge: async () => ({ counters: 0, seen: 0 }),
    start: async () => undefined,
    stop: async () => undefined,
    stats: () => ({ pendingUpdates: 0, counters: 0, flushFailures: 0 }),
  };
}

/** The floor: the unavoidable work of a bot with sessions — read, write, one message. */
export function floorBot(database: OpenDatabase, api: { apiRoot: string }): Handler {
  type C = Context & SessionFlavor<{ n?: number }>;
  const bot = new Bot<C>(TOKEN, { client: { apiRoot: api.apiRoot }, botInfo: BOT_INFO });
  bot.use(
    session({
      initial: () => ({}),
      getSessionKey: (ctx) => (ctx.chatId === undefined ? undefined : `s:${chatKey(SECRET, ctx.chatId)}`),
      storage: createChatStateStorage<{ n?: number }>(database.sql, database.provider, systemClock),
    }),
  );
  bot.use(async (ctx) => {
    ctx.session.n = (ctx.session.n ?? 0) + 1;
    await ctx.reply("ok");
  });
  return { handle: (u) => bot.handleUpdate(u), stop: async () => undefined };
}

// ---- people and their updates ----

const AD = (JSON.parse(fs.readFileSync("test/corpus/ads.json", "utf8")) as { text: string; legit: boolean }[]).filter((a) => !a.legit).map((a) => a.text);
let updateId = 1;
let messageId = 1;

const message = (chat: number, text: string): Update =>
  ({
    update_id: updateId++,
    message: {
      message_id: messageId++, date: 1_795_000_000, chat: { id: chat, type: "private", first_name: "P" }, from: { id: chat, is_bot: false, first_name: "P", language_code: "ro" }, text,
      ...(text.startsWith("/") ? { entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0]!.length }] } : {}),
    },
  }) as Update;
const tap = (chat: number, data: string): Update =>
  ({
    update_id: updateId++,
    callback_query: { id: String(updateId), chat_instance: "1", data, from: { id: chat, is_bot: false, first_name: "P", language_code: "ro" }, message: { message_id: messageId, date: 1, chat: { id: chat, type: "private", first_name: "P" } } },
  }) as Update;

/**
 * What one person sent, kept to replay it through the floor: their chat, and for each update
 * whether it was a tap (1) or a message (0) and the tap's data or the message's text. Only
 * numbers and strings the mix already has are kept. Until session 17 every update object was
 * kept alive until the replay: eight objects an update, which outlived the bot's young
 * collections and were promoted in the bot's measured windows (a third of a million objects
 * after 3,000 people, more than the bot's own live heap) — work production never does, and
 * the floor's replay, which got those objects ready-made, never did (docs/performance.md,
 * item 37). The replay now makes each update as it sends it, as the driver does.
 */
export interface Sent {
  chat: number;
  taps: number[];
  payloads: string[];
}

const record = (sent: Sent, update: Update) => {
  const data = update.callback_query?.data;
  sent.taps.push(data === undefined ? 0 : 1);
  sent.payloads.push(data ?? update.message?.text ?? "");
};

/** Update `k` of what a person sent, made afresh. */
const resend = (sent: Sent, k: number): Update | undefined => {
  const payload = sent.payloads[k];
  if (payload === undefined) return undefined;
  return sent.taps[k] === 1 ? tap(sent.chat, payload) : message(sent.chat, payload);
};

/** How many updates they sent, all together. */
export const updateCount = (sequences: Sent[]) => sequences.reduce((sum, s) => sum + s.payloads.length, 0);

export type Flow = "guided" | "paste" | "rights" | "help";
/** The mix: 60% guided checks, 20% pasted ads, 15% rights, 5% help and SOS. */
export const flowOf = (i: number): Flow => (i % 20 < 12 ? "guided" : i % 20 < 16 ? "paste" : i % 20 < 19 ? "rights" : "help");

/** "Not sure" under the question on screen (it carries the question's id). */
const notSure = (buttons: string[]) => buttons.find((b) => b.startsWith("ans:unsure")) ?? "ans:unsure";

/** A person's next update, given the buttons under the bot's last message; undefined when done. */
export function nextUpdate(flow: Flow, chat: number, step: number, buttons: string[]): Update | undefined {
  const done = buttons.some((b) => b.startsWith("sum:"));
  if (step === 0) return message(chat, "/start");
  switch (flow) {
    case "guided":
      if (done) return undefined;
      if (step === 1) return tap(chat, "menu:offer");
      if (step === 2) return tap(chat, "offer:guided");
      if (buttons.includes("dst:DE")) return tap(chat, "dst:DE");
      if (buttons.some((b) => b.startsWith("sec:"))) return tap(chat, "sec:care");
      return tap(chat, notSure(buttons));
    case "paste":
      if (done) return undefined;
      if (step === 1) return tap(chat, "menu:offer");
      if (step === 2) return tap(chat, "offer:paste");
      if (step === 3) return message(chat, AD[chat % AD.length]!);
      return tap(chat, notSure(buttons));
    case "rights":
      return [undefined, tap(chat, "menu:rights"), tap(chat, "rights:DE"), tap(chat, "rt:DE:pay"), tap(chat, "rt:DE:hours")][step];
    case "help":
      return [undefined, message(chat, "/sos"), tap(chat, "help:DE")][step];
  }
}

// ---- measuring ----

export interface RunFigures {
  updates: number;
  seconds: number;
  updatesPerS: number;
  p50: number;
  p95: number;
  p99: number;
  cpuMsPerUpdate: number;
  /** What the figures came from, so that runs can be put together (`combine`). */
  latencies: number[];
  cpuMicros: number;
}

/** Bytes as megabytes (10^6), the unit every memory figure of the benchmark is printed in. */
export const mb = (bytes: number) => Math.round(bytes / 1e6);

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export function figures(latencies: number[], seconds: number, cpuMicros: number): RunFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    updates: latencies.length,
    seconds,
    updatesPerS: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    cpuMsPerUpdate: cpuMicros / 1000 / latencies.length,
    latencies,
    cpuMicros,
  };
}

/** Several runs as one: all their updates, their time and CPU added up. */
export function combine(runs: RunFigures[]): RunFigures {
  return figures(runs.flatMap((r) => r.latencies), runs.reduce((sum, r) => sum + r.seconds, 0), runs.reduce((sum, r) => sum + r.cpuMicros, 0));
}

const cpuMicros = (usage: NodeJS.CpuUsage) => usage.user + usage.system;

/** Called when a run's stationary span starts and ends (see `drive`). */
export interface SpanMarks {
  start(): void;
  end(): void;
}

/** What a run of `lanes` gives: its figures over the whole run and over its stationary span. */
export interface LaneFigures {
  run: RunFigures;
  steady: RunFigures;
  sent: Sent[];
  stepCost: number[][];
  results: number;
}

/**
 * Each person's updates run in order; `concurrency` people at once. Returns the updates sent,
 * per person, and the figures of the whole run and of its stationary span: the first
 * `concurrency` people all start at the same instant, at their first step, so until the last
 * of them is done the mix is not the one real traffic has (the short flows, whose updates
 * cost more, all come first); after the last person has been taken, fewer people are left
 * and only long flows. The span runs from the one moment to the other (empty if they cross).
 */
export function drive(handler: Handler, api: Telegram, people: number[], concurrency: number, pace?: () => Promise<void>, marks?: SpanMarks): Promise<LaneFigures> {
  return lanes(handler, people.length, concurrency, {
    chat: (i) => people[i]!,
    next: (i, step) => {
      const chat = people[i]!;
      const buttons = api.buttons(chat);
      const update = step > 60 ? undefined : nextUpdate(flowOf(i), chat, step, buttons);
      return { update, result: buttons.some((b) => b.startsWith("sum:")) };
    },
    done: (i) => api.forget(people[i]!),
    guided: (i) => flowOf(i) === "guided",
    pace,
    marks,
  });
}

/** The same updates again, through another handler (the floor), in the same order per person. */
export async function replay(handler: Handler, sequences: Sent[], concurrency: number): Promise<RunFigures> {
  return (await replayPaced(handler, sequences, concurrency)).run;
}

/** `replay`, paced or not, with the figures of its stationary span as `drive` gives them. */
export function replayPaced(handler: Handler, sequences: Sent[], concurrency: number, pace?: () => Promise<void>, marks?: SpanMarks): Promise<LaneFigures> {
  return lanes(handler, sequences.length, concurrency, { chat: (i) => sequences[i]!.chat, next: (i, step) => ({ update: resend(sequences[i]!, step), result: false }), pace, marks });
}

interface Lanes {
  /** Person `i`'s chat. */
  chat(i: number): number;
  /** Person `i`'s update at `step` (undefined when they are done), and whether the bot's last message showed a result. */
  next(i: number, step: number): { update: Update | undefined; result: boolean };
  done?(i: number): void;
  /** Whose step costs to keep (the guided checks'). */
  guided?(i: number): boolean;
  pace?: (() => Promise<void>) | undefined;
  marks?: SpanMarks | undefined;
}

async function lanes(handler: Handler, count: number, concurrency: number, source: Lanes): Promise<LaneFigures> {
  const { pace, marks } = source;
  const latencies: number[] = [];
  const starts: number[] = [];
  const sent: Sent[] = [];
  const stepCost: number[][] = [];
  let results = 0;
  const queue = Array.from({ length: count }, (_p, i) => i);
  let firstLeft = Math.min(concurrency, count);
  const span = { from: Infinity, to: Infinity, cpu: process.cpuUsage(), cpuMicros: 0 };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        if (queue.length === 0 && span.to === Infinity) {
          span.to = performance.now();
          if (span.from !== Infinity) {
            span.cpuMicros = cpuMicros(process.cpuUsage(span.cpu));
            marks?.end();
          }
        }
        const mine: Sent = { chat: source.chat(i), taps: [], payloads: [] };
        const costs: number[] = [];
        for (let step = 0; ; step++) {
          const { update, result } = source.next(i, step);
          if (result) results++;
          if (!update) break;
          if (pace) await pace();
          const start = performance.now();
          await handler.handle(update);
          const took = performance.now() - start;
          latencies.push(took);
          starts.push(start);
          costs.push(took);
          record(mine, update);
        }
        source.done?.(i);
        sent[i] = mine;
        if (source.guided?.(i)) stepCost.push(costs);
        if (i < concurrency && --firstLeft === 0 && span.to === Infinity) {
          span.from = performance.now();
          span.cpu = process.cpuUsage();
          marks?.start();
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const inSpan = latencies.filter((_l, k) => starts[k]! >= span.from && starts[k]! < span.to);
  return {
    run: figures(latencies, seconds, cpuMicros(process.cpuUsage(cpu0))),
    steady: figures(inSpan, Math.max(0, span.to - span.from) / 1000, span.cpuMicros),
    sent,
    stepCost,
    results,
  };
}

/** A pace of `rate` updates a second, shared by everyone (an open loop, as real traffic is). */
export function pacer(rate: number): () => Promise<void> {
  const interval = 1000 / rate;
  let next = performance.now();
  return () => {
    next = Math.max(next + interval, performance.now() - 50 * interval);
    const wait = next - performance.now();
    return wait > 1 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
}
