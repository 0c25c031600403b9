// Someone glancing at the phone of a person who is watched sees the first line of each message,
// the command list and the bot's description: none of them may hold an alarming word
// (trafficking, police, escape, victim…), in any language. The help itself may use them lower down.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";
import { LANGUAGES, type Language } from "../../src/i18n/languages.js";
import { botProfiles } from "../../src/bot/profile.js";
import type { BotMessage, TestUser } from "../support/telegram.js";

const words = JSON.parse(fs.readFileSync("test/discreet/alarm-words.json", "utf8")) as Record<Language, string[]>;
const translations = createTranslations();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The alarming words in a text: stems that start a word, in any case. */
function alarming(lang: Language, text: string): string[] {
  return words[lang].filter((stem) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(stem)}`, "iu").test(text));
}
const firstLine = (html: string) => html.replace(/<[^>]+>/g, "").split("\n")[0]!;

const AD = `Work in Germany, packing factory. 2.200 € net a month, 8 hours a day.
Registration fee 200 euro, paid before departure. We keep your passport for the visa.`;

describe("the list of alarming words", () => {
  it("has stems for every language, and finds them as a watcher would read them", () => {
    expect(Object.keys(words).sort()).toEqual([...LANGUAGES].sort());
    expect(alarming("en", "Help with Trafficking and exploitation")).toEqual(["traffick", "exploit"]);
    expect(alarming("ru", "Горячая линия: торговля людьми")).toContain("торговля людьми");
    expect(alarming("en", "Save these numbers")).toEqual([]);
  });
});

describe.each(LANGUAGES)("in %s", (lang) => {
  const t = translations.t(lang);

  it("the command list and the bot's descriptions hold no alarming word", () => {
    const profile = botProfiles(translations).find((p) => p.languageCode === lang)!;
    const texts = [...profile.commands.map((c) => c.description), profile.description, profile.shortDescription];
    for (const text of texts) expect(alarming(lang, text), text).toEqual([]);
  });

  describe("a person who uses every part of the bot", () => {
    const suite = useBot();

    async function tapUntilResult(user: TestUser): Promise<BotMessage> {
      for (;;) {
        const reply = await user.nextReply();
        if (reply.buttons.some((b) => b.data.startsWith("sum:"))) return reply;
        const pick = reply.buttons.find((b) => b.data === "dst:DE" || b.data.startsWith("sec:"))?.data;
        if (pick) await user.tapData(reply.messageId, pick);
        else await user.tap(reply, t("buttons.not_sure"));
      }
    }

    it("sees no alarming word on the first line of any message", async () => {
      const user = suite.telegram.user({ languageCode: lang });
      const step = async (action: () => Promise<void>) => {
        await action();
        return user.nextReply();
      };
      await step(() => user.send("/start"));
      await step(() => user.send("/help"));
      await step(() => user.send("/privacy"));
      const where = await step(() => user.send("/sos"));
      await step(() => user.tap(where, t("countries.DE")));
      const card = await step(() => user.send("/sos"));
      await step(() => user.tap(card, t("buttons.menu")));
      await user.fromMenu(t("buttons.offer"));
      await user.tap(await user.nextReply(), t("buttons.offer_questions"));
      const result = await tapUntilResult(user);
      await step(() => user.tap(result, t("buttons.summary")));
      await user.forward(AD);
      const ad = await tapUntilResult(user);
      await step(() => user.tap(ad, t("buttons.rights")));
      await user.fromMenu(t("buttons.recruiter"));
      const origins = await user.nextReply();
      await step(() => user.tap(origins, t("countries.MD")));
      await user.fromMenu(t("buttons.before_go"));
      await user.nextReply();
      await step(() => user.send("hello?"));
      await step(() => user.send("/language"));
      await step(() => user.send("/cancel"));
      const confirm = await step(() => user.send("/forget"));
      await step(() => user.tap(confirm, t("buttons.forget_no")));
      const history = user.history();
      expect(history.length).toBeGreaterThan(25);
      for (const message of history) expect(alarming(lang, firstLine(message.text)), message.text.slice(0, 120)).toEqual([]);
      // The help the person came for is there, below the first line.
      expect(history.some((m) => m.text.includes(t("help.title", { country: t("countries.DE") })))).toBe(true);
    });
  });
});
