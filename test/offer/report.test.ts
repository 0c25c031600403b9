// Every result and summary, in every language, fits Telegram's messages and is valid HTML.
import { describe, expect, it } from "vitest";
import { createTranslations } from "../../src/i18n/index.js";
import { LANGUAGES } from "../../src/i18n/languages.js";
import { renderResult, renderSummary, htmlToText } from "../../src/offer/report.js";
import { MESSAGE_LIMIT, pack } from "../../src/text/pack.js";
import { SIGN_IDS } from "../../src/offer/signs.js";
import { loadWageData } from "../../src/content/wages.js";
import { htmlProblems } from "../support/html.js";

const translations = createTranslations();
const de = loadWageData().minimumWages.DE;

describe.each(LANGUAGES)("results in %s", (lang) => {
  const t = translations.t(lang);
  const evidence = 'a phrase with <b>tags</b> & "quotes" '.repeat(2);
  const worst = {
    risk: "high" as const,
    country: "DE",
    signs: SIGN_IDS.map((id) => ({ id, evidence })),
    wage: de && de.status !== "none" ? { country: "DE", minimum: de, offeredHourly: 6, minimumHourly: 13.9, weeklyHours: 72, hoursStated: true, below: true, unrealistic: false } : null,
    unknown: [],
  };

  it("splits a result with every sign into messages Telegram accepts, losing nothing", () => {
    const messages = renderResult(t, lang, worst);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(htmlProblems(message)).toEqual([]);
    }
    const all = messages.join("\n\n");
    for (const id of SIGN_IDS) expect(all).toContain(t(`signs.${id}.ask`));
    expect(htmlToText(all)).toContain('a phrase with <b>tags</b> & "quotes"'); // escaped, not markup
  });

  it("fits a result with everything unknown, and a summary with every sign, in one message each", () => {
    const unknown = renderResult(t, lang, { risk: "low", country: null, signs: [], wage: null, unknown: [...SIGN_IDS] });
    expect(unknown).toHaveLength(1);
    expect(htmlProblems(unknown[0]!)).toEqual([]);
    const summary = renderSummary(t, worst);
    expect(summary.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(htmlProblems(summary)).toEqual([]);
    expect(summary).not.toContain("a phrase with");
  });
});

describe("packing parts into messages", () => {
  it("joins what fits and never cuts a part", () => {
    expect(pack(["aaa", "bbb", "ccc"], 8)).toEqual(["aaa\n\nbbb", "ccc"]);
    expect(pack(["aaaaaaaaaa"], 8)).toEqual(["aaaaaaaaaa"]);
    expect(pack([], 8)).toEqual([]);
  });
});
