// A Telegram Bot API on localhost for end-to-end tests: telegram-test-api, extended with
// what it lacks (long-polling getUpdates, setMyCommands and the descriptions, the webhook's
// secret header), and a TestUser that plays a person in a chat.
import { TelegramServer } from "telegram-test-api/lib/telegramServer.js";
import { routes } from "telegram-test-api/lib/routes/index.js";
import type { Express, Request, Response } from "express";
import { freePort } from "./ports.js";

export const TEST_TOKEN = "123456789:TEST_token_for_the_emulator_only";

type Route = (app: Express, server: Extended) => void;
type Extended = TelegramServer & { harness: Harness };

export interface RecordedCall {
  method: string;
  body: Record<string, unknown>;
}

const USER_EVENTS = ["AddedUserMessage", "AddedUserCommand", "AddedUserCallbackQuery"];
const BOT_EVENTS = ["AddedBotMessage", "EditedMessageText", "EditedMessageReplyMarkup", "Recorded"];

/** getUpdates that waits (up to 2 s) for an update instead of answering at once. */
const longPolling: Route = (app, server) => {
  app.all("/bot:token/getUpdates", (req: Request, res: Response) => {
    const token = String(req.params.token);
    const answer = () => {
      stopWaiting();
      if (res.writableEnded || req.socket.destroyed) return;
      const raw = server.harness.rawUpdates.splice(0);
      res.json({ ok: true, result: [...server.getUpdates(token), ...raw] });
    };
    const pending = () =>
      server.harness.rawUpdates.length > 0 ||
      server.storage.userMessages.some((u: { botToken: string; isRead: boolean }) => u.botToken === token && !u.isRead);
    const timer = setTimeout(answer, 2000);
    const stopWaiting = () => {
      clearTimeout(timer);
      for (const e of USER_EVENTS) server.off(e, onUpdate);
      req.socket.off("close", stopWaiting);
    };
    const onUpdate = () => setImmediate(answer);
    req.socket.once("close", stopWaiting);
    if (pending()) return answer();
    for (const e of USER_EVENTS) server.on(e, onUpdate);
  });
};

/** Methods the emulator lacks: recorded, answered with success. */
const recorded: Route = (app, server) => {
  for (const method of ["setMyCommands", "setMyDescription", "setMyShortDescription", "answerInlineQuery"]) {
    app.all(`/bot:token/${method}`, (req: Request, res: Response) => {
      server.harness.calls.push({ method, body: req.body as Record<string, unknown> });
      server.emit("Recorded");
      res.json({ ok: true, result: true });
    });
  }
  // Deletes the bot's messages it names from the chat (the emulator keeps no user messages to delete).
  app.all("/bot:token/deleteMessages", (req: Request, res: Response) => {
    const body = req.body as { chat_id: number | string; message_ids: number[] };
    server.harness.calls.push({ method: "deleteMessages", body });
    const ids = new Set(body.message_ids);
    const kept = (server.storage.botMessages as unknown as StoredBotMessage[]).filter(
      (m) => !(String(m.message.chat_id) === String(body.chat_id) && ids.has(m.messageId)),
    );
    (server.storage as unknown as { botMessages: StoredBotMessage[] }).botMessages = kept;
    server.emit("Recorded");
    res.json({ ok: true, result: true });
  });
  app.all("/bot:token/setWebhook", (req: Request, res: Response) => {
    const body = req.body as { url: string; secret_token?: string };
    server.harness.calls.push({ method: "setWebhook", body });
    server.setWebhook(body, String(req.params.token));
    res.json({ ok: true, result: true });
  });
};

/** Holds calls to a method until the test releases them (see Harness.hold). */
const gate: Route = (app, server) => {
  app.use("/bot:token/:method", (req: Request, res: Response, next: () => void) => {
    const failure = server.harness.failures.get(String(req.params.method));
    if (failure) {
      server.harness.failures.delete(String(req.params.method));
      res.status(failure.error_code).json({ ok: false, ...failure });
      return;
    }
    const held = server.harness.holds.get(String(req.params.method));
    if (!held) return next();
    held.arrived();
    void held.released.then(next);
  });
};

let installed = false;
function installRoutes(): void {
  if (installed) return;
  installed = true;
  (routes as unknown as Route[]).unshift(gate, longPolling, recorded);
}

export interface Harness {
  server: TelegramServer;
  apiRoot: string;
  calls: RecordedCall[];
  /** Updates the emulator cannot make itself (inline queries), waiting for getUpdates. */
  rawUpdates: Record<string, unknown>[];
  /** Sends an update the emulator has no client method for, by polling or webhook as the bot uses. */
  deliver(update: Record<string, unknown>): Promise<void>;
  /** HTTP statuses the bot's webhook answered, in order. */
  webhookStatuses: number[];
  user(options?: UserOptions): TestUser;
  failures: Map<string, { error_code: number; description: string; parameters?: { retry_after?: number } }>;
  /** The next call to `method` fails with this Bot API error. */
  failNext(method: string, error_code: number, description: string, parameters?: { retry_after?: number }): void;
  holds: Map<string, { arrived(): void; released: Promise<void> }>;
  /** From now on, calls to `method` wait until `release()`; `reached` resolves when one arrives. */
  hold(method: string): { reached: Promise<void>; release(): void };
  /** Resolves when `check` is true, re-checking whenever the bot does something. */
  until<T>(check: () => T | undefined | false): Promise<T>;
  stop(): Promise<void>;
}

export async function startTelegram(): Promise<Harness> {
  installRoutes();
  const port = await freePort();
  const server = new TelegramServer({ port, host: "127.0.0.1", storeTimeout: 600 }) as Extended;
  let nextChat = 1000;
  const harness: Harness = {
    server,
    apiRoot: `http://127.0.0.1:${port}`,
    calls: [],
    webhookStatuses: [],
    rawUpdates: [],
    deliver: async (update) => {
      const s = server as unknown as { updateId: number; webhooks: Record<string, { url: string; secret_token?: string }> };
      const full = { update_id: s.updateId++, ...update };
      const hook = s.webhooks[TEST_TOKEN];
      if (!hook) {
        harness.rawUpdates.push(full);
        server.emit("AddedUserMessage");
        return;
      }
      await postToWebhook(harness, hook, full);
    },
    holds: new Map(),
    failures: new Map(),
    failNext: (method, error_code, description, parameters) => harness.failures.set(method, { error_code, description, ...(parameters ? { parameters } : {}) }),
    hold(method) {
      let arrived!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      harness.holds.set(method, { arrived, released });
      return {
        reached,
        release: () => {
          harness.holds.delete(method);
          release();
        },
      };
    },
    user: (options = {}) => new TestUser(harness, { chatId: nextChat++, ...options }),
    until: (check) =>
      new Promise((resolve) => {
        const attempt = () => {
          const value = check();
          if (value === undefined || value === false) return;
          for (const e of BOT_EVENTS) server.off(e, attempt);
          resolve(value);
        };
        for (const e of BOT_EVENTS) server.on(e, attempt);
        attempt();
      }),
    stop: async () => {
      await server.stop();
    },
  };
  server.harness = harness;
  overrideWebhookDelivery(server);
  await server.start();
  return harness;
}

/** Delivers updates to the webhook as Telegram does: with the secret header; failures do not throw. */
function overrideWebhookDelivery(server: Extended): void {
  const webhooks = (server as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> }).webhooks;
  const original = (server as unknown as { addUserUpdate(u: unknown): Promise<void> }).addUserUpdate.bind(server);
  Object.assign(server, {
    async addUserUpdate(update: { botToken: string }) {
      const hook = webhooks[update.botToken];
      if (!hook) return original(update);
      const s = server as unknown as { updateId: number };
      const body = (TelegramServer as unknown as { formatUpdate(u: unknown): unknown }).formatUpdate(update);
      s.updateId++;
      await postToWebhook(server.harness, hook, body);
    },
  });
}

/** Posts an update to the webhook; a server error gets it sent again (twice at most), as Telegram does. */
async function postToWebhook(harness: Harness, hook: { url: string; secret_token?: string }, update: unknown): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const response = await fetch(hook.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": hook.secret_token ?? "" },
      body: JSON.stringify(update),
    });
    await response.arrayBuffer();
    harness.webhookStatuses.push(response.status);
    if (response.status < 500) return;
  }
}

export interface UserOptions {
  chatId?: number;
  firstName?: string;
  languageCode?: string;
  chatType?: "private" | "group" | "supergroup";
}

export interface BotMessage {
  messageId: number;
  text: string;
  buttons: { text: string; data: string }[];
  parseMode: string | undefined;
}

interface StoredBotMessage {
  messageId: number;
  message: {
    chat_id: number | string;
    text: string;
    parse_mode?: string;
    reply_markup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
  };
}

export class TestUser {
  readonly chatId: number;
  /** Messages already read with nextReply (by id: /forget deletes messages from the chat). */
  private readonly seen = new Set<number>();

  constructor(
    private readonly harness: Harness,
    private readonly options: UserOptions & { chatId: number },
  ) {
    this.chatId = options.chatId;
  }

  private get client() {
    return this.harness.server.getClient(TEST_TOKEN, {
      chatId: this.chatId,
      userId: this.chatId,
      firstName: this.options.firstName ?? "Test",
      userName: `tester${this.chatId}`,
      type: this.options.chatType ?? "private",
    });
  }

  private from() {
    return this.options.languageCode ? { from: { language_code: this.options.languageCode } } : {};
  }

  /** Types a text or a command and sends it. */
  async send(text: string): Promise<void> {
    const server = this.harness.server;
    if (text.startsWith("/")) await server.addUserCommand(this.client.makeCommand(text, this.from()) as never);
    else await server.addUserMessage(this.client.makeMessage(text, this.from()) as never);
  }

  /** Forwards a message from someone else (a job ad from a group, say). */
  async forward(text: string): Promise<void> {
    const origin = { forward_origin: { type: "hidden_user", sender_user_name: "Jobs abroad", date: 1 } };
    await this.harness.server.addUserMessage(this.client.makeMessage(text, { ...this.from(), ...origin } as never) as never);
  }

  /** Opens the menu with /menu and taps the entry whose label contains `label`. */
  async fromMenu(label: string): Promise<void> {
    await this.send("/menu");
    await this.tap(await this.nextReply(), label);
  }

  /** Types "@bot <query>" in any chat: an inline query, answered with cards to share. */
  async inlineQuery(query: string): Promise<void> {
    const from = { id: this.chatId, is_bot: false, first_name: "Test", ...(this.options.languageCode ? { language_code: this.options.languageCode } : {}) };
    await this.harness.deliver({ inline_query: { id: `iq${this.chatId}${query.length}`, from, query, offset: "" } });
  }

  /** Taps the button whose label contains `label` under the given message. */
  async tap(message: BotMessage, label: string): Promise<void> {
    const button = message.buttons.find((b) => b.text.includes(label));
    if (!button) throw new Error(`no button "${label}" in: ${message.buttons.map((b) => b.text).join(" | ")}`);
    await this.tapData(message.messageId, button.data);
  }

  async tapData(messageId: number, data: string): Promise<void> {
    const query = this.client.makeCallbackQuery(data, { ...this.from(), message: { message_id: messageId } });
    await this.harness.server.addUserCallback(query as never);
  }

  private all(): StoredBotMessage[] {
    return (this.harness.server.storage.botMessages as unknown as StoredBotMessage[]).filter(
      (m) => String(m.message.chat_id) === String(this.chatId),
    );
  }

  /** Waits for the next message the bot sends to this chat. */
  async nextReply(): Promise<BotMessage> {
    const stored = await this.harness.until(() => this.all().find((m) => !this.seen.has(m.messageId)));
    this.seen.add(stored.messageId);
    return toBotMessage(stored);
  }

  /** Every message the bot sent to this chat so far, read or not. */
  history(): BotMessage[] {
    return this.all().map(toBotMessage);
  }
}

function toBotMessage(stored: StoredBotMessage): BotMessage {
  const rows = stored.message.reply_markup?.inline_keyboard ?? [];
  return {
    messageId: stored.messageId,
    text: stored.message.text,
    parseMode: stored.message.parse_mode,
    buttons: rows.flat().map((b) => ({ text: b.text, data: b.callback_data ?? "" })),
  };
}
