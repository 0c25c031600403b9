// Every topic for every destination, in every language: within Telegram's limit, valid HTML,
// each fact with its source and check date, unknowns said to be unknown.
import { describe, expect, it } from "vitest";
import { DESTINATIONS, loadPacks } from "../../src/content/countries.js";
import { renderRights, TOPICS } from "../../src/content/rights.js";
import { loadWageData } from "../../src/content/wages.js";
import { createTranslations } from "../../src/i18n/index.js";
import { LANGUAGES } from "../../src/i18n/languages.js";
import { MESSAGE_LIMIT } from "../../src/text/pack.js";
import { htmlProblems } from "../support/html.js";

const packs = loadPacks();
const wages = loadWageData().minimumWages;
const translations = createTranslations();

describe.each(LANGUAGES)("rights in %s", (lang) => {
  const t = translations.t(lang);

  it("render every topic for every destination within the limit, as valid HTML, with sources", () => {
    for (const code of DESTINATIONS) {
      const pack = packs.find((p) => p.code === code)!;
      for (const topic of TOPICS) {
        const messages = renderRights(t, lang, topic, pack, t(`countries.${code}`), wages[code]);
        const label = `${code} ${topic}`;
        expect(messages, label).toHaveLength(1);
        expect(messages[0]!.length, label).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(htmlProblems(messages[0]!), label).toEqual([]);
        expect(messages[0]!.length, `${label} fits a phone screen`).toBeLessThanOrEqual(1500);
        const knows = messages[0]!.includes(t("rights.source_link")) || topic === "complain";
        expect(knows || messages[0]!.includes(t("rights.no_facts", { country: t(`countries.${code}`) })), label).toBe(true);
      }
    }
  });
});

describe("what the rights say", () => {
  const en = translations.t("en");
  const render = (code: string, topic: (typeof TOPICS)[number]) =>
    renderRights(en, "en", topic, packs.find((p) => p.code === code)!, en(`countries.${code}`), wages[code])[0]!;

  it("gives the German minimum wage with its date and source", () => {
    const text = render("DE", "pay");
    expect(text).toContain("<b>13.90 EUR an hour</b>");
    expect(text).toContain("since 2026-01-01");
    expect(text).toContain('href="https://www.gesetze-im-internet.de/');
  });

  it("says Italy has no national minimum, and that an unconfirmed figure may be out of date", () => {
    expect(render("IT", "pay")).toContain(en("rights.pay_none"));
    expect(render("GR", "pay")).toContain("it may be higher now");
  });

  it("says what it does not know, and where to ask", () => {
    const text = render("DE", "housing");
    expect(text).toContain(en("rights.no_facts", { country: "Germany" }));
    expect(text).toContain("Faire Mobilität");
  });
});
