// Help at any moment: the numbers for where the user is, from the menu, by /sos, or by a word
// like "допоможіть" typed in the middle of an offer check, which then carries on.
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";

const t = createTranslations();
const en = t.t("en");
const uk = t.t("uk");
const ro = t.t("ro");

describe("getting help", () => {
  const suite = useBot();

  it("shows the numbers for Germany from the menu, the emergency number first, each tappable", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.help"));
    const where = await user.nextReply();
    expect(where.text).toBe(en("help.where"));
    await user.tap(where, en("countries.DE"));
    const card = await user.nextReply();
    expect(card.parseMode).toBe("HTML");
    expect(card.text.split("\n")[0]).toBe(en("help.title", { country: en("countries.DE") }));
    const firstNumber = card.text.search(/<b>[+\d][\d ]+<\/b>/);
    expect(card.text.slice(firstNumber, firstNumber + 10)).toBe("<b>112</b>");
    expect(card.text.indexOf(en("help.emergency"))).toBeLessThan(card.text.indexOf(en("help.hotlines")));
    expect(card.text).toContain("116 016");
    expect(card.text).toContain(`>${en("help.source")}</a>`);
    expect(card.text.length).toBeLessThanOrEqual(4096);
  });

  it("shows a Romanian user the numbers of their home country, Moldova", async () => {
    const user = suite.telegram.user({ languageCode: "ro" });
    await user.fromMenu(ro("buttons.help"));
    await user.tap(await user.nextReply(), ro("countries.MD"));
    const card = await user.nextReply();
    expect(card.text).toContain(ro("help.title", { country: ro("countries.MD") }));
    expect(card.text).toContain("0 800 77777");
    expect(card.text).toContain("+373 22 23 33 09");
  });

  it("asks where the user is when /sos comes before any country is known", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/sos");
    const reply = await user.nextReply();
    expect(reply.text).toContain(en("help.unknown_country"));
    expect(reply.buttons.some((b) => b.text === en("countries.IT"))).toBe(true);
  });

  it("offers a country's card inline, in the language of the person typing, to share in any chat", async () => {
    const user = suite.telegram.user({ languageCode: "ro" });
    await user.inlineQuery("germ");
    const answer = await suite.telegram.until(() => suite.telegram.calls.find((c) => c.method === "answerInlineQuery"));
    const results = answer.body.results as { id: string; title: string; input_message_content: { message_text: string; parse_mode: string } }[];
    expect(results.map((r) => r.id)).toEqual(["DE"]);
    expect(results[0]!.title).toBe(ro("help.title", { country: ro("countries.DE") }).replace(/<[^>]+>/g, ""));
    expect(results[0]!.input_message_content.message_text).toContain("116 016");
    expect(results[0]!.input_message_content.parse_mode).toBe("HTML");

    const other = suite.telegram.user({ languageCode: "uk" });
    await other.inlineQuery("Молдова");
    const second = await suite.telegram.until(() => suite.telegram.calls.filter((c) => c.method === "answerInlineQuery")[1]);
    const found = second.body.results as { id: string; input_message_content: { message_text: string } }[];
    expect(found.map((r) => r.id)).toEqual(["MD"]);
    expect(found[0]!.input_message_content.message_text).toContain(uk("help.title", { country: uk("countries.MD") }));
  });

  it("answers 'допоможіть' in the middle of a guided check with Germany's numbers, and the check carries on", async () => {
    const user = suite.telegram.user({ languageCode: "uk" });
    await user.fromMenu(uk("buttons.offer"));
    await user.tap(await user.nextReply(), uk("buttons.offer_questions"));
    await user.tap(await user.nextReply(), uk("countries.DE"));
    await user.tap(await user.nextReply(), uk("sectors.care"));
    const question = await user.nextReply();
    expect(question.text).toContain(uk("questions.fee"));

    await user.send("Допоможіть!");
    const card = await user.nextReply();
    expect(card.text).toContain(uk("help.title", { country: uk("countries.DE") }));
    expect(card.text).toContain("112");
    expect(card.text).toContain(uk("help.back_to_conversation"));

    await user.tap(question, uk("buttons.no")); // the check goes on where it was
    expect((await user.nextReply()).text).toContain(uk("questions.travel"));
    await user.send("/menu");
    expect((await user.nextReply()).text).toBe(uk("menu.title"));
  });
});
