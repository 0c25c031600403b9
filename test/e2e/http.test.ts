// The HTTP side as a reverse proxy and Telegram meet it: health, readiness, and a webhook
// that runs no handler unless the secret is right.
import { beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_SECRET } from "../support/bot.js";
import { useBot } from "../support/suite.js";
import { createHttpServer } from "../../src/server/http.js";
import { createLogger } from "../../src/logger.js";

describe("the bot's HTTP server in webhook mode", () => {
  const suite = useBot("sqlite", "webhook");
  let base: string;
  beforeAll(() => {
    base = `http://127.0.0.1:${suite.bot.port}`;
  });

  let nextId = 900_000;
  const update = (chatId: number) => ({
    update_id: nextId++,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: chatId, type: "private" },
      from: { id: chatId, is_bot: false, first_name: "T" },
      text: "/start",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    },
  });
  const post = (body: string, secret?: string) =>
    fetch(`${base}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(secret === undefined ? {} : { "x-telegram-bot-api-secret-token": secret }) },
      body,
    });
  const repliesTo = (chatId: number) =>
    (suite.telegram.server.storage.botMessages as unknown as { message: { chat_id: number } }[]).filter(
      (m) => Number(m.message.chat_id) === chatId,
    );

  it("registered its webhook with the secret, only the update types it handles, and Telegram's most connections", () => {
    const call = suite.telegram.calls.find((c) => c.method === "setWebhook");
    expect(call?.body).toMatchObject({
      url: suite.bot.config.webhook?.url,
      secret_token: WEBHOOK_SECRET,
      allowed_updates: ["message", "callback_query", "inline_query"],
      max_connections: 100,
    });
  });

  it("answers /healthz and /readyz", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
    expect((await fetch(`${base}/nothing-here`)).status).toBe(404);
  });

  it.each([
    ["no secret", undefined],
    ["a wrong secret of the same length", WEBHOOK_SECRET.replace(/.$/, "X")],
    ["a shorter secret", WEBHOOK_SECRET.slice(0, 5)],
    ["a longer secret", `${WEBHOOK_SECRET}extra`],
  ])("refuses an update with %s, and no handler runs", async (_name, secret) => {
    const chatId = nextId++;
    const response = await post(JSON.stringify(update(chatId)), secret);
    expect(response.status).toBe(401);
    // A correct update for another chat is handled after it; the refused one left no reply.
    const witness = nextId++;
    expect((await post(JSON.stringify(update(witness)), WEBHOOK_SECRET)).status).toBe(200);
    expect(repliesTo(witness)).toHaveLength(1);
    expect(repliesTo(chatId)).toHaveLength(0);
  });

  it("says it is not ready when the database is unreachable", async () => {
    const server = createHttpServer({ logger: createLogger("silent"), isReady: async () => false });
    const address = await server.listen(0, "127.0.0.1");
    const ready = await fetch(`http://127.0.0.1:${address.port}/readyz`);
    expect(ready.status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${address.port}/healthz`)).status).toBe(200);
    await server.close();
  });

  it("refuses what is not JSON, not an update, or too large", async () => {
    expect((await post("{not json", WEBHOOK_SECRET)).status).toBe(400);
    expect((await post(JSON.stringify({ hello: 1 }), WEBHOOK_SECRET)).status).toBe(400);
    expect((await post(JSON.stringify({ update_id: 2, junk: "x".repeat(2 * 1024 * 1024) }), WEBHOOK_SECRET)).status).toBe(413);
    expect((await fetch(`${base}/telegram/webhook`)).status).toBe(405);
  });
});
