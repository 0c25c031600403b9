// Property-based: 10,000 generated updates (random texts, buttons, shapes, orders, across many
// chats) through the real bot in webhook mode, with Telegram answered by a local fake. The bot
// must never fail, answer every button, keep its memory bounded, and store nothing of what the
// generated people are or wrote.
import v8 from "node:v8";
import vm from "node:vm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { botConfig, startBot, WEBHOOK_SECRET, type RunningBot } from "../support/bot.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { openDatabase } from "../../src/db/client.js";
import { CALLBACK } from "../../src/bot/callbacks.js";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
/** The heap in use once garbage is collected. */
function liveHeap(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

const SEED = 20261128;
const RUNS = 50;
const UPDATES_PER_RUN = 200; // 50 × 200 = 10,000 updates

interface Person {
  id: number;
  name: string;
  username: string;
  languageCode: string;
}

// The people, made once from the seed: ids of 10 digits and names long enough that finding
// one in the database could not be chance.
const people: Person[] = fc.sample(
  fc.record({
    id: fc.integer({ min: 1_000_000_000, max: 8_999_999_999 }),
    name: fc.oneof(fc.stringMatching(/^[A-Z][a-z]{7,11}$/), fc.string({ unit: "grapheme", minLength: 8, maxLength: 20 })),
    username: fc.stringMatching(/^[a-z][a-z0-9_]{9,20}$/),
    languageCode: fc.constantFrom("en", "ro", "ru", "uk", "bg", "sq", "sr", "mk", "de", "hr", "", "xx-YY", "zh-hans"),
  }),
  { seed: SEED, numRuns: 40 },
).filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);

const VALID_BUTTONS = [
  CALLBACK.menu, CALLBACK.offer, CALLBACK.offerGuided, CALLBACK.offerPaste, CALLBACK.help, CALLBACK.rights, CALLBACK.beforeYouGo,
  CALLBACK.recruiter, CALLBACK.about, CALLBACK.language, CALLBACK.forgetAsk, CALLBACK.forgetYes, CALLBACK.forgetNo,
  "dst:DE", "dst:other", "sec:care", "ans:yes", "ans:no", "ans:unsure", "ans:back", "ans:yes:fee", "ans:unsure:passport", "ans:back:sector", "ans:unsure:pay", "ans:no:nothing", "rights:PL", "rt:DE:pay", "rt:XX:pay",
  "help:IT", "help:other", "agency:MD", "agency:DE", "lang:ro", "lang:xx", "sum:high:DE:3f", "sum:low:xx:0",
];
const COMMANDS = ["/start", "/menu", "/cancel", "/sos", "/help", "/privacy", "/forget", "/language", "/nonsense", "/start@before_you_go_test_bot"];
const odd = fc.string({ unit: fc.constantFrom("\u200b", "\u200e", "\u200f", "\u202e", "\u2066", "\ufeff", "a", "ب", "ж", " ", "\n"), maxLength: 60 });

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  { weight: 2, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("/start ", "/start c-", "/start c-fair26_l-"), fc.string({ maxLength: 70 })).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  { weight: 1, arbitrary: odd },
  { weight: 1, arbitrary: fc.string({ minLength: 4000, maxLength: 5000 }) },
  { weight: 1, arbitrary: fc.constantFrom("help", "SOS", "ajutor", "помогите", "1200 euro a month, 10 hours a day", "Лучше 5 евро в час, паспорт отдать агенту, выезд завтра!!! Звоните на WhatsApp") },
);
const callbackData = fc.oneof(fc.constantFrom(...VALID_BUTTONS), fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 100 }));

type Shape = { kind: string; person: number; payload: unknown };
const shape: fc.Arbitrary<Shape> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("text"), person: fc.nat(), payload: text }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("button"), person: fc.nat(), payload: callbackData }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom("sticker", "photo", "voice", "location", "contact", "document", "forward", "edited", "group", "channel", "inline", "group_button", "inline_button", "unknown"), person: fc.nat(), payload: fc.string({ unit: "grapheme", maxLength: 100 }) }) },
);

let updateId = 1;
let messageId = 1;
function toUpdate(s: Shape): Record<string, unknown> {
  const p = people[s.person % people.length]!;
  const from = { id: p.id, is_bot: false, first_name: p.name, username: p.username, ...(p.languageCode ? { language_code: p.languageCode } : {}) };
  const chat = { id: p.id, type: "private", first_name: p.name, username: p.username };
  const base = { message_id: messageId++, date: 1_795_000_000, chat, from };
  const body = String(s.payload);
  const entities = body.startsWith("/") ? [{ type: "bot_command", offset: 0, length: body.split(/\s/)[0]!.length }] : undefined;
  const update: Record<string, unknown> = { update_id: updateId++ };
  switch (s.kind) {
    case "text": update.message = { ...base, text: body, ...(entities ? { entities } : {}) }; break;
    case "button": update.callback_query = { id: `cb${updateId}`, from, chat_instance: "1", data: body, message: { message_id: Math.max(1, messageId - 3), date: 1, chat } }; break;
    case "sticker": update.message = { ...base, sticker: { file_id: "x", file_unique_id: "y", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }; break;
    case "photo": update.message = { ...base, photo: [{ file_id: "x", file_unique_id: "y", width: 1, height: 1 }], caption: body }; break;
    case "voice": update.message = { ...base, voice: { file_id: "x", file_unique_id: "y", duration: 3 } }; break;
    case "location": update.message = { ...base, location: { latitude: 52.5, longitude: 13.4 } }; break;
    case "contact": update.message = { ...base, contact: { phone_number: `+40${p.id}`, first_name: p.name, user_id: p.id } }; break;
    case "document": update.message = { ...base, document: { file_id: "x", file_unique_id: "y" }, caption: body }; break;
    case "forward": update.message = { ...base, text: body || "Job in Germany", forward_origin: { type: "user", date: 1, sender_user: { id: p.id + 1, is_bot: false, first_name: p.name } } }; break;
    case "edited": update.edited_message = { ...base, text: body, edit_date: 1_795_000_100 }; break;
    case "group": update.message = { ...base, chat: { id: -p.id, type: "group", title: p.name }, text: body }; break;
    case "channel": update.channel_post = { message_id: messageId, date: 1, chat: { id: -p.id, type: "channel", title: p.name }, text: body }; break;
    case "inline": update.inline_query = { id: `iq${updateId}`, from, query: body.slice(0, 256), offset: "" }; break;
    case "group_button": update.callback_query = { id: `cb${updateId}`, from, chat_instance: "2", data: "menu", message: { message_id: 1, date: 1, chat: { id: -p.id, type: "group", title: "g" } } }; break;
    case "inline_button": update.callback_query = { id: `cb${updateId}`, from, chat_instance: "3", data: "menu", inline_message_id: "abc" }; break;
    default: update.my_chat_member = { chat, from, date: 1, old_chat_member: { status: "member", user: from }, new_chat_member: { status: "kicked", user: from, until_date: 0 } };
  }
  return update;
}

describe("10,000 generated updates through the real bot", () => {
  let api: FakeBotApi;
  let database: TestDatabase;
  let bot: RunningBot;
  const logs: Record<string, unknown>[] = [];
  let now = Date.parse("2026-11-28T08:00:00Z");
  const clock = { now: () => new Date(now) };
  /** What the checks need of each delivered update, small: not the updates themselves. */
  const seen = { count: 0, buttons: [] as string[], privateChats: new Set<number>(), texts: [] as string[], statuses: new Set<number>() };

  beforeAll(async () => {
    api = await startFakeBotApi();
    api.record = false;
    database = await createTestDatabase("sqlite");
    const config = await botConfig({ apiRoot: api.apiRoot } as never, database.url, "webhook", { RATE_LIMIT_BURST: "10" });
    bot = await startBot(config, logs, clock);
  });
  afterAll(async () => {
    await bot?.stop();
    await api?.stop();
    await database?.drop();
  });

  async function deliver(update: Record<string, unknown>): Promise<void> {
    now += 1000; // a second between updates: the rate limit (its own tests) lets them all through
    remember(update);
    const response = await fetch(`http://127.0.0.1:${bot.port}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    seen.statuses.add(response.status);
  }

  function remember(u: Record<string, unknown>): void {
    seen.count++;
    const query = u.callback_query as { id: string; message?: { chat: { id: number; type: string } } } | undefined;
    if (query) seen.buttons.push(query.id);
    const message = (u.message ?? u.edited_message) as { chat: { id: number; type: string }; text?: string; caption?: string } | undefined;
    const chat = message?.chat ?? query?.message?.chat;
    if (chat?.type === "private") seen.privateChats.add(chat.id);
    for (const t of [message?.text, message?.caption]) if (typeof t === "string" && t.trim().length >= 16 && !t.startsWith("/")) seen.texts.push(t);
  }

  it("never fails, answers every button, writes only to who wrote, and stays within its memory bounds", { timeout: 600_000 }, async () => {
    let heapAfterFirstRun = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(shape, { minLength: UPDATES_PER_RUN, maxLength: UPDATES_PER_RUN }), async (shapes) => {
        // Up to 8 at once, in the generated order: the bot keeps each chat's updates in order itself.
        const queue = shapes.map(toUpdate);
        await Promise.all(Array.from({ length: 8 }, async () => {
          for (let u = queue.shift(); u; u = queue.shift()) await deliver(u);
        }));
        expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
        if (++runs === 1) {
          await bot.app.settled();
          heapAfterFirstRun = liveHeap();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    await bot.app.settled();
    expect(seen.count).toBe(RUNS * UPDATES_PER_RUN);
    expect(seen.statuses).toEqual(new Set([200]));
    // Every button answered, so none keeps spinning.
    expect(seen.buttons.length).toBeGreaterThan(1000);
    expect(seen.buttons.filter((id) => !api.answered.has(id))).toEqual([]);
    // The bot writes only to people who wrote to it, in their private chat: no broadcasts.
    expect(api.sentTo.size).toBeGreaterThan(10);
    expect([...api.sentTo].filter((chat) => !seen.privateChats.has(chat))).toEqual([]);
    // Memory: what the bot keeps is bounded, so 49 more runs leave the live heap where it was.
    await bot.app.flushTrends();
    expect(bot.app.stats().trends).toMatchObject({ pendingUpdates: 0, counters: 0 });
    expect(bot.app.stats().rateLimitedChats).toBeLessThanOrEqual(2 * people.length); // each person, and their group
    expect(liveHeap() - heapAfterFirstRun).toBeLessThan(30 * 1024 * 1024);
  });

  it("keeps nothing of who the generated people are or what they wrote", async () => {
    // Conversations still waiting hold what they need to replay (an ad being checked, say)
    // until they end: everyone ends them, as /cancel or a result would.
    for (const person of people) await deliver({ update_id: updateId++, message: { message_id: messageId++, date: 1, chat: { id: person.id, type: "private" }, from: { id: person.id, is_bot: false, first_name: person.name }, text: "/cancel", entities: [{ type: "bot_command", offset: 0, length: 7 }] } });
    await bot.app.flushTrends();
    const open = await openDatabase(database.url);
    const tables = await open.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'");
    let dump = "";
    for (const { name } of tables) dump += JSON.stringify(await open.db.$queryRawUnsafe(`SELECT * FROM "${name}"`), (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    await open.close();
    expect(dump.length).toBeGreaterThan(1000);
    for (const p of people) {
      expect(dump).not.toContain(String(p.id));
      expect(dump).not.toContain(p.username);
      if (p.name.trim().length >= 8) expect(dump).not.toContain(p.name);
    }
    const texts = seen.texts;
    expect(texts.length).toBeGreaterThan(100);
    // A text may sit in the dump as it is, or escaped once or twice (JSON inside a JSON column).
    const forms = (t: string) => [t, JSON.stringify(t).slice(1, -1), JSON.stringify(JSON.stringify(t)).slice(3, -3)];
    const leaked = texts.filter((t) => forms(t).some((form) => form.length >= 16 && dump.includes(form)));
    expect(leaked).toEqual([]);
  });
});
