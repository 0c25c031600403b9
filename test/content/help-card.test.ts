// Every country's help card, in every language: within Telegram's limit, valid HTML, the
// emergency number before any other, every contact with its source.
import { describe, expect, it } from "vitest";
import { loadPacks } from "../../src/content/countries.js";
import { renderHelpCard } from "../../src/content/help-card.js";
import { createTranslations } from "../../src/i18n/index.js";
import { LANGUAGES } from "../../src/i18n/languages.js";
import { MESSAGE_LIMIT } from "../../src/text/pack.js";
import { htmlProblems } from "../support/html.js";

const packs = loadPacks();
const translations = createTranslations();

describe.each(LANGUAGES)("help cards in %s", (lang) => {
  const t = translations.t(lang);

  it("render for every country, fit Telegram's messages and are valid HTML", () => {
    for (const pack of packs) {
      const messages = renderHelpCard(t, lang, pack, t(`countries.${pack.code}`));
      for (const message of messages) {
        expect(message.length, pack.code).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(htmlProblems(message), pack.code).toEqual([]);
      }
      const card = messages.join("\n\n");
      expect(card.split("\n")[0], pack.code).toBe(t("help.title", { country: t(`countries.${pack.code}`) }));
      expect(card.indexOf(t("help.emergency")), pack.code).toBeGreaterThan(0);
      expect(card.match(new RegExp(`>${t("help.source")}</a>`, "g"))?.length, pack.code).toBe(pack.contacts.length);
      for (const c of pack.contacts.filter((x) => x.service)) expect(card, `${pack.code} ${c.phone}`).toContain(`(${t(`help.service_${c.service}`)})`);
      const unconfirmed = pack.contacts.filter((c) => !c.confirmed).length;
      expect(card.split(t("help.unconfirmed")).length - 1, pack.code).toBe(unconfirmed);
    }
  });
});
