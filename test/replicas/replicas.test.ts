// Three replicas in webhook mode on one PostgreSQL, fed by a driver that behaves like Telegram:
// a chat's updates strictly in order (the next only after the previous got 200), up to 100
// connections at once, spread over the replicas, retried elsewhere on an error or a timeout.
// Mid-run, one replica is killed (SIGKILL) and replaced, Telegram throttles with 429, the
// database is unreachable for 20 seconds (cut just after a commit went out, unanswered), and a
// replica is stopped with SIGTERM. Every conversation must still reach its result and every
// counter must be exact.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startDatabaseProxy, type DatabaseProxy } from "../support/db-proxy.js";
import { createTranslations } from "../../src/i18n/index.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { freePort } from "../support/ports.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";
import { parseCallback } from "../../src/bot/callbacks.js";
import { flowOf, nextUpdate, type Flow } from "../../bench/load.js";
import { productionFlags } from "../../bench/run-load.js";

const CHATS = Number(process.env.REPLICA_CHATS ?? 1000);
const CONNECTIONS = 100;
const SECRET = "replica_webhook_secret_0123456789";
const OUTAGE_MS = 20_000;
const ro = createTranslations().t("ro");
/** What the bot says in Romanian (the test people's language) when it cannot reach its memory. */
const TRY_AGAIN = ro("errors.database");
/** The line above what the bot shows again when a button of an earlier message is tapped. */
const EARLIER = `${ro("unknown.button")}\n\n`;
/** The line above the question when a text comes while it waits for a button. */
const REMINDER = `${ro("offer.answer_with_buttons")}\n\n`;

interface Replica {
  child: ChildProcess;
  port: number;
  exited: Promise<number>;
}

async function startReplica(api: FakeBotApi, databaseUrl: string): Promise<Replica> {
  const port = await freePort();
  // Started as `npm start` starts the bot, with production's V8 flags.
  const child = spawn(process.execPath, [...productionFlags(), "--import", "tsx", "src/main.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      BOT_TOKEN: "42:replicas",
      TELEGRAM_API_ROOT: api.apiRoot,
      DATABASE_URL: databaseUrl,
      BOT_MODE: "webhook",
      WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
      WEBHOOK_SECRET: SECRET,
      SESSION_SECRET: "replicas-share-this-session-secret-0123456789",
      HOST: "127.0.0.1",
      PORT: String(port),
      RATE_LIMIT_BURST: "100000",
      TRENDS_FLUSH_SECONDS: "1",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit").then(([code]) => code as number);
  const lines = readline.createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    lines.on("line", (line) => (JSON.parse(line) as { msg: string }).msg === "bot started" && resolve());
    void exited.then((code) => reject(new Error(`replica exited with ${code}`)));
  });
  return { child, port, exited };
}

describe(`${CHATS} chats through three replicas on one PostgreSQL, with a replica killed, Telegram throttling, the database away and a replica stopped`, () => {
  let api: FakeBotApi;
  let database: TestDatabase;
  let proxy: DatabaseProxy;
  let replicas: Replica[] = [];
  const statuses = new Map<number, number>();
  const results = new Map<number, { flow: Flow; risk: string; country: string | null; signs: string[] }>();

  beforeAll(async () => {
    api = await startFakeBotApi();
    api.record = false;
    api.trackButtons = true;
    // A person has their result once the bot has shown it, even if a later screen covers it.
    api.onButtons = (chat, buttons) => {
      const parsed = parseCallback(buttons.find((b) => b.startsWith("sum:")));
      if (parsed?.kind === "summary") results.set(chat, { flow: flowOf(chat - chatOf(0)), risk: parsed.risk, country: parsed.country, signs: parsed.signs });
    };
    database = await createTestDatabase("postgres");
    await migrate(database.url);
    // The replicas reach the database through a proxy the test can cut, as a network fault would.
    proxy = await startDatabaseProxy(database.url);
    replicas = await Promise.all([0, 1, 2].map(() => startReplica(api, proxy.url)));
  }, 120_000);
  afterAll(async () => {
    for (const r of replicas) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    await api?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  let sent = 0;
  /** Set while the database is unreachable; resolves when it is back. */
  let outage: Promise<void> | undefined;
  let outages = 0;
  /** Statuses of requests sent while the database was unreachable (503 is allowed there). */
  const outageStatuses = new Map<number, number>();
  /** Replicas that refused a connection: the load balancer's health check takes them out. */
  const down = new Set<Replica>();
  /** Posts an update as Telegram does, to the next replica; on an error or timeout, to another. */
  async function deliver(update: Update): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const up = replicas.filter((r) => !down.has(r));
      const replica = up[sent++ % up.length]!;
      const [wasOut, outagesBefore] = [outage !== undefined, outages];
      try {
        const response = await fetch(`http://127.0.0.1:${replica.port}/telegram/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(30_000),
        });
        const duringOutage = wasOut || outage !== undefined || outages !== outagesBefore;
        const tally = duringOutage ? outageStatuses : statuses;
        tally.set(response.status, (tally.get(response.status) ?? 0) + 1);
        if (response.ok) return;
      } catch (error) {
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
        if (String((error as Error).cause).includes("ECONNREFUSED")) down.add(replica);
      }
    }
    throw new Error(`update ${update.update_id} was never accepted`);
  }

  /** Each simulated person's own chat. */
  const chatOf = (person: number) => 7_700_000_000 + person;

  let retapId = 9_000_000_000;
  /** How many times someone was asked to try again in a minute, and did. */
  let triedAgain = 0;
  /**
   * Counts beyond each flow's own, as the bot's answers show them: a tap on a button of an
   * earlier message, an ad sent again while a question waits (see the try-again loop below).
   */
  const extra = new Map<string, number>();
  /** Each of them, named, for the message of a failed count. */
  const offPath: string[] = [];
  /** Those not after a try-again: a reply lost or late can leave someone on an old screen, rarely. */
  let offPathInFlow = 0;
  function tally(person: number, update: Update, retap: boolean): void {
    const answer = api.lastText.get(chatOf(person));
    const counted = answer?.startsWith(EARLIER) ? "invalid:button" : answer?.startsWith(REMINDER) ? "invalid:reminder" : undefined;
    if (!counted) return;
    extra.set(counted, (extra.get(counted) ?? 0) + 1);
    offPath.push(`person ${person} ${retap ? "tried again" : "went on"} with ${update.callback_query?.data ?? "a text"}: ${counted}`);
    if (!retap) offPathInFlow++;
  }

  async function converse(i: number): Promise<void> {
    const chat = chatOf(i);
    const flow = flowOf(i);
    for (let step = 0; step < 60 && !results.has(chat); step++) {
      const buttons = api.lastButtons.get(chat) ?? [];
      const update = nextUpdate(flow, chat, step, buttons);
      if (!update) return;
      await deliver(update);
      tally(i, update, false);
      // Asked to try again in a minute, a person waits, then taps the same button (or sends the
      // same text) again: a new update, from the screen they had.
      while (api.lastText.get(chat) === TRY_AGAIN) {
        triedAgain++;
        await outage;
        api.lastButtons.set(chat, buttons);
        api.lastText.delete(chat);
        await deliver({ ...update, update_id: retapId++ });
        // When the database went away between saving a step and saying so, the step was kept,
        // and the bot is one screen further than the person's: the tap is from an earlier
        // message (the bot shows where they are, or the menu after a result), or the ad comes
        // again while a question waits (a reminder).
        tally(i, update, true);
      }
    }
  }

  it("takes every conversation to its result, with no server error, and counts exactly — through a kill, a throttle, an outage and a stop", { timeout: 600_000 }, async () => {
    const queue = Array.from({ length: CHATS }, (_x, i) => i);
    let stopped: Promise<{ code: number; seconds: number }> | undefined;
    let replacement: Promise<void> | undefined;
    let outageDone: Promise<void> | undefined;
    const killed = replicas[1]!;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        // At 15%, the second replica dies at once (SIGKILL), mid-update; its supervisor starts another.
        if (i === Math.floor(CHATS * 0.15)) {
          killed.child.kill("SIGKILL");
          replacement = startReplica(api, proxy.url).then((r) => void replicas.push(r));
        }
        // At 25%, Telegram answers the next 60 messages with 429, retry after 1 s.
        if (i === Math.floor(CHATS / 4)) api.throttleNext(60, 1);
        // At 40%, the database becomes unreachable for 20 seconds, just after a commit that
        // saved chats went through: their replica never hears it did.
        if (i === Math.floor(CHATS * 0.4)) {
          proxy.cut({ afterCommit: true });
          outages++;
          outage = new Promise<void>((resolve) => setTimeout(resolve, OUTAGE_MS));
          outageDone = outage.then(() => {
            proxy.restore();
            outage = undefined;
          });
        }
        // At 70%, a deploy stops the third replica with SIGTERM, under full load.
        if (i === Math.floor(CHATS * 0.7) && !stopped) {
          const started = Date.now();
          replicas[2]!.child.kill("SIGTERM");
          stopped = replicas[2]!.exited.then((code) => ({ code, seconds: (Date.now() - started) / 1000 }));
        }
        await converse(i);
      }
    }));
    await replacement;
    await outageDone;
    // The killed replica dropped the requests it was handling (status 0 here): they were sent
    // again to the others, which handled them afresh, since nothing of them had been committed.
    expect(killed.child.signalCode).toBe("SIGKILL");
    expect(statuses.get(0)).toBeGreaterThan(0);
    // While the database was away, people were asked to try again in a minute, and they did.
    expect(triedAgain).toBeGreaterThan(0);
    expect(proxy.commitsUnanswered).toBe(1);
    // Off the path without being asked to try again: rare, or the bot refuses taps it should take.
    expect(offPathInFlow, offPath.join("\n")).toBeLessThanOrEqual(CHATS / 100);
    // The only server error allowed is a 503 for an update whose changes could not be saved
    // while the database was away: Telegram sends it again.
    expect([...outageStatuses.keys()].filter((s) => s !== 200 && s !== 0 && s !== 503)).toEqual([]);
    // Every 429 was waited out and retried: all conversations still reached their results (below).
    expect(api.throttled).toBe(60);
    // It finished what it was handling, wrote its counters and left in time; the others took over.
    const stop = await stopped!;
    expect(stop.code).toBe(0);
    expect(stop.seconds).toBeLessThan(10);
    // A request to the stopping replica may be refused (connection closed: status 0 here) and
    // is sent again to another, as Telegram would; none gets a 5xx.
    expect([...statuses.keys()].filter((s) => s !== 200 && s !== 0)).toEqual([]);
    const offerChecks = Array.from({ length: CHATS }, (_x, i) => flowOf(i)).filter((f) => f === "guided" || f === "paste").length;
    // Anyone who did not reach their result is named, with the last thing the bot showed them.
    const missing = Array.from({ length: CHATS }, (_x, i) => ({ person: i, chat: chatOf(i), flow: flowOf(i) }))
      .filter((p) => (p.flow === "guided" || p.flow === "paste") && !results.has(p.chat))
      .map((p) => ({ ...p, lastText: api.lastText.get(p.chat)?.slice(0, 120), buttons: api.lastButtons.get(p.chat) }));
    expect(missing).toEqual([]);
    expect(results.size).toBe(offerChecks);
    for (const r of results.values()) if (r.flow === "guided") expect(r.country).toBe("DE");

    // Stopping writes what each replica still buffers.
    const running = replicas.filter((r) => r !== killed && r !== replicas[2]);
    for (const r of running) r.child.kill("SIGTERM");
    expect(await Promise.all([...running, replicas[2]!].map((r) => r.exited))).toEqual([0, 0, 0]);

    const expected = new Map<string, number>();
    const add = (metric: string, value: string) => expected.set(`${metric}:${value}`, (expected.get(`${metric}:${value}`) ?? 0) + 1);
    for (let i = 0; i < CHATS; i++) {
      const flow = flowOf(i);
      const result = results.get(chatOf(i));
      add("start", "plain");
      if (flow === "guided" || flow === "paste") {
        const name = flow === "guided" ? "offer_guided" : "offer_text";
        add("flow_started", name);
        add("flow_finished", name);
        if (result!.country) add("destination", result!.country);
        add("band", result!.risk);
        for (const sign of result!.signs) add("sign", sign);
      } else if (flow === "rights") {
        add("flow_started", "rights");
        add("flow_finished", "rights");
        add("destination", "DE");
        add("topic", "pay");
        add("topic", "hours");
      } else {
        add("flow_started", "sos");
        add("flow_finished", "help");
        add("destination", "DE");
      }
    }
    for (const [key, n] of extra) expected.set(key, (expected.get(key) ?? 0) + n);
    const open = await openDatabase(database.url);
    const rows = await open.db.counter.groupBy({ by: ["metric", "value"], where: { metric: { not: "people" } }, _sum: { count: true } });
    await open.close();
    const actual = new Map(rows.map((r) => [`${r.metric}:${r.value}`, r._sum.count ?? 0]));
    expect(Object.fromEntries([...actual].sort()), `off the flows' path:\n${offPath.join("\n")}`).toEqual(Object.fromEntries([...expected].sort()));
  });
});
