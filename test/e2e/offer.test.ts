// Checking a job offer in the bot, over HTTP, as a person would: forwarding an ad, answering
// what the ad does not say, reading the result, sending a summary to family.
import { describe, expect, it } from "vitest";
import type { BotMessage, TestUser } from "../support/telegram.js";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";
import { openDatabase } from "../../src/db/client.js";
import { chatKey } from "../../src/session/keys.js";

const t = createTranslations();
const ro = t.t("ro");
const en = t.t("en");

const FEE_AD = `🇩🇪 GERMANIA – lucru la fabrică de ambalaje
Salariu 2.200 € net pe lună, 8 ore pe zi, 5 zile
Taxa de înscriere 200 euro, se achită înainte de plecare
Firma ProPack GmbH, www.propack.example`;

describe("checking a job offer", () => {
  const suite = useBot();

  async function answerAll(user: TestUser, label: string, count: number) {
    for (let i = 0; i < count; i++) await user.tap(await user.nextReply(), label);
  }

  /** Taps "not sure" from `question` on until the result; returns it and the last question. */
  async function notSureToResult(user: TestUser, question: BotMessage) {
    let [last, message] = [question, question];
    while (!message.buttons.some((b) => b.data.startsWith("sum:"))) {
      last = message;
      await user.tap(message, en("buttons.not_sure"));
      message = await user.nextReply();
    }
    return { result: message, last };
  }

  it("a Romanian user forwards an ad that asks for a fee and gets the fee warning in Romanian, with the phrase quoted", async () => {
    const user = suite.telegram.user({ languageCode: "ro" });
    await user.forward(FEE_AD);
    const first = await user.nextReply();
    expect(first.text).toContain(ro("offer.follow_up"));
    expect(first.text).toContain(ro("questions.passport"));
    expect(first.text).not.toContain(ro("questions.fee")); // the ad already said
    await user.tap(first, ro("buttons.no"));
    await answerAll(user, ro("buttons.yes"), 2); // contract: yes; travel debt: yes
    const result = await user.nextReply();
    expect(result.text).toContain(ro("result.band_high"));
    expect(result.text).toContain(ro("signs.upfront_fee.name"));
    expect(result.text).toContain(ro("signs.upfront_fee.todo"));
    expect(result.text).toContain("Taxa de înscriere 200 euro");
    expect(result.text).toContain(ro("signs.travel_debt.name"));
    expect(result.text).not.toContain(ro("signs.document_retention.name"));
    expect(result.text).toContain(ro("countries.DE"));
    expect(result.text).toContain("13,90"); // the German minimum, in Romanian number format

    expect(result.buttons.map((b) => b.data)).toEqual(expect.arrayContaining(["rights:DE", "help:DE"]));
    await user.tap(result, ro("buttons.summary"));
    const summary = await user.nextReply();
    expect(summary.text).toContain(ro("signs.upfront_fee.name"));
    expect(summary.text).not.toContain("Taxa de înscriere"); // nothing of the ad itself
  });

  it("keeps only the phrases the result will quote while an ad's questions are asked, and carries on after asking for help", async () => {
    const user = suite.telegram.user({ languageCode: "ro" });
    await user.forward(FEE_AD);
    const first = await user.nextReply();
    expect(first.text).toContain(ro("questions.passport"));

    await suite.bot.app.settled();
    const open = await openDatabase(suite.database.url);
    const stored = JSON.stringify(await open.db.chatState.findMany());
    await open.close();
    expect(stored).toContain('\\"pasted\\":{\\"stage\\":\\"questions\\"'); // the check under way is there…
    expect(stored).not.toMatch(/ProPack|ambalaje|propack\.example/); // …but not the ad

    await user.send("ajutor");
    const card = await user.nextReply();
    expect(card.text).toContain(ro("help.title", { country: ro("countries.DE") })); // the ad's country
    expect(card.text).toContain(ro("help.back_to_conversation"));
    await user.tap(first, ro("buttons.no"));
    expect((await user.nextReply()).text).toContain(ro("offer.progress", { n: 2, total: 3 }));
    await user.send("/cancel");
    expect((await user.nextReply()).text).toContain(ro("cancel.done"));
  });

  it("answers 'not sure' everywhere with what to find out, and says low is no guarantee", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.offer"));
    await user.tap(await user.nextReply(), en("buttons.offer_paste"));
    expect((await user.nextReply()).text).toBe(en("offer.paste_prompt"));
    await user.send("Warehouse work in Poland, 5 500 PLN brutto per month, 40 hours/week, contract before departure. Logistics Sp. z o.o., www.logistics.example");
    await answerAll(user, en("buttons.not_sure"), 4);
    const result = await user.nextReply();
    expect(result.text).toContain(en("result.band_low"));
    expect(result.text).toContain(en("result.low_not_guarantee"));
    expect(result.text).toContain(en("result.unknown_header").replace(/<\/?b>/g, ""));
    expect(result.text).toContain(en("signs.document_retention.ask"));
  });

  it("goes back a question, and leaves the check with /cancel", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.forward("Work in Italy, call Marco on WhatsApp +39 000 000 000, we leave tomorrow, places are limited!");
    const q1 = await user.nextReply();
    await user.tap(q1, en("buttons.yes"));
    const q2 = await user.nextReply();
    expect(q2.text).toContain(en("offer.progress", { n: 2, total: 4 }));
    await user.tap(q2, en("buttons.back"));
    expect((await user.nextReply()).text).toContain(en("offer.progress", { n: 1, total: 4 }));
    await user.send("/cancel");
    expect((await user.nextReply()).text).toContain(en("cancel.done"));
  });

  it("walks an English user through the guided check to a high-risk result, with the pay checked", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.offer"));
    await user.tap(await user.nextReply(), en("buttons.offer_questions"));
    const where = await user.nextReply();
    expect(where.text).toBe(en("offer.destination_prompt"));
    expect(where.buttons[0]!.text).toBe(en("countries.DE"));
    await user.tap(where, en("countries.DE"));
    await user.tap(await user.nextReply(), en("sectors.agriculture"));
    const answers: [string, string][] = [
      ["fee", en("buttons.yes")],
      ["travel", en("buttons.no")],
      ["passport", en("buttons.yes")],
      ["contract", en("buttons.no")], // no contract: its language is not asked
    ];
    for (const [id, label] of answers) {
      const question = await user.nextReply();
      expect(question.text).toContain(en(`questions.${id}`));
      await user.tap(question, label);
    }
    const pay = await user.nextReply();
    expect(pay.text).toContain(en("questions.pay"));
    await user.send("banana");
    expect((await user.nextReply()).text).toBe(en("offer.pay_not_understood"));
    await user.send("6 euro per hour, 12 hours a day, 6 days a week");
    // The hours are known now, so the hours question is skipped.
    const rest = ["employer", "agency", "visa", "housing", "pay_timing", "pay_to", "job_change", "pressure", "secrecy", "targeting", "channel"];
    for (const id of rest) {
      const question = await user.nextReply();
      expect(question.text).toContain(en(`questions.${id}`));
      await user.tap(question, ["employer", "agency"].includes(id) ? en("buttons.yes") : en("buttons.no"));
    }
    const result = await user.nextReply();
    expect(result.text).toContain(en("result.band_high"));
    for (const id of ["upfront_fee", "document_retention", "no_written_contract", "below_minimum_wage", "excessive_hours"]) {
      expect(result.text).toContain(en(`signs.${id}.name`));
    }
    expect(result.text).not.toContain(en("signs.travel_debt.name"));
    expect(result.text).toContain("13.90");
  });

  it("lets a Ukrainian user go back, answer 'not sure' everywhere, and get what to find out", async () => {
    const uk = t.t("uk");
    const user = suite.telegram.user({ languageCode: "uk" });
    await user.fromMenu(uk("buttons.offer"));
    await user.tap(await user.nextReply(), uk("buttons.offer_questions"));
    await user.tap(await user.nextReply(), uk("countries.PL"));
    await user.tap(await user.nextReply(), uk("sectors.factory"));
    const first = await user.nextReply();
    expect(first.text).toContain(uk("questions.fee"));
    await user.tap(first, uk("buttons.back"));
    expect((await user.nextReply()).text).toBe(uk("offer.sector_prompt"));
    const sector = user.history().at(-1)!;
    await user.tap(sector, uk("sectors.factory"));
    let message = await user.nextReply();
    let questions = 0;
    while (!message.text.includes(uk("result.band_low"))) {
      questions++;
      await user.tap(message, uk("buttons.not_sure"));
      message = await user.nextReply();
    }
    expect(questions).toBe(18); // all of them: "not sure" about the contract or the pay skips nothing
    expect(message.text).toContain(uk("result.low_not_guarantee"));
    expect(message.text).toContain(uk("signs.document_retention.ask"));
    expect(message.text).toContain(uk("signs.upfront_fee.name"));
  });

  it("reminds a user in the guided check to use the buttons, and /cancel ends the check", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.offer"));
    await user.tap(await user.nextReply(), en("buttons.offer_questions"));
    const where = await user.nextReply();
    await user.send("Germany");
    expect((await user.nextReply()).text).toBe(en("offer.answer_with_buttons"));
    await user.tap(where, en("countries.DE"));
    expect((await user.nextReply()).text).toBe(en("offer.sector_prompt"));
    await user.send("/cancel");
    expect((await user.nextReply()).text).toContain(en("cancel.done"));
    await user.send("/cancel");
    expect((await user.nextReply()).text).toContain(en("cancel.nothing")); // nothing left of the check
  });

  it("shows a person who taps a button of an earlier message where they are, in the guided check and after it", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.offer"));
    const choice = await user.nextReply();
    await user.tap(choice, en("buttons.offer_questions"));
    const where = await user.nextReply();
    // "Check with questions" tapped twice (a slow phone): still the one check, at its start.
    await user.tap(choice, en("buttons.offer_questions"));
    expect((await user.nextReply()).text).toBe(en("offer.destination_prompt"));
    await user.tap(where, en("countries.DE"));
    const sector = await user.nextReply();
    expect(sector.text).toBe(en("offer.sector_prompt"));
    // The country again, from the first question: the bot says so and asks what it is waiting for.
    await user.tap(where, en("countries.DE"));
    const again = await user.nextReply();
    expect(again.text).toBe(`${en("unknown.button")}\n\n${en("offer.sector_prompt")}`);
    await user.tap(again, en("sectors.care"));
    const first = await user.nextReply();
    expect(first.text).toContain(en("questions.fee"));
    await user.tap(sector, en("sectors.care"));
    const firstAgain = await user.nextReply();
    expect(firstAgain.text.startsWith(`${en("unknown.button")}\n\n`)).toBe(true);
    expect(firstAgain.text).toContain(en("questions.fee"));
    await user.tap(firstAgain, en("buttons.not_sure"));
    const second = await user.nextReply();
    expect(second.text).toContain(en("questions.travel"));
    // "Yes" under the first question, scrolled back to: not taken for an answer to the second.
    await user.tap(first, en("buttons.yes"));
    const secondAgain = await user.nextReply();
    expect(secondAgain.text.startsWith(`${en("unknown.button")}\n\n`)).toBe(true);
    expect(secondAgain.text).toContain(en("questions.travel"));
    const { last } = await notSureToResult(user, secondAgain);
    // An answer under the last question, once the result is shown: the menu, and why.
    await user.tap(last, en("buttons.not_sure"));
    const menu = await user.nextReply();
    expect(menu.text).toBe(`${en("unknown.button")}\n\n${en("menu.title")}`);
  });

  it("takes 'send the ad' tapped twice as one check, and asks again the question on screen after a button of an earlier check or question, or a text", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    const earlier = `${en("unknown.button")}\n\n`;
    await user.fromMenu(en("buttons.offer"));
    const choice = await user.nextReply();
    await user.tap(choice, en("buttons.offer_questions"));
    const where = await user.nextReply(); // a guided check, left for the ad
    await user.tap(choice, en("buttons.offer_paste"));
    expect((await user.nextReply()).text).toBe(en("offer.paste_prompt"));
    await user.tap(choice, en("buttons.offer_paste"));
    expect((await user.nextReply()).text).toBe(en("offer.paste_prompt"));
    await user.send("Warehouse work in Poland, 5 500 PLN brutto per month, 40 hours/week, contract before departure. Logistics Sp. z o.o., www.logistics.example");
    const first = await user.nextReply();
    const question1 = first.text.replace(`${en("offer.follow_up")}\n\n`, "");
    expect(question1).not.toBe(first.text);
    await user.tap(where, en("countries.DE"));
    expect((await user.nextReply()).text).toBe(`${earlier}${question1}`);
    await user.send("I don't know");
    const reminded = await user.nextReply();
    expect(reminded.text).toBe(`${en("offer.answer_with_buttons")}\n\n${question1}`);
    await user.tap(reminded, en("buttons.not_sure"));
    const second = await user.nextReply();
    await user.tap(first, en("buttons.yes")); // under the first: not an answer to the second
    const secondAgain = await user.nextReply();
    expect(secondAgain.text).toBe(`${earlier}${second.text}`);
    const { result } = await notSureToResult(user, secondAgain);
    expect(result.text).toContain(en("countries.PL"));
  });

  it("leaves the check through a menu button, under the prompt or under an earlier message", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/start");
    const menu = await user.nextReply();
    await user.tap(menu, en("buttons.offer"));
    await user.tap(await user.nextReply(), en("buttons.offer_paste"));
    const prompt = await user.nextReply();
    await user.tap(prompt, en("buttons.menu"));
    expect((await user.nextReply()).text).toBe(en("menu.title"));
    await user.send("hello");
    expect((await user.nextReply()).text).toContain(en("unknown.text")); // no longer waiting for an ad

    await user.tap(menu, en("buttons.offer"));
    await user.tap(await user.nextReply(), en("buttons.offer_questions"));
    await user.nextReply(); // where is the job?
    await user.tap(menu, en("buttons.language"));
    expect((await user.nextReply()).text).toBe(en("language.choose"));
  });

  it("gives a clear answer for a text too long to be one message", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.forward(`Job in Spain. ${"Great pay! ".repeat(400)}`);
    expect((await user.nextReply()).text).toBe(en("offer.too_long"));
  });

  it("lets go of an ad's check stored as a conversation before an upgrade, and of the ad's text with it", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/start");
    await user.nextReply();
    await suite.bot.app.settled();
    // What the bot before session 17 stored in the middle of a pasted ad's questions.
    const open = await openDatabase(suite.database.url);
    const secret = (await open.db.setting.findUniqueOrThrow({ where: { key: "session_secret" } })).value;
    const key = `s:${chatKey(secret, user.chatId)}`;
    const row = await open.db.chatState.findUniqueOrThrow({ where: { key } });
    const received = { update_id: 1, message: { message_id: 1, date: 1, chat: { id: "\u0000chat-id", type: "private" }, text: "Old ad: call Marco, we leave tomorrow" } };
    const old = { version: [0, 0], state: { "offer-text": [{ args: ["en", true], interrupts: [0], replay: { send: [], receive: [received] } }] } };
    await open.db.chatState.update({ where: { key }, data: { value: JSON.stringify({ ...JSON.parse(row.value), conversation: old }) } });

    await user.send("/cancel");
    expect((await user.nextReply()).text).toContain(en("cancel.nothing")); // no check runs any more
    await suite.bot.app.settled();
    const after = await open.db.chatState.findUniqueOrThrow({ where: { key } });
    await open.close();
    expect(after.value).not.toContain("Marco");
  });

  it("keeps nothing of the ads once the results are shown", async () => {
    await suite.bot.app.settled();
    const open = await openDatabase(suite.database.url);
    const rows = await open.db.chatState.findMany();
    await open.close();
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain("Taxa");
    expect(stored).not.toContain("Warehouse");
    expect(stored).not.toMatch(/Great pay|Marco/);
  });
});
