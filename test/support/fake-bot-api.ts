// A minimal Bot API at the HTTP level, for load and fuzz runs: every call is recorded and
// answered at once with a plausible result (a message for the send and edit methods, true
// for the rest). Not an emulator: nothing is delivered anywhere.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeBotApi {
  apiRoot: string;
  /** Every call, while `record` is true. */
  calls: { method: string; body: Record<string, unknown> }[];
  record: boolean;
  /** Always kept, small: calls per method, callback queries answered, chats written to. */
  counts: Map<string, number>;
  answered: Set<string>;
  sentTo: Set<number>;
  /** While true: the callback data of the buttons under the last message to each chat, and its text. */
  trackButtons: boolean;
  lastButtons: Map<number, string[]>;
  lastText: Map<number, string>;
  /** While `trackButtons` is true, also told of each message's buttons (bench/telegram.ts passes them to another thread). */
  onButtons?: (chat: number, buttons: string[]) => void;
  /** The next `count` sendMessage calls are refused with 429 and this retry_after, as Telegram does under flood. */
  throttleNext(count: number, retryAfter: number): void;
  /** Each answer waits this long, as Telegram's round trip does (0: at once). */
  latencyMs: number;
  /** How many calls were refused with 429 so far. */
  throttled: number;
  stop(): Promise<void>;
}

const MESSAGE_METHODS = new Set(["sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto", "forwardMessage", "copyMessage"]);

export async function startFakeBotApi(): Promise<FakeBotApi> {
  let nextMessageId = 1;
  let throttle = { count: 0, retryAfter: 0 };
  const api: FakeBotApi = {
    apiRoot: "", calls: [], counts: new Map(), answered: new Set(), sentTo: new Set(), trackButtons: false, lastButtons: new Map(), lastText: new Map(), record: true,
    throttleNext: (count, retryAfter) => void (throttle = { count, retryAfter }),
    throttled: 0,
    latencyMs: 0,
    stop: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += String(chunk)));
    req.on("end", () => {
      const method = (req.url ?? "").split("/").pop() ?? "";
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (method === "sendMessage" && throttle.count > 0) {
        throttle.count--;
        api.throttled++;
        res.writeHead(429, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${throttle.retryAfter}`, parameters: { retry_after: throttle.retryAfter } }));
        return;
      }
      api.counts.set(method, (api.counts.get(method) ?? 0) + 1);
      if (api.record) api.calls.push({ method, body });
      if (method === "answerCallbackQuery") api.answered.add(String(body.callback_query_id));
      if (method === "sendMessage") api.sentTo.add(Number(body.chat_id));
      if (method === "sendMessage" && api.trackButtons) {
        const rows = (body.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [];
        const buttons = rows.flat().map((b) => b.callback_data ?? "");
        api.lastButtons.set(Number(body.chat_id), buttons);
        api.lastText.set(Number(body.chat_id), String(body.text));
        api.onButtons?.(Number(body.chat_id), buttons);
      }
      let result: unknown = true;
      if (method === "getMe") result = { id: 42, is_bot: true, first_name: "Before You Go", username: "before_you_go_test_bot", can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: true };
      else if (MESSAGE_METHODS.has(method)) result = { message_id: nextMessageId++, date: 1_795_000_000, chat: { id: body.chat_id, type: "private" }, text: body.text };
      const answer = JSON.stringify({ ok: true, result });
      const send = () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(answer);
      };
      if (api.latencyMs > 0) setTimeout(send, api.latencyMs);
      else send();
    });
  });
  // Idle connections are kept a minute, as web servers commonly do (Node's default is 5 s).
  // With 5 s, the benchmark's floor bot, idle while the full bot takes its turn, reused a
  // connection at the moment the server closed it: "socket hang up", and the run stopped.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.stop = () => new Promise((resolve) => server.close(() => resolve()));
  return api;
}
