// Anonymous trends, end to end: people use the bot over HTTP, and the counters then say
// exactly what they did (before suppression) and the dashboard says it after suppression.
import { beforeAll, describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import type { BotMessage, TestUser } from "../support/telegram.js";
import { addAccount, signIn, type Browserless } from "../support/dashboard.js";
import { createTranslations } from "../../src/i18n/index.js";
import { openDatabase } from "../../src/db/client.js";
import { parseCallback } from "../../src/bot/callbacks.js";
import { shown, suppressSeries } from "../../src/analytics/suppress.js";
import type { Kind } from "../support/databases.js";

const t = createTranslations();
const ro = t.t("ro");
const en = t.t("en");
const ru = t.t("ru");
const uk = t.t("uk");
const bg = t.t("bg");

const TODAY = "2026-11-28";
const clock = { now: () => new Date(`${TODAY}T12:00:00Z`) };

const FEE_AD = `🇩🇪 GERMANIA – lucru la fabrică de ambalaje
Salariu 2.200 € net pe lună, 8 ore pe zi, 5 zile
Taxa de înscriere 200 euro, se achită înainte de plecare
Firma ProPack GmbH, www.propack.example`;

type Dims = { campaign?: string; language: string; destination?: string };
/** What the test expects the counters to hold, built as the users act. */
class Expected {
  readonly counts = new Map<string, number>();
  add(metric: string, value: string, dims: Dims, n = 1): void {
    const key = [TODAY, dims.campaign ?? "none", dims.language, dims.destination ?? "none", metric, value].join("|");
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  sum(match: (key: string[]) => boolean): number {
    return [...this.counts].filter(([k]) => match(k.split("|"))).reduce((s, [, n]) => s + n, 0);
  }
}

/** Taps "not sure" (or the given choices) until the result comes; returns what it showed. */
async function toResult(user: TestUser, notSure: string, choose: (m: BotMessage) => string | undefined = () => undefined) {
  for (;;) {
    const reply = await user.nextReply();
    const summary = reply.buttons.find((b) => b.data.startsWith("sum:"));
    if (summary) {
      const parsed = parseCallback(summary.data);
      if (parsed?.kind !== "summary") throw new Error("bad summary button");
      return parsed;
    }
    const data = choose(reply);
    if (data) await user.tapData(reply.messageId, data);
    else await user.tap(reply, notSure);
  }
}

describe.each<[Kind, "polling" | "webhook"]>([
  ["sqlite", "polling"],
  ["postgres", "webhook"],
])("trends on %s in %s mode", (kind, mode) => {
  const suite = useBot(kind, mode, { clock });
  const expected = new Expected();
  /** Who used the bot and what they typed: none of it may end up in the database. */
  const identities: string[] = [];
  const typed: string[] = [FEE_AD, "hello?", "/start c-fair26_l-ro_d-DE"];
  const person = (languageCode: string) => {
    const n = identities.length;
    const chatId = 7_305_000_000 + n * 7919;
    const firstName = `Mirela${String.fromCharCode(65 + (n % 26))}${n}Codreanu`;
    identities.push(String(chatId), firstName, `tester${chatId}`);
    return suite.telegram.user({ languageCode, chatId, firstName });
  };
  let admin: Browserless;
  let base: string;

  beforeAll(async () => {
    base = `http://127.0.0.1:${suite.bot.port}`;
    await addAccount(suite.database.url, "admin.ngo", "admin");
    admin = await signIn(base, "admin.ngo");
    const created = await admin.post("/dashboard/campaigns", { code: "fair26", label: "Job fair, Chisinau", language: "ro", destination: "DE" });
    expect(created.status).toBe(200);
  });

  it("counts what people do, exactly", async () => {
    // Twelve people come from the campaign's leaflet and forward the same ad.
    for (let i = 0; i < 12; i++) {
      const user = person("en");
      await user.send("/start c-fair26_l-ro_d-DE");
      await user.nextReply();
      const dims = { campaign: "fair26", language: "ro", destination: "DE" };
      expected.add("people", "all", { campaign: "fair26", language: "ro" });
      expected.add("start", "link", dims);
      await user.forward(FEE_AD);
      expected.add("flow_started", "offer_text", dims);
      expected.add("destination", "DE", dims);
      const result = await toResult(user, ro("buttons.not_sure"));
      expect(result.country).toBe("DE");
      expected.add("flow_finished", "offer_text", dims);
      expected.add("band", result.risk, dims);
      for (const sign of result.signs) expected.add("sign", sign, dims);
    }

    // A guided check for Italy.
    const guided = person("en");
    expected.add("people", "all", { language: "en" });
    await guided.fromMenu(en("buttons.offer"));
    const choice = await guided.nextReply();
    await guided.tap(choice, en("buttons.offer_questions"));
    await guided.nextReply();
    await guided.tap(choice, en("buttons.offer_questions")); // tapped twice on a slow phone: one check
    expected.add("flow_started", "offer_guided", { language: "en" });
    const result = await toResult(guided, en("buttons.not_sure"), (m) => m.buttons.find((b) => b.data === "dst:IT" || b.data.startsWith("sec:"))?.data);
    expect(result.country).toBe("IT");
    const italy = { language: "en", destination: "IT" };
    expected.add("destination", "IT", italy);
    expected.add("flow_finished", "offer_guided", italy);
    expected.add("band", result.risk, italy);
    for (const sign of result.signs) expected.add("sign", sign, italy);

    // Three read their rights in Germany.
    for (let i = 0; i < 3; i++) {
      const user = person("en");
      expected.add("people", "all", { language: "en" });
      await user.fromMenu(en("buttons.rights"));
      await user.tap(await user.nextReply(), en("countries.DE"));
      await user.tap(await user.nextReply(), en("rights_topics.pay"));
      await user.nextReply();
      expected.add("flow_started", "rights", { language: "en" });
      expected.add("destination", "DE", { language: "en", destination: "DE" });
      expected.add("flow_finished", "rights", { language: "en", destination: "DE" });
      expected.add("topic", "pay", { language: "en", destination: "DE" });
    }

    // Two ask for help in Germany; one uses SOS and then says they are in Poland.
    for (let i = 0; i < 2; i++) {
      const user = person("ru");
      expected.add("people", "all", { language: "ru" });
      await user.fromMenu(ru("buttons.help"));
      await user.tap(await user.nextReply(), ru("countries.DE"));
      await user.nextReply();
      expected.add("flow_started", "help", { language: "ru" });
      expected.add("destination", "DE", { language: "ru", destination: "DE" });
      expected.add("flow_finished", "help", { language: "ru", destination: "DE" });
    }
    const sos = person("uk");
    expected.add("people", "all", { language: "uk" });
    await sos.send("/sos");
    await sos.tap(await sos.nextReply(), uk("countries.PL"));
    await sos.nextReply();
    expected.add("flow_started", "sos", { language: "uk" });
    expected.add("destination", "PL", { language: "uk", destination: "PL" });
    expected.add("flow_finished", "help", { language: "uk", destination: "PL" });

    // The recruiter check for Bulgaria, the checklist, a shared help card.
    const recruiter = person("bg");
    expected.add("people", "all", { language: "bg" });
    await recruiter.fromMenu(bg("buttons.recruiter"));
    await recruiter.tap(await recruiter.nextReply(), bg("countries.BG"));
    await recruiter.nextReply();
    expected.add("flow_started", "recruiter", { language: "bg" });
    expected.add("origin", "BG", { language: "bg" });
    expected.add("flow_finished", "recruiter", { language: "bg" });

    const before = person("en");
    expected.add("people", "all", { language: "en" });
    await before.fromMenu(en("buttons.before_go"));
    await before.nextReply();
    expected.add("flow_started", "before_go", { language: "en" });
    expected.add("flow_finished", "before_go", { language: "en" });

    const sharer = person("sq");
    const answered = suite.telegram.calls.filter((c) => c.method === "answerInlineQuery").length;
    await sharer.inlineQuery("germ");
    await suite.telegram.until(() => suite.telegram.calls.filter((c) => c.method === "answerInlineQuery").length > answered);
    expected.add("flow_started", "inline_share", { language: "sq" });
    expected.add("flow_finished", "inline_share", { language: "sq" });

    // Someone types what the bot cannot use, taps a button it never made, and switches language.
    const lost = person("en");
    expected.add("people", "all", { language: "en" });
    await lost.send("hello?");
    const menu = await lost.nextReply();
    expected.add("invalid", "message", { language: "en" });
    await lost.tapData(menu.messageId, "zzz:nothing");
    expected.add("invalid", "button", { language: "en" });
    await lost.send("/language");
    await lost.tap(await lost.nextReply(), ro("language.name"));
    await lost.nextReply();
    expected.add("language", "ro", { language: "ro" });

    await suite.bot.app.flushTrends();
    const database = await openDatabase(suite.database.url);
    const rows = await database.db.counter.findMany();
    await database.close();
    const actual = new Map(rows.map((r) => [[r.day, r.campaign, r.language, r.destination, r.metric, r.value].join("|"), r.count]));
    expect(Object.fromEntries([...actual].sort())).toEqual(Object.fromEntries([...expected.counts].sort()));
  });

  // Only webhooks can be delivered twice with the same update id; polling never does that.
  it.skipIf(mode !== "webhook")("counts an update Telegram delivers twice only once, in sequence or at the same time", async () => {
    const url = `http://127.0.0.1:${suite.bot.port}/telegram/webhook`;
    const post = (updateId: number, chatId: number) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "test_webhook_secret_0123456789" },
        body: JSON.stringify({
          update_id: updateId,
          message: { message_id: 1, date: 1, chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "Radmila", username: "radmila_r", language_code: "sr" }, text: "/sos", entities: [{ type: "bot_command", offset: 0, length: 4 }] },
        }),
      });
    identities.push("7305999111", "7305999222", "Radmila", "radmila_r");
    await post(990001, 7305999111);
    await post(990001, 7305999111);
    await Promise.all([post(990002, 7305999222), post(990002, 7305999222)]);
    await suite.bot.app.flushTrends();
    const database = await openDatabase(suite.database.url);
    const sos = await database.db.counter.findMany({ where: { metric: "flow_started", value: "sos", language: "sr" } });
    await database.close();
    expect(sos.reduce((s, r) => s + r.count, 0)).toBe(2);
    for (let i = 0; i < 2; i++) {
      expected.add("flow_started", "sos", { language: "sr" });
      expected.add("people", "all", { language: "sr" });
    }
  });

  it("shows the same counts on the dashboard, suppressed", async () => {
    const response = await admin.get(`/dashboard/export?format=json&from=${TODAY}&to=${TODAY}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { views: { id: string; series: { name: string; cells: { key: string; value: unknown }[]; total: unknown }[] }[] };
    const cell = (view: string, series: string, key: string) => body.views.find((v) => v.id === view)!.series.find((s) => s.name === series)!.cells.find((c) => c.key === key)!.value;
    // The campaign's 12 people show as 10; with "other" at 0 (one small cell), the next smallest is hidden.
    const people = (campaign: string) => expected.sum((k) => k[4] === "people" && k[1] === campaign);
    const campaigns = suppressSeries({ name: "people", cells: ["fair26", "other", "none"].map((key) => ({ key, count: people(key) })) });
    expect(campaigns.cells.find((c) => c.key === "other")!.value).toBe("<10");
    expect(["fair26", "none"].map((key) => cell("campaigns", "people", key))).toEqual(campaigns.cells.filter((c) => c.key !== "other").map((c) => c.value));
    expect(people("fair26")).toBe(12);
    expect([10, "hidden"]).toContain(cell("campaigns", "people", "fair26"));
    expect(cell("flows", "started", "offer_text")).toBe(10);
    expect(cell("flows", "started", "rights")).toBe("<10"); // 3
    expect(cell("destinations", "count", "DE")).toBe(shown(expected.sum((k) => k[4] === "destination" && k[5] === "DE")));
    const high = expected.sum((k) => k[4] === "band" && k[5] === "high");
    expect(cell("risk", "high", TODAY)).toBe(shown(high));
    // Every value on the dashboard is a suppressed one: no count from 1 to 9 is ever shown.
    for (const view of body.views)
      for (const series of view.series)
        for (const value of [...series.cells.map((c) => c.value), series.total]) expect(value === "<10" || value === "hidden" || (typeof value === "number" && value >= 10 && value % 5 === 0)).toBe(true);
  });

  it("keeps nothing in any table that could identify them or repeat what they wrote", async () => {
    const database = await openDatabase(suite.database.url);
    const tables =
      database.provider === "sqlite"
        ? await database.db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table'")
        : await database.db.$queryRawUnsafe<{ name: string }[]>("SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public'");
    let dump = "";
    for (const { name } of tables) {
      const rows = await database.db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
      dump += `${name}\n${JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`;
    }
    await database.close();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Counter", "SeenUpdate", "ChatState", "Campaign"]));
    expect(dump).toContain("offer_text"); // the dump has the counters: the search below is not looking at nothing
    expect(identities.length).toBeGreaterThan(60);
    for (const identity of identities) expect(dump, identity).not.toContain(identity);
    const phrases = typed.flatMap((text) => text.split("\n")).map((line) => line.trim()).filter((line) => line.length >= 6);
    for (const phrase of phrases) expect(dump, phrase).not.toContain(phrase);
  });
});
