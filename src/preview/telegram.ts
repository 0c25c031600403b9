// The preview's pretend Telegram, in memory: the people (one per chat), the messages of each
// chat both ways, the updates waiting for the bot's getUpdates, what the bot set as its
// commands and descriptions, and a log of events the browser page follows.
import type { Update } from "grammy/types";

export const BOT_USER = { id: 1_000_000_001, is_bot: true as const, first_name: "Before You Go", username: "before_you_go_preview_bot" };

/** An inline keyboard button as the bot sent it (the page acts on callback_data and url). */
export type Button = { text: string; callback_data?: string | undefined; url?: string | undefined; [other: string]: unknown };

export interface ChatMessage {
  message_id: number;
  from: "bot" | "user";
  /** As sent: Telegram HTML when parse_mode is HTML, plain text otherwise. */
  text: string;
  html: boolean;
  forwarded: boolean;
  keyboard: Button[][] | undefined;
  date: number;
}

export interface PreviewChat {
  id: number;
  languageCode: string;
  payload: string;
  messages: Map<number, ChatMessage>;
  nextMessageId: number;
}

export type PreviewEvent =
  | { seq: number; chat_id: number; kind: "chat"; chat: ChatSummary }
  | { seq: number; chat_id: number; kind: "message" | "edit"; message: ChatMessage }
  | { seq: number; chat_id: number; kind: "delete"; message_id: number }
  | { seq: number; chat_id: number; kind: "notice"; text: string; alert: boolean }
  | { seq: number; chat_id: number; kind: "closed" };

/** A PreviewEvent before it gets its sequence number. */
type NewEvent = PreviewEvent extends infer E ? (E extends PreviewEvent ? Omit<E, "seq"> : never) : never;

export interface ChatSummary {
  id: number;
  language_code: string;
  payload: string;
  messages: ChatMessage[];
}

const EVENTS_KEPT = 2000;

/** Resolves waiters when something new arrives, or after `seconds`, or at close. */
function createSignal() {
  let waiters = new Set<() => void>();
  let closed = false;
  return {
    wait(seconds: number, abort?: AbortSignal): Promise<void> {
      if (closed || seconds <= 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, seconds * 1000);
        waiters.add(done);
        abort?.addEventListener("abort", done, { once: true });
      });
    },
    notify() {
      const now = waiters;
      waiters = new Set();
      for (const done of now) done();
    },
    close() {
      closed = true;
      this.notify();
    },
  };
}

export type PreviewTelegram = ReturnType<typeof createPreviewTelegram>;

export function createPreviewTelegram(clock: () => Date = () => new Date()) {
  const chats = new Map<number, PreviewChat>();
  const updates: Update[] = [];
  const events: PreviewEvent[] = [];
  const updateSignal = createSignal();
  const eventSignal = createSignal();
  let nextUpdateId = 1;
  let nextChatId = 700_000_001;
  let nextCallbackId = 1;
  let seq = 0;
  /** Commands and descriptions per language code ("" for the default). */
  const commands = new Map<string, { command: string; description: string }[]>();
  const descriptions = new Map<string, { description?: string; short_description?: string }>();
  /** Which chat each callback query came from, so that its answer shows there. */
  const callbackChats = new Map<string, number>();
  /** Every Bot API call by method, for tests and the coverage check. */
  const calls = new Map<string, number>();

  const now = () => Math.floor(clock().getTime() / 1000);
  const emit = (event: NewEvent) => {
    events.push({ ...event, seq: ++seq } as PreviewEvent);
    if (events.length > EVENTS_KEPT) events.splice(0, events.length - EVENTS_KEPT);
    eventSignal.notify();
  };
  const queue = (update: Omit<Update, "update_id">) => {
    updates.push({ update_id: nextUpdateId++, ...update } as Update);
    updateSignal.notify();
  };
  const person = (chat: PreviewChat) => ({ id: chat.id, is_bot: false as const, first_name: "Preview", language_code: chat.languageCode });
  const privateChat = (chat: PreviewChat) => ({ id: chat.id, type: "private" as const, first_name: "Preview" });
  const summary = (chat: PreviewChat): ChatSummary => ({
    id: chat.id,
    language_code: chat.languageCode,
    payload: chat.payload,
    messages: [...chat.messages.values()],
  });

  /** A message as the Bot API returns it (text without its tags, as Telegram parses it). */
  function apiMessage(chat: PreviewChat, message: ChatMessage) {
    return {
      message_id: message.message_id,
      date: message.date,
      chat: privateChat(chat),
      from: message.from === "bot" ? BOT_USER : person(chat),
      text: message.html ? plainText(message.text) : message.text,
      ...(message.keyboard ? { reply_markup: { inline_keyboard: message.keyboard } } : {}),
    };
  }

  function send(chat: PreviewChat, text: string, forwarded: boolean): ChatMessage {
    const message: ChatMessage = { message_id: chat.nextMessageId++, from: "user", text, html: false, forwarded, keyboard: undefined, date: now() };
    chat.messages.set(message.message_id, message);
    emit({ chat_id: chat.id, kind: "message", message });
    const command = /^\/\w+(@\w+)?/.exec(text);
    queue({
      message: {
        ...apiMessage(chat, message),
        ...(command ? { entities: [{ type: "bot_command", offset: 0, length: command[0].length }] } : {}),
        ...(forwarded ? { forward_origin: { type: "hidden_user", sender_user_name: "Preview", date: now() } } : {}),
      },
    } as Omit<Update, "update_id">);
    return message;
  }

  return {
    chats,
    commands,
    descriptions,
    calls,
    callbackChats,

    // The person's side (the browser page).
    openChat(languageCode: string, payload: string): PreviewChat {
      const chat: PreviewChat = { id: nextChatId++, languageCode, payload, messages: new Map(), nextMessageId: 1 };
      chats.set(chat.id, chat);
      emit({ chat_id: chat.id, kind: "chat", chat: summary(chat) });
      send(chat, payload ? `/start ${payload}` : "/start", false);
      return chat;
    },
    closeChat(chat: PreviewChat): void {
      chats.delete(chat.id);
      emit({ chat_id: chat.id, kind: "closed" });
    },
    send,
    /** false when the message or the button is not there (any more). */
    tap(chat: PreviewChat, messageId: number, data: string): boolean {
      const message = chat.messages.get(messageId);
      const pressed = message?.keyboard?.flat().some((b) => b.callback_data === data);
      if (!message || !pressed) return false;
      const id = String(nextCallbackId++);
      callbackChats.set(id, chat.id);
      if (callbackChats.size > EVENTS_KEPT) callbackChats.delete(callbackChats.keys().next().value!);
      queue({
        callback_query: { id, from: person(chat), message: apiMessage(chat, message), chat_instance: String(chat.id), data },
      } as Omit<Update, "update_id">);
      return true;
    },
    /** Events after `after`, waiting up to `seconds` for one. */
    async eventsAfter(after: number, seconds: number, abort?: AbortSignal): Promise<{ seq: number; events: PreviewEvent[] }> {
      if (seq <= after) await eventSignal.wait(seconds, abort);
      return { seq, events: events.filter((e) => e.seq > after) };
    },
    snapshot() {
      return { seq, chats: [...chats.values()].map(summary) };
    },

    // The bot's side (the local Bot API).
    async takeUpdates(offset: number | undefined, limit: number, seconds: number, abort?: AbortSignal): Promise<Update[]> {
      if (offset !== undefined) {
        // As Telegram: an offset confirms every update before it; a negative one counts from the end.
        const from = offset < 0 ? Math.max(0, updates.length + offset) : updates.findIndex((u) => u.update_id >= offset);
        updates.splice(0, from < 0 ? updates.length : from);
      }
      if (updates.length === 0) await updateSignal.wait(seconds, abort);
      return updates.slice(0, limit);
    },
    botSends(chat: PreviewChat, text: string, html: boolean, keyboard: ChatMessage["keyboard"]) {
      const message: ChatMessage = { message_id: chat.nextMessageId++, from: "bot", text, html, forwarded: false, keyboard, date: now() };
      chat.messages.set(message.message_id, message);
      emit({ chat_id: chat.id, kind: "message", message });
      return apiMessage(chat, message);
    },
    botEdits(chat: PreviewChat, message: ChatMessage, change: Partial<Pick<ChatMessage, "text" | "html" | "keyboard">>) {
      const edited = { ...message, ...change };
      chat.messages.set(message.message_id, edited);
      emit({ chat_id: chat.id, kind: "edit", message: edited });
      return apiMessage(chat, edited);
    },
    botDeletes(chat: PreviewChat, messageId: number): boolean {
      if (!chat.messages.delete(messageId)) return false;
      emit({ chat_id: chat.id, kind: "delete", message_id: messageId });
      return true;
    },
    botNotice(chat: PreviewChat, text: string, alert: boolean): void {
      emit({ chat_id: chat.id, kind: "notice", text, alert });
    },
    /** Ends every wait at once (the bot and the pages stop waiting); used when stopping. */
    close(): void {
      updateSignal.close();
      eventSignal.close();
    },
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"' };

/** Telegram HTML without its tags, entities decoded: what Telegram counts and returns. */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#(\d+));/g, (_all, name: string, code?: string) => (code ? String.fromCodePoint(Number(code)) : ENTITIES[name]!));
}
