// The preview's chat page and the JSON endpoints it uses to play the person in each chat:
// open a chat (Telegram language, /start payload), send a text (or a forwarded one), tap a
// button, close a chat, and follow what happens (a long poll of events).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { escape, html, sameOrigin, type Request, type Response } from "../dashboard/http-kit.js";
import { readBody } from "../server/webhook.js";
import type { Translations } from "../i18n/index.js";
import { LANGUAGES, isLanguage, type Language } from "../i18n/languages.js";
import { BOT_USER, type PreviewTelegram } from "./telegram.js";

const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "assets");
const ASSETS: Record<string, string> = {
  "/preview/preview.js": "text/javascript; charset=utf-8",
  "/preview/preview.css": "text/css; charset=utf-8",
};
/** How long a page's poll for events waits before it is answered with nothing. */
const POLL_SECONDS = 20;

const newChat = z.strictObject({
  language_code: z.string().regex(/^[a-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/),
  payload: z.string().max(64).regex(/^[A-Za-z0-9_-]*$/),
});
const message = z.strictObject({ text: z.string().min(1).max(4096), forwarded: z.boolean().default(false) });
const tap = z.strictObject({ message_id: z.number().int(), data: z.string().min(1).max(64) });

function json(res: Response, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function jsonBody(req: Request): Promise<unknown> {
  if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) return undefined;
  try {
    return JSON.parse(await readBody(req, 64 * 1024)) as unknown;
  } catch {
    return undefined;
  }
}

function pickLanguage(req: Request, url: URL): Language {
  const asked = url.searchParams.get("lang");
  if (isLanguage(asked)) return asked;
  for (const part of String(req.headers["accept-language"] ?? "").split(",")) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return "en";
}

export interface PreviewPageDeps {
  telegram: PreviewTelegram;
  pageText: Translations;
  botText: Translations;
}

export function createPreviewPage(deps: PreviewPageDeps) {
  const { telegram } = deps;
  const names = LANGUAGES.map((l) => ({ code: l, name: deps.botText.t(l)("language.name") }));

  function page(lang: Language): string {
    const w = deps.pageText.t(lang);
    const words = Object.fromEntries(["message", "send", "forward", "forwarded", "commands", "close", "edited", "offline", "telegram_language", "start_payload"].map((k) => [k, w(k)]));
    const data = JSON.stringify({ words, languages: names, bot: BOT_USER.first_name }).replace(/</g, "\\u003c");
    const options = names.map((n) => `<option value="${n.code}"${n.code === lang ? " selected" : ""}>${escape(n.name)}</option>`).join("");
    const pageLanguages = names
      .map((n) => (n.code === lang ? `<strong>${escape(n.name)}</strong>` : `<a href="/preview?lang=${n.code}" hreflang="${n.code}">${escape(n.name)}</a>`))
      .join(" ");
    return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w("title")}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/preview/preview.css"></head>
<body>
<header>
  <div class="brand"><strong>${w("title")}</strong><span>${w("intro")}</span></div>
  <form id="new-chat">
    <label>${w("telegram_language")} <select name="language_code">${options}</select></label>
    <label>${w("start_payload")} <input name="payload" placeholder="${escape(w("payload_hint"))}" autocomplete="off" pattern="[A-Za-z0-9_\\-]*" maxlength="64"></label>
    <button type="submit">${w("new_chat")}</button>
  </form>
  <nav><a href="/dashboard" target="_blank" rel="noopener" title="${escape(w("dashboard_hint"))}">${w("dashboard")}</a></nav>
</header>
<main id="chats"><p class="empty">${w("empty")}</p></main>
<footer><span>${w("page_language")}:</span> ${pageLanguages}</footer>
<script type="application/json" id="preview-data">${data}</script>
<script src="/preview/preview.js"></script>
</body></html>`;
  }

  async function api(req: Request, res: Response, route: string, url: URL): Promise<void> {
    if (req.method === "GET" && route === "/preview/api/state") {
      return json(res, 200, { ...telegram.snapshot(), commands: Object.fromEntries(telegram.commands) });
    }
    if (req.method === "GET" && route === "/preview/api/events") {
      const after = Number(url.searchParams.get("after") ?? 0);
      const abort = new AbortController();
      res.on("close", () => abort.abort());
      return json(res, 200, await telegram.eventsAfter(Number.isFinite(after) ? after : 0, POLL_SECONDS, abort.signal));
    }
    if (req.method !== "POST") return json(res, 405, { error: "method not allowed" });
    if (!sameOrigin(req)) return json(res, 403, { error: "only from the preview's page" });
    const body = await jsonBody(req);
    if (route === "/preview/api/chats") {
      const input = newChat.safeParse(body);
      if (!input.success) return json(res, 400, { error: "bad chat" });
      const chat = telegram.openChat(input.data.language_code, input.data.payload);
      return json(res, 200, { id: chat.id });
    }
    const chatRoute = /^\/preview\/api\/chats\/(\d+)\/(messages|taps|close)$/.exec(route);
    const chat = chatRoute ? telegram.chats.get(Number(chatRoute[1])) : undefined;
    if (!chat) return json(res, 404, { error: "no such chat" });
    if (chatRoute![2] === "close") {
      telegram.closeChat(chat);
      return json(res, 200, { ok: true });
    }
    if (chatRoute![2] === "messages") {
      const input = message.safeParse(body);
      if (!input.success) return json(res, 400, { error: "bad message" });
      return json(res, 200, telegram.send(chat, input.data.text, input.data.forwarded));
    }
    const input = tap.safeParse(body);
    if (!input.success) return json(res, 400, { error: "bad tap" });
    return json(res, 200, { ok: telegram.tap(chat, input.data.message_id, input.data.data) });
  }

  return async (req: Request, res: Response): Promise<boolean> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = url.pathname;
    if (route === "/" && req.method === "GET") {
      res.writeHead(303, { location: "/preview" });
      res.end();
      return true;
    }
    if (route !== "/preview" && !route.startsWith("/preview/")) return false;
    if (route === "/preview" && req.method === "GET") {
      html(res, 200, page(pickLanguage(req, url)));
      return true;
    }
    const type = ASSETS[route];
    if (type && req.method === "GET") {
      res.writeHead(200, { "content-type": type });
      res.end(await fs.promises.readFile(path.join(ASSET_DIR, path.basename(route))));
      return true;
    }
    if (route.startsWith("/preview/api/")) {
      await api(req, res, route, url);
      return true;
    }
    return false;
  };
}
