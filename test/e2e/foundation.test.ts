// A user's first minutes with the bot, over HTTP against a local Telegram, in both modes
// (polling and webhook) and on both databases (SQLite and the machine's PostgreSQL).
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import type { Kind } from "../support/databases.js";
import { createTranslations } from "../../src/i18n/index.js";
import { LANGUAGES } from "../../src/i18n/languages.js";

const t = createTranslations();
const en = t.t("en");
const ro = t.t("ro");
const uk = t.t("uk");

const setups: [Kind, "polling" | "webhook"][] = [
  ["sqlite", "polling"],
  ["sqlite", "webhook"],
  ["postgres", "polling"],
  ["postgres", "webhook"],
];

describe.each(setups)("on %s, in %s mode", (kind, mode) => {
  const suite = useBot(kind, mode);

  it("sets the command list and descriptions in every language at start-up", () => {
    const commands = suite.telegram.calls.filter((c) => c.method === "setMyCommands");
    expect(commands.map((c) => c.body.language_code ?? "default").sort()).toEqual(["default", ...LANGUAGES].sort());
    const ukCommands = commands.find((c) => c.body.language_code === "uk")!.body.commands as { command: string; description: string }[];
    expect(ukCommands.find((c) => c.command === "language")?.description).toBe(uk("commands.language"));
    expect(ukCommands.map((c) => c.command)).toContain("sos");
    const descriptions = suite.telegram.calls.filter((c) => c.method === "setMyDescription");
    expect(descriptions.find((c) => c.body.language_code === "ro")?.body.description).toBe(ro("profile.description"));
    expect(suite.telegram.calls.filter((c) => c.method === "setMyShortDescription")).toHaveLength(LANGUAGES.length + 1);
  });

  it("greets a Romanian user in Romanian, says what it keeps, and shows the menu", async () => {
    const user = suite.telegram.user({ languageCode: "ro" });
    await user.send("/start");
    const greeting = await user.nextReply();
    expect(greeting.text).toContain(ro("start.greeting"));
    expect(greeting.text).toContain(ro("start.keeps"));
    expect(greeting.buttons.map((b) => b.text)).toEqual(
      ["offer", "rights", "recruiter", "before_go", "help", "language", "about"].map((b) => ro(`buttons.${b}`)),
    );
  });

  it("follows the language of an outreach link over Telegram's, and ignores a broken link", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/start c-busfair26_l-uk_d-DE");
    expect((await user.nextReply()).text).toContain(uk("start.greeting"));
    await user.send("/help");
    expect((await user.nextReply()).text).toBe(uk("help.text"));

    const other = suite.telegram.user({ languageCode: "en" });
    await other.send("/start l-xx_<script>");
    expect((await other.nextReply()).text).toContain(en("start.greeting"));
  });

  it("changes the language from the menu, and the next reply is in the new language", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/start");
    const menu = await user.nextReply();
    await user.tap(menu, en("buttons.language"));
    const picker = await user.nextReply();
    expect(picker.text).toBe(en("language.choose"));
    expect(picker.buttons.map((b) => b.text)).toEqual(LANGUAGES.map((l) => t.t(l)("language.name")));
    await user.tap(picker, "Română");
    expect((await user.nextReply()).text).toContain(ro("language.changed"));
    await user.send("/privacy");
    expect((await user.nextReply()).text).toContain(ro("privacy.not_stored"));
    await user.send("/start");
    expect((await user.nextReply()).text).toContain(ro("start.greeting"));
  });

  it("accepts a language typed out, and asks again when it does not understand", async () => {
    const user = suite.telegram.user({ languageCode: "ru" });
    await user.send("/language");
    await user.nextReply();
    await user.send("a banana");
    expect((await user.nextReply()).text).toBe(t.t("ru")("language.not_understood"));
    await user.send("shqip");
    expect((await user.nextReply()).text).toContain(t.t("sq")("language.changed"));
  });

  it("still takes a tap on an old language picker after its conversation ended", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/language");
    const picker = await user.nextReply();
    await user.send("/cancel");
    await user.nextReply();
    await user.tap(picker, "Български");
    expect((await user.nextReply()).text).toContain(t.t("bg")("language.changed"));
    await user.send("/help");
    expect((await user.nextReply()).text).toBe(t.t("bg")("help.text"));
  });

  it("leaves a conversation with /cancel and with /menu", async () => {
    const user = suite.telegram.user({ languageCode: "uk" });
    await user.send("/language");
    await user.nextReply();
    await user.send("/cancel");
    const cancelled = await user.nextReply();
    expect(cancelled.text).toContain(uk("cancel.done"));
    expect(cancelled.text).toContain(uk("menu.title"));
    // The conversation is over: a language name is now just text the bot does not understand.
    await user.send("english");
    expect((await user.nextReply()).text).toContain(uk("unknown.text"));

    await user.send("/language");
    await user.nextReply();
    await user.send("/menu");
    expect((await user.nextReply()).text).toBe(uk("menu.title"));
    await user.send("/cancel");
    expect((await user.nextReply()).text).toContain(uk("cancel.nothing"));
  });

  it("shows About & privacy from the menu, with how long state is kept", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.about"));
    const about = await user.nextReply();
    expect(about.text).toContain(en("privacy.stored", { count: 7 }));
    expect(about.parseMode).toBe("HTML");
    await user.tap(about, en("buttons.menu"));
    expect((await user.nextReply()).text).toBe(en("menu.title"));
  });

  it("stays silent in group chats", async () => {
    const group = suite.telegram.user({ chatType: "group", languageCode: "en" });
    await group.send("/start");
    // A private message sent after it is answered; by then the group message was handled too.
    const witness = suite.telegram.user({ languageCode: "en" });
    await witness.send("/start");
    await witness.nextReply();
    expect(group.history()).toEqual([]);
  });

  it("apologises in the user's language when something fails, and keeps serving", async () => {
    const user = suite.telegram.user({ languageCode: "uk" });
    await user.send("/menu");
    const menu = await user.nextReply();
    suite.telegram.failNext("sendMessage", 400, "Bad Request: message is too long");
    await user.tap(menu, uk("buttons.about"));
    const apology = await user.nextReply();
    expect(apology.text).toBe(uk("errors.generic"));
    await user.tap(apology, uk("buttons.menu"));
    expect((await user.nextReply()).text).toBe(uk("menu.title"));
  });

  it("still answers a tap whose button Telegram no longer lets it answer (after the bot was away)", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/menu");
    const menu = await user.nextReply();
    suite.telegram.failNext("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired");
    await user.tap(menu, en("buttons.about"));
    expect((await user.nextReply()).text).toContain(en("privacy.stored", { count: 7 }));
    // The chat's next update starts only once that tap is done, its answer's failure logged.
    await user.send("/menu");
    await user.nextReply();
    expect(suite.logs.filter((line) => line.msg === "could not answer a button").map((line) => [line.level, line.errorClass])).toEqual([[40, "GrammyError"]]);
  });

  it("continues a conversation where it was after the bot restarts", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/language");
    const picker = await user.nextReply();
    await suite.restart();
    await user.tap(picker, "Українська");

    expect((await user.nextReply()).text).toContain(uk("language.changed"));
    await user.send("/menu");
    expect((await user.nextReply()).text).toBe(uk("menu.title"));
  });

  it("receives every update the way its mode says", () => {
    if (mode === "webhook") {
      expect(suite.telegram.webhookStatuses.length).toBeGreaterThan(10);
      expect(new Set(suite.telegram.webhookStatuses)).toEqual(new Set([200]));
    } else {
      expect(suite.telegram.webhookStatuses).toEqual([]);
    }
  });

  it("handled every update without a failure, and logged nothing that identifies a user", () => {
    const sent = suite.telegram.server.storage.botMessages as unknown as { message: { text: string } }[];
    expect(sent.length).toBeGreaterThan(20);
    // The only failure is the one the test above caused on purpose.
    const apologies = new Set(LANGUAGES.map((l) => t.t(l)("errors.generic")));
    expect(sent.filter((m) => apologies.has(m.message.text))).toHaveLength(1);
    expect(suite.logs.filter((line) => Number(line.level) >= 50).map((line) => line.errorClass)).toEqual(["GrammyError"]);
    expect(suite.logs.filter((line) => line.msg === "bot started")).toHaveLength(2);
    expect(JSON.stringify(suite.logs)).not.toMatch(/tester\d+|"chat"|busfair|banana|shqip/i);
  });
});
