// Safe for someone who is watched or tricked: a safety tip at /start, a way to tell the real
// bot from a copy, no trace of who they are in a conversation's stored state, and a calm answer
// to whatever they send.
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";
import { openDatabase } from "../../src/db/client.js";
import { loadQuestions } from "../../src/offer/questions.js";

const t = createTranslations();
const en = t.t("en");
const uk = t.t("uk");

describe("safety for a person who may be watched", () => {
  const suite = useBot("sqlite", "polling", { env: { BOT_PUBLISHER: "La Strada Moldova", BOT_PUBLISHER_URL: "https://lastrada.md/bot" } });

  it("/start carries a one-line tip on deleting the chat and auto-delete, in the person's language", async () => {
    const user = suite.telegram.user({ languageCode: "uk" });
    await user.send("/start");
    const greeting = await user.nextReply();
    expect(greeting.text).toContain(uk("start.safety"));
    expect(uk("start.safety")).not.toContain("\n");
  });

  it("About & privacy says how to tell the real bot from a copy, and where the NGO publishes its name", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.about"));
    const about = await user.nextReply();
    expect(about.text).toContain("@TestNameBot"); // the username Telegram gave this bot
    expect(about.text).toContain("La Strada Moldova");
    expect(about.text).toContain('<a href="https://lastrada.md/bot">lastrada.md</a>');
    expect(about.buttons.map((b) => b.text)).toContain(en("buttons.forget"));
  });

  it("keeps no id, name or username in the state of a guided check under way", async () => {
    const user = suite.telegram.user({ languageCode: "en", chatId: 7_311_222_333, firstName: "Oksana" });
    await user.fromMenu(en("buttons.offer"));
    await user.tap(await user.nextReply(), en("buttons.offer_questions"));
    await user.tap(await user.nextReply(), en("countries.IT"));
    await user.nextReply();
    await suite.bot.app.settled();
    const database = await openDatabase(suite.database.url);
    const rows = await database.db.chatState.findMany();
    await database.close();
    const stored = JSON.stringify(rows);
    expect(stored).toContain('\\"guided\\":{\\"step\\":1'); // the check is there, at the sector…
    for (const secret of ["7311222333", "Oksana", "tester7311222333"]) expect(stored).not.toContain(secret); // …but not who it is with
    // And the check goes on from that state, in the right chat.
    await user.tap(user.history().at(-1)!, en("sectors.care"));
    const steps = 2 + loadQuestions().guided.length; // destination, sector, the questions
    expect((await user.nextReply()).text).toContain(en("offer.progress", { n: 3, total: steps }));
  });

  it.each([
    ["a sticker", { sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1, is_animated: false, is_video: false } }],
    ["a voice message", { voice: { file_id: "v", file_unique_id: "v", duration: 2 } }],
    ["a location", { location: { latitude: 45.9, longitude: 24.9 } }],
    ["a contact", { contact: { phone_number: "+40700000000", first_name: "Ana" } }],
  ])("answers %s calmly: it reads only text", async (_kind, content) => {
    const chatId = 7_400_000_000 + Math.floor(Object.keys(content)[0]!.length * 1000);
    await suite.telegram.deliver({ message: { message_id: 1, date: 1, chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "A", language_code: "en" }, ...content } });
    const reply = await suite.telegram.until(() => (suite.telegram.server.storage.botMessages as unknown as { message: { chat_id: number; text: string } }[]).find((m) => Number(m.message.chat_id) === chatId));
    expect(reply.message.text).toContain(en("unknown.media"));
  });

  it("answers an unknown command, and a message in a language it does not speak, with the menu in the person's language", async () => {
    const romanian = suite.telegram.user({ languageCode: "ro" });
    await romanian.send("/bonus");
    expect((await romanian.nextReply()).text).toContain(t.t("ro")("unknown.text"));
    const german = suite.telegram.user({ languageCode: "de" });
    await german.send("Hallo, ich suche Arbeit");
    const reply = await german.nextReply();
    expect(reply.text).toContain(en("unknown.text"));
    expect(reply.buttons.map((b) => b.text)).toContain(en("buttons.help"));
  });

  it("hears a call for help hidden among invisible or right-to-left characters", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("\u200bh\u200belp\u202e");
    expect((await user.nextReply()).text).toContain(en("help.where"));
  });

  it("answers a button it never made so it stops spinning, and does nothing else", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/menu");
    const menu = await user.nextReply();
    await user.tapData(menu.messageId, "rt:ZZ:nothing");
    await user.send("/menu"); // the bot takes a chat's updates in order: any answer to the button would come first
    expect((await user.nextReply()).text).toBe(en("menu.title"));
  });
});
