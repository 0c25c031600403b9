// /forget: a person whose phone may be checked by someone else erases the chat's traces.
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";
import { openDatabase } from "../../src/db/client.js";
import { chatKey } from "../../src/session/keys.js";
import type { TestUser } from "../support/telegram.js";

const t = createTranslations();
const en = t.t("en");
const ro = t.t("ro");

let now = Date.parse("2026-11-28T10:00:00Z");
const clock = { now: () => new Date(now) };

describe("erasing the chat with /forget", () => {
  const suite = useBot("sqlite", "polling", { clock });

  const deletions = () => suite.telegram.calls.filter((c) => c.method === "deleteMessages").map((c) => c.body as { chat_id: number; message_ids: number[] });
  async function stateRows(user: TestUser) {
    await suite.bot.app.settled();
    const database = await openDatabase(suite.database.url);
    try {
      const secret = (await database.db.setting.findUniqueOrThrow({ where: { key: "session_secret" } })).value;
      const key = chatKey(secret, user.chatId);
      return await database.db.chatState.findMany({ where: { key: { in: [`s:${key}`, `c:${key}`] } } });
    } finally {
      await database.close();
    }
  }

  it("asks once, then erases what the bot keeps and deletes the last 48 hours of messages, both ways", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/language");
    await user.tap(await user.nextReply(), ro("language.name"));
    await user.nextReply();
    await user.fromMenu(ro("buttons.rights"));
    await user.tap(await user.nextReply(), ro("countries.DE"));
    await user.nextReply();
    const botMessages = user.history().map((m) => m.messageId);
    expect(await stateRows(user)).toHaveLength(1);

    await user.send("/forget");
    const confirm = await user.nextReply();
    expect(confirm.text).toBe(ro("forget.confirm"));
    await user.tap(confirm, ro("buttons.forget_yes"));
    const done = await user.nextReply();
    expect(done.text).toBe(ro("forget.done")); // still in the language the user had

    const [deletion, ...more] = deletions().filter((d) => d.chat_id === user.chatId);
    expect(more).toEqual([]);
    // Every message the bot sent, the confirmation included, and the user's own messages.
    expect(deletion!.message_ids).toEqual(expect.arrayContaining([...botMessages, confirm.messageId]));
    expect(deletion!.message_ids.length).toBeGreaterThan(botMessages.length + 3);
    expect(user.history().map((m) => m.text)).toEqual([ro("forget.done")]);
    expect(await stateRows(user)).toEqual([]);

    // The saved language is gone too: the bot speaks Telegram's language again.
    await user.send("/menu");
    expect((await user.nextReply()).text).toBe(en("menu.title"));
  });

  it("erases nothing when the person says no", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.about"));
    const about = await user.nextReply();
    await user.tap(about, en("buttons.forget"));
    await user.tap(await user.nextReply(), en("buttons.forget_no"));
    expect((await user.nextReply()).text).toBe(en("forget.kept"));
    expect(deletions().filter((d) => d.chat_id === user.chatId)).toEqual([]);
    expect(user.history()).toHaveLength(4);
    expect(await stateRows(user)).toHaveLength(1);
  });

  it("works in the middle of an offer check, and ends it", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.fromMenu(en("buttons.offer"));
    await user.tap(await user.nextReply(), en("buttons.offer_questions"));
    const destination = await user.nextReply();
    await user.tap(destination, en("countries.IT"));
    await user.nextReply();
    await user.send("/forget");
    await user.tap(await user.nextReply(), en("buttons.forget_yes"));
    expect((await user.nextReply()).text).toBe(en("forget.done"));
    expect(await stateRows(user)).toEqual([]);
  });

  it("deletes in chunks of at most 100, and only what is younger than 48 hours", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/menu");
    await user.nextReply();
    const old = user.history().map((m) => m.messageId);
    await suite.bot.app.settled();
    now += 49 * 3_600_000;
    for (let i = 0; i < 70; i++) {
      await user.send("/menu");
      await user.nextReply();
    }
    await user.send("/forget");
    await user.tap(await user.nextReply(), en("buttons.forget_yes"));
    await user.nextReply();
    const chunks = deletions().filter((d) => d.chat_id === user.chatId);
    expect(chunks.length).toBe(2);
    for (const chunk of chunks) expect(chunk.message_ids.length).toBeLessThanOrEqual(100);
    const ids = chunks.flatMap((c) => c.message_ids);
    expect(ids.length).toBe(70 * 2 + 2); // 70 /menu and their menus, /forget and the question
    for (const id of old) expect(ids).not.toContain(id);
  });

  it("says it is done even when Telegram refuses to delete some messages", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/menu");
    await user.nextReply();
    suite.telegram.failNext("deleteMessages", 400, "Bad Request: message can't be deleted for everyone");
    await user.send("/forget");
    await user.tap(await user.nextReply(), en("buttons.forget_yes"));
    expect((await user.nextReply()).text).toBe(en("forget.done"));
    expect(await stateRows(user)).toEqual([]);
  });
});
