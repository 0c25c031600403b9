// Knowing your rights abroad, over HTTP: a destination, a topic, a sourced answer, the next topic.
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";

const t = createTranslations();
const en = t.t("en");
const ru = t.t("ru");

describe("knowing your rights abroad", () => {
  const suite = useBot();

  it("an English user reads the minimum wage in Germany, then the working hours, then gets help there", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.rights"));
    const countries = await user.nextReply();
    expect(countries.text).toBe(en("rights.country_prompt"));
    await user.tap(countries, en("countries.DE"));
    const topics = await user.nextReply();
    expect(topics.buttons.map((b) => b.text).slice(0, 2)).toEqual([en("rights_topics.pay"), en("rights_topics.hours")]);
    await user.tap(topics, en("rights_topics.pay"));
    const pay = await user.nextReply();
    expect(pay.text).toContain("13.90 EUR");
    expect(pay.text).toContain(en("rights.source_link"));
    expect(pay.buttons.map((b) => b.text)).not.toContain(en("rights_topics.pay")); // the next topics
    await user.tap(pay, en("rights_topics.hours"));
    const hours = await user.nextReply();
    expect(hours.text).toContain(en("rights.hours_weekly", { hours: 48 }));
    await user.tap(hours, en("buttons.help"));
    expect((await user.nextReply()).text).toContain(en("help.title", { country: en("countries.DE") }));
  });

  it("a Russian user reads about recruitment fees in Poland and where to complain", async () => {
    const user = suite.telegram.user({ languageCode: "ru" });
    await user.fromMenu(ru("buttons.rights"));
    await user.tap(await user.nextReply(), ru("countries.PL"));
    await user.tap(await user.nextReply(), ru("rights_topics.fees"));
    const fees = await user.nextReply();
    expect(fees.text).toContain(ru("rights.title", { topic: ru("rights_topics.fees"), country: ru("countries.PL") }));
    expect(fees.text).toContain(ru("rights.unconfirmed")); // Poland's fee rule could not be confirmed, and says so
    await user.tap(fees, ru("rights_topics.complain"));
    const complain = await user.nextReply();
    expect(complain.text).toContain(ru("rights.complain_intro"));
    expect(complain.text).toContain("Państwowa Inspekcja Pracy");
  });
});
