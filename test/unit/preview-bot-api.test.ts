// The preview's local Bot API answers every method the bot's code calls: the list is read from
// src/ (api.<method>( calls, and grammY context shortcuts such as ctx.reply( traced through
// grammY's own code to the Bot API method they call), plus what grammY and its runner call
// themselves. A method the bot starts to use and the preview lacks fails here.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { Api, Context } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_API, createBotApi } from "../../src/preview/bot-api.js";
import { createPreviewTelegram } from "../../src/preview/telegram.js";
import { PREVIEW_TOKEN } from "../../src/config.js";

/** bot.init() calls getMe, the runner getUpdates, the app deleteWebhook before polling. */
const CALLED_BY_GRAMMY = ["getMe", "getUpdates", "deleteWebhook"];

const sourceOf = (owner: object, name: string): string => {
  const value: unknown = Object.getOwnPropertyDescriptor(owner, name)?.value; // getters are not called
  return typeof value === "function" ? value.toString() : "";
};
const calledOn = (source: string, receiver: string) => [...source.matchAll(new RegExp(`this\\.${receiver}\\.(\\w+)\\(`, "g"))].map((m) => m[1]!);

/** The Bot API methods an Api method sends (Api.sendMessage → sendMessage; editMessageTextInline → editMessageText). */
function rawMethods(apiMethod: string): string[] {
  const raw = calledOn(sourceOf(Api.prototype, apiMethod), "raw");
  if (raw.length === 0) throw new Error(`cannot tell which Bot API method Api.${apiMethod} calls`);
  return raw;
}

/** Context shortcuts (reply, answerCallbackQuery…) and the Api methods they call, read from grammY. */
const SHORTCUTS = new Map(
  Object.getOwnPropertyNames(Context.prototype)
    .map((name) => [name, calledOn(sourceOf(Context.prototype, name), "api")] as const)
    .filter(([, api]) => api.length > 0),
);

function botApiMethodsIn(source: string): Set<string> {
  const methods = new Set<string>();
  for (const m of source.matchAll(/\bapi\.raw\.(\w+)\(/g)) methods.add(m[1]!);
  for (const m of source.matchAll(/\bapi\.(\w+)\(/g)) if (m[1] !== "raw" && m[1] !== "config") for (const raw of rawMethods(m[1]!)) methods.add(raw);
  for (const m of source.matchAll(/\.(\w+)\(/g)) for (const api of SHORTCUTS.get(m[1]!) ?? []) for (const raw of rawMethods(api)) methods.add(raw);
  return methods;
}

const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : files(full);
    return full.endsWith(".ts") ? [full] : [];
  });

describe("the preview's Bot API", () => {
  const used = new Set(CALLED_BY_GRAMMY);
  for (const file of files("src")) for (const method of botApiMethodsIn(fs.readFileSync(file, "utf8"))) used.add(method);

  const telegram = createPreviewTelegram();
  let server: http.Server;
  let root: string;
  beforeAll(async () => {
    const api = createBotApi(telegram, PREVIEW_TOKEN);
    server = http.createServer((req, res) => void api(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    root = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bot${PREVIEW_TOKEN}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const call = async (method: string, body: unknown = {}) =>
    (await fetch(`${root}/${method}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json() as Promise<{
      ok: boolean;
      error_code?: number;
      description?: string;
      result?: unknown;
    }>;

  it("finds the methods the bot calls in its code", () => {
    for (const method of ["sendMessage", "answerCallbackQuery", "answerInlineQuery", "setMyCommands", "deleteMessages", "getUpdates"]) {
      expect(used).toContain(method);
    }
  });

  it("implements every one of them", async () => {
    expect([...used].filter((m) => !(m in BOT_API)).sort()).toEqual([]);
    for (const method of used) {
      const answer = await call(method);
      expect(answer.description ?? "", method).not.toBe("Not Found: method not found");
    }
  });

  it("would catch a method it lacks (the check above can fail)", () => {
    const found = botApiMethodsIn("await ctx.replyWithPhoto(photo); await bot.api.sendDocument(1, doc); await ctx.editMessageText(t('x'));");
    expect([...found].sort()).toEqual(["editMessageText", "sendDocument", "sendPhoto"]);
    expect([...found].filter((m) => !(m in BOT_API)).sort()).toEqual(["sendDocument", "sendPhoto"]);
  });

  it("answers an unknown method as Telegram does, and refuses a webhook", async () => {
    expect(await call("sendPhoto")).toEqual({ ok: false, error_code: 404, description: "Not Found: method not found" });
    expect(await call("setWebhook", { url: "https://example.org/hook" })).toMatchObject({ ok: false, error_code: 400 });
  });

  it("refuses what Telegram refuses: an unknown chat, HTML it cannot parse, button data over 64 bytes", async () => {
    expect((await call("sendMessage", { chat_id: 1, text: "hi" })).description).toBe("Bad Request: chat not found");
    const chat = telegram.openChat("en", "");
    expect((await call("sendMessage", { chat_id: chat.id, text: "<div>hi</div>", parse_mode: "HTML" })).description).toMatch(/^Bad Request: can't parse entities/);
    expect((await call("sendMessage", { chat_id: chat.id, text: "<b>hi", parse_mode: "HTML" })).description).toMatch(/^Bad Request: can't parse entities/);
    const button = { text: "x", callback_data: "x".repeat(65) };
    expect((await call("sendMessage", { chat_id: chat.id, text: "hi", reply_markup: { inline_keyboard: [[button]] } })).error_code).toBe(400);
    const sent = await call("sendMessage", { chat_id: chat.id, text: "<b>hi</b> &amp; bye", parse_mode: "HTML" });
    expect(sent.result).toMatchObject({ text: "hi & bye", chat: { id: chat.id, type: "private" } });
  });

  it("hands updates to getUpdates once confirmed by the next offset, as Telegram does", async () => {
    const chat = telegram.openChat("ro", "c-fair26");
    const first = (await call("getUpdates", { timeout: 0 })).result as { update_id: number; message?: { text: string } }[];
    const mine = first.filter((u) => u.message?.text === "/start c-fair26");
    expect(mine).toHaveLength(1);
    const last = first.at(-1)!.update_id;
    expect((await call("getUpdates", { offset: last + 1, timeout: 0 })).result).toEqual([]);
    const waiting = call("getUpdates", { offset: last + 1, timeout: 10 });
    telegram.send(chat, "hello", true);
    const next = (await waiting).result as { message: { text: string; forward_origin?: unknown } }[];
    expect(next.map((u) => u.message.text)).toEqual(["hello"]);
    expect(next[0]!.message.forward_origin).toBeDefined();
  });
});
