// PostgreSQL becomes unreachable in the middle of the day: help numbers still answer at once,
// what needs the chat's memory says "try again in a minute" in the person's language, and
// when the database is back the check goes on where it was — even when the link broke just
// after a step was saved, so that the person comes back one screen behind the bot. A link that
// goes silent instead (nothing answers, nothing is closed) costs each update the wait
// DATABASE_WAIT_SECONDS sets, not the half minute before the connection is given up on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type Harness } from "../support/telegram.js";
import { botConfig, startBot, type RunningBot } from "../support/bot.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { startDatabaseProxy, type DatabaseProxy } from "../support/db-proxy.js";
import { createTranslations } from "../../src/i18n/index.js";
import { openDatabase } from "../../src/db/client.js";

const t = createTranslations();
const ro = t.t("ro");
const uk = t.t("uk");

interface Running {
  telegram: Harness;
  database: TestDatabase;
  proxy: DatabaseProxy;
  bot: RunningBot;
}

/** A bot on PostgreSQL reached through a proxy the test can cut; its parts once started. */
function behindProxy(mode: "polling" | "webhook", env: Record<string, string> = {}): Running {
  const running = {} as Running;
  beforeAll(async () => {
    running.telegram = await startTelegram();
    running.database = await createTestDatabase("postgres");
    running.proxy = await startDatabaseProxy(running.database.url);
    running.bot = await startBot(await botConfig(running.telegram, running.proxy.url, mode, env));
  });
  afterAll(async () => {
    running.proxy?.restore();
    await running.bot?.stop();
    await running.telegram?.stop();
    await running.proxy?.stop();
    await running.database?.drop();
  });
  return running;
}

/** A person partway through a guided check, at its first question (where they go), saved. */
async function atTheDestinationQuestion({ telegram, bot }: Running) {
  const checking = telegram.user({ languageCode: "ro" });
  await checking.fromMenu(ro("buttons.offer"));
  await checking.tap(await checking.nextReply(), ro("buttons.offer_questions"));
  const destination = await checking.nextReply();
  await bot.app.settled(); // the chat's state is written
  return { checking, destination };
}

/** Someone in danger asks for help, in Ukrainian, and gets Poland's numbers. */
async function helpAnswers(telegram: Harness) {
  const inDanger = telegram.user({ languageCode: "uk" });
  await inDanger.send("/sos");
  const where = await inDanger.nextReply();
  expect(where.text).toContain(uk("help.where"));
  await inDanger.tap(where, uk("countries.PL"));
  expect((await inDanger.nextReply()).text).toContain(uk("help.title", { country: uk("countries.PL") }));
}

describe("when the database is unreachable", () => {
  const running = behindProxy("polling");

  it("answers help at once, asks to try again for the rest, and goes on once it is back", async () => {
    const { telegram, proxy, bot } = running;
    const { checking, destination } = await atTheDestinationQuestion(running);

    proxy.cut();
    await checking.tap(destination, ro("countries.DE"));
    expect((await checking.nextReply()).text).toBe(ro("errors.database"));

    await helpAnswers(telegram);

    proxy.restore();
    await checking.tap(destination, ro("countries.DE")); // the same button again, a minute later
    const sector = await checking.nextReply();
    expect(sector.text).toBe(ro("offer.sector_prompt"));

    // The database goes away while the bot saves the chat's state, after its answer went out.
    const saving = telegram.hold("sendMessage");
    await checking.tap(sector, ro("sectors.care"));
    await saving.reached;
    proxy.cut();
    saving.release();
    await checking.nextReply(); // the next question
    expect((await checking.nextReply()).text).toBe(ro("errors.database"));
    proxy.restore();

    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    expect(metrics).toMatch(/byg_database_errors_total\{operation="session_read"\} [1-9]/);
  });
});

describe("when the database goes away just after saving a step, before the bot hears it was saved", () => {
  const running = behindProxy("webhook");

  it("shows the person where they are when they tap the screen they had, and counts the step once", async () => {
    const { telegram, proxy, bot, database } = running;
    const { checking, destination } = await atTheDestinationQuestion(running);

    proxy.cut({ afterCommit: true });
    await checking.tap(destination, ro("countries.DE"));
    expect((await checking.nextReply()).text).toBe(ro("offer.sector_prompt"));
    // Saved, but the bot never heard so: it asked Telegram to send the tap again, and could not
    // tell, with the database away, that it had been saved.
    expect(proxy.commitsUnanswered).toBe(1);
    expect(telegram.webhookStatuses.slice(-2)).toEqual([503, 200]);
    expect((await checking.nextReply()).text).toBe(ro("errors.database"));

    proxy.restore();
    await checking.tap(destination, ro("countries.DE")); // the screen they had, a minute later
    const again = await checking.nextReply();
    expect(again.text).toBe(`${ro("unknown.button")}\n\n${ro("offer.sector_prompt")}`);
    await checking.tap(again, ro("sectors.care"));
    expect((await checking.nextReply()).text).toContain(ro("questions.fee"));

    expect(await bot.app.flushTrends()).toBe(true);
    const open = await openDatabase(database.url);
    const rows = await open.db.counter.groupBy({ by: ["metric", "value"], where: { metric: { in: ["flow_started", "destination", "invalid"] } }, _sum: { count: true } });
    await open.close();
    const counts = Object.fromEntries(rows.map((r) => [`${r.metric}:${r.value}`, r._sum.count]));
    expect(counts).toEqual({ "flow_started:offer_guided": 1, "destination:DE": 1, "invalid:button": 1 });
  });
});

describe("when the link to the database goes silent: nothing answers, nothing is closed", () => {
  const running = behindProxy("polling", { DATABASE_WAIT_SECONDS: "0.5" });

  it("gives help within the wait, asks to try again for the rest, and goes on once the link is back", async () => {
    const { telegram, proxy, bot } = running;
    const { checking, destination } = await atTheDestinationQuestion(running);

    proxy.silence();
    await helpAnswers(telegram);

    await checking.tap(destination, ro("countries.DE"));
    expect((await checking.nextReply()).text).toBe(ro("errors.database"));

    proxy.restore(); // what the link held goes through, late: nothing comes of it
    await checking.tap(destination, ro("countries.DE")); // the same button again, a minute later
    expect((await checking.nextReply()).text).toBe(ro("offer.sector_prompt"));

    const metrics = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`)).text();
    expect(metrics).toMatch(/byg_database_errors_total\{operation="session_read"\} [3-9]/);
  });
});
