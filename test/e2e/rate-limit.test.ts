// Someone floods the bot from one chat: after a small burst, their updates are dropped
// without a reply, and everyone else is answered as usual.
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { WEBHOOK_SECRET } from "../support/bot.js";

let now = Date.parse("2026-11-28T10:00:00Z");
const clock = { now: () => new Date(now) };

describe("the rate limit, as a flood meets it", () => {
  const suite = useBot("sqlite", "webhook", { clock, env: { RATE_LIMIT_BURST: "10", RATE_LIMIT_PER_SECOND: "1" } });
  let updateId = 500_000;
  const send = (chatId: number) =>
    fetch(`http://127.0.0.1:${suite.bot.port}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
      body: JSON.stringify({ update_id: updateId++, message: { message_id: updateId, date: 1, chat: { id: chatId, type: "private" }, from: { id: chatId, is_bot: false, first_name: "F" }, text: "/menu", entities: [{ type: "bot_command", offset: 0, length: 5 }] } }),
    });
  const replies = (chatId: number) => (suite.telegram.server.storage.botMessages as unknown as { message: { chat_id: number } }[]).filter((m) => Number(m.message.chat_id) === chatId).length;

  it("answers a burst of 10, drops the rest silently, and answers again a second later", async () => {
    for (let i = 0; i < 25; i++) expect((await send(4242)).status).toBe(200); // Telegram is told all is well
    await suite.bot.app.settled();
    expect(replies(4242)).toBe(10);
    expect((await send(4343)).status).toBe(200); // someone else is not slowed down
    await suite.bot.app.settled();
    expect(replies(4343)).toBe(1);
    now += 1000;
    await send(4242);
    await suite.bot.app.settled();
    expect(replies(4242)).toBe(11);
  });
});
