// The preview's local Bot API: the methods the bot calls, answered as Telegram answers them
// ({ ok, result } or { ok: false, error_code, description }), on the preview's pretend Telegram.
// grammY calls POST {apiRoot}/bot{token}/{method} with a JSON body; every body is checked here.
import type http from "node:http";
import { z } from "zod";
import { BOT_USER, plainText, type ChatMessage, type PreviewChat, type PreviewTelegram } from "./telegram.js";
import { BodyTooLarge, readBody } from "../server/webhook.js";

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const chatId = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
const languageCode = z.string().max(35).optional();
const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");
const button = z
  .looseObject({ text: z.string().min(1), callback_data: z.string().optional(), url: z.string().optional() })
  .refine((b) => b.callback_data === undefined || (utf8Bytes(b.callback_data) >= 1 && utf8Bytes(b.callback_data) <= 64), "BUTTON_DATA_INVALID")
  .refine((b) => b.url === undefined || /^(https?|tg):\/\//.test(b.url), "BUTTON_URL_INVALID");
const replyMarkup = z.looseObject({ inline_keyboard: z.array(z.array(button)) }, { error: "the preview shows inline keyboards only" });
const textOptions = {
  text: z.string(),
  parse_mode: z.literal("HTML", { error: "the preview understands parse_mode HTML only" }).optional(),
  reply_markup: replyMarkup.optional(),
};
const messageRef = { chat_id: chatId, message_id: z.number().int() };
const commandList = z.array(z.object({ command: z.string().regex(/^[a-z0-9_]{1,32}$/), description: z.string().min(1).max(256) })).max(100);
const scope = z.looseObject({ type: z.string() }).optional();

type Handler = (body: unknown, telegram: PreviewTelegram, abort: AbortSignal) => unknown;

function method<S extends z.ZodType>(schema: S, handle: (input: z.output<S>, telegram: PreviewTelegram, abort: AbortSignal) => unknown): Handler {
  return (body, telegram, abort) => {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError(400, `Bad Request: ${issue.path.join(".") || "parameters"}: ${issue.message}`);
    }
    return handle(parsed.data, telegram, abort);
  };
}

function chatOf(telegram: PreviewTelegram, id: number): PreviewChat {
  const chat = telegram.chats.get(id);
  if (!chat) throw new ApiError(400, "Bad Request: chat not found");
  return chat;
}

function botMessage(chat: PreviewChat, id: number, what: "edit" | "delete"): ChatMessage {
  const message = chat.messages.get(id);
  if (!message) throw new ApiError(400, `Bad Request: message to ${what} not found`);
  if (what === "edit" && message.from !== "bot") throw new ApiError(400, "Bad Request: message can't be edited");
  return message;
}

const TAG = /<(\/?)([a-z-]+)(\s[^<>]*)?>/gi;
const TAGS = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "span", "blockquote", "tg-emoji"]);

/** The text Telegram would show, or the error Telegram would give for it. */
function checkedText(text: string, html: boolean): string {
  if (html) {
    const open: string[] = [];
    for (const [, close, tag] of text.matchAll(TAG)) {
      const name = tag!.toLowerCase();
      if (!TAGS.has(name)) throw new ApiError(400, `Bad Request: can't parse entities: Unsupported start tag "${name}"`);
      if (!close) open.push(name);
      else if (open.pop() !== name) throw new ApiError(400, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${name}"`);
    }
    if (open.length > 0) throw new ApiError(400, `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${open.at(-1)}"`);
    if (/[<>]/.test(text.replace(TAG, ""))) throw new ApiError(400, "Bad Request: can't parse entities: Unexpected character");
  }
  const shown = html ? plainText(text) : text;
  if (shown.trim() === "") throw new ApiError(400, "Bad Request: message text is empty");
  if ([...shown].length > 4096) throw new ApiError(400, "Bad Request: message is too long");
  return text;
}

export const BOT_API: Record<string, Handler> = {
  getMe: () => ({ ...BOT_USER, can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: true }),
  getUpdates: method(
    z.object({ offset: z.number().int().optional(), limit: z.number().int().min(1).max(100).default(100), timeout: z.number().int().min(0).max(50).default(0), allowed_updates: z.array(z.string()).optional() }),
    (input, telegram, abort) => telegram.takeUpdates(input.offset, input.limit, input.timeout, abort),
  ),
  deleteWebhook: () => true,
  getWebhookInfo: () => ({ url: "", has_custom_certificate: false, pending_update_count: 0 }),
  setWebhook: () => {
    throw new ApiError(400, "Bad Request: the preview has no webhooks: the bot polls it with getUpdates");
  },

  sendMessage: method(z.looseObject({ chat_id: chatId, ...textOptions }), (input, telegram) =>
    telegram.botSends(chatOf(telegram, input.chat_id), checkedText(input.text, input.parse_mode === "HTML"), input.parse_mode === "HTML", input.reply_markup?.inline_keyboard),
  ),
  editMessageText: method(z.looseObject({ ...messageRef, ...textOptions }), (input, telegram) => {
    const chat = chatOf(telegram, input.chat_id);
    const message = botMessage(chat, input.message_id, "edit");
    const change = { text: checkedText(input.text, input.parse_mode === "HTML"), html: input.parse_mode === "HTML", keyboard: input.reply_markup?.inline_keyboard };
    if (change.text === message.text && JSON.stringify(change.keyboard) === JSON.stringify(message.keyboard)) {
      throw new ApiError(400, "Bad Request: message is not modified");
    }
    return telegram.botEdits(chat, message, change);
  }),
  editMessageReplyMarkup: method(z.looseObject({ ...messageRef, reply_markup: replyMarkup.optional() }), (input, telegram) => {
    const chat = chatOf(telegram, input.chat_id);
    const message = botMessage(chat, input.message_id, "edit");
    return telegram.botEdits(chat, message, { keyboard: input.reply_markup?.inline_keyboard });
  }),
  deleteMessage: method(z.looseObject(messageRef), (input, telegram) => {
    const chat = chatOf(telegram, input.chat_id);
    botMessage(chat, input.message_id, "delete");
    return telegram.botDeletes(chat, input.message_id);
  }),
  deleteMessages: method(z.looseObject({ chat_id: chatId, message_ids: z.array(z.number().int()).min(1).max(100) }), (input, telegram) => {
    const chat = chatOf(telegram, input.chat_id);
    for (const id of input.message_ids) telegram.botDeletes(chat, id); // what is not there is skipped, as Telegram does
    return true;
  }),
  sendChatAction: method(z.looseObject({ chat_id: chatId, action: z.string() }), (input, telegram) => Boolean(chatOf(telegram, input.chat_id))),
  answerCallbackQuery: method(
    z.looseObject({ callback_query_id: z.string().min(1), text: z.string().max(200).optional(), show_alert: z.boolean().optional() }),
    (input, telegram) => {
      const chat = telegram.chats.get(telegram.callbackChats.get(input.callback_query_id) ?? 0);
      if (!chat) throw new ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
      if (input.text) telegram.botNotice(chat, input.text, input.show_alert ?? false);
      return true;
    },
  ),
  // The page has no inline mode (typing @bot in another chat): the answer is checked and kept.
  answerInlineQuery: method(z.looseObject({ inline_query_id: z.string().min(1), results: z.array(z.looseObject({ type: z.string(), id: z.string() })).max(50) }), () => true),

  setMyCommands: method(z.looseObject({ commands: commandList, scope, language_code: languageCode }), (input, telegram) => {
    if (!input.scope || input.scope.type === "default") telegram.commands.set(input.language_code ?? "", input.commands);
    return true;
  }),
  getMyCommands: method(z.looseObject({ scope, language_code: languageCode }), (input, telegram) => telegram.commands.get(input.language_code ?? "") ?? []),
  deleteMyCommands: method(z.looseObject({ scope, language_code: languageCode }), (input, telegram) => telegram.commands.delete(input.language_code ?? "") || true),
  setMyDescription: method(z.looseObject({ description: z.string().max(512).optional(), language_code: languageCode }), (input, telegram) =>
    describe(telegram, input.language_code, { description: input.description ?? "" }),
  ),
  getMyDescription: method(z.looseObject({ language_code: languageCode }), (input, telegram) => ({
    description: telegram.descriptions.get(input.language_code ?? "")?.description ?? "",
  })),
  setMyShortDescription: method(z.looseObject({ short_description: z.string().max(120).optional(), language_code: languageCode }), (input, telegram) =>
    describe(telegram, input.language_code, { short_description: input.short_description ?? "" }),
  ),
  getMyShortDescription: method(z.looseObject({ language_code: languageCode }), (input, telegram) => ({
    short_description: telegram.descriptions.get(input.language_code ?? "")?.short_description ?? "",
  })),
};

function describe(telegram: PreviewTelegram, language: string | undefined, change: { description?: string; short_description?: string }): true {
  const key = language ?? "";
  telegram.descriptions.set(key, { ...telegram.descriptions.get(key), ...change });
  return true;
}

function answer(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Answers /bot<token>/<method>; anything else is Telegram's 404. */
export function createBotApi(telegram: PreviewTelegram, token: string) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(req.url ?? "/", "http://localhost").pathname);
    if (!match) return answer(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== token) return answer(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const name = match[2]!;
    const handler = BOT_API[name];
    if (!handler) return answer(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    telegram.calls.set(name, (telegram.calls.get(name) ?? 0) + 1);
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    try {
      let body: unknown = {};
      const raw = await readBody(req);
      if (raw.trim() !== "") {
        if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) throw new ApiError(400, "Bad Request: the preview takes JSON bodies only");
        try {
          body = JSON.parse(raw);
        } catch {
          throw new ApiError(400, "Bad Request: the body is not JSON");
        }
      }
      const result = await handler(body, telegram, abort.signal);
      if (!res.writableEnded) answer(res, 200, { ok: true, result });
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(res, 413, { ok: false, error_code: 413, description: "Request Entity Too Large" });
      if (!(error instanceof ApiError)) throw error;
      answer(res, error.code, { ok: false, error_code: error.code, description: error.description });
    }
  };
}
