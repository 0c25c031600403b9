// Small helpers for the dashboard's requests and responses (plain node:http, no framework).
import type http from "node:http";
import { readBody } from "../server/webhook.js";

export type Request = http.IncomingMessage;
export type Response = http.ServerResponse;

/** Every response of the bot's HTTP server carries these. */
export const SECURITY_HEADERS: Record<string, string> = {
  "strict-transport-security": "max-age=63072000; includeSubDomains",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

export function html(res: Response, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(body);
}

export function redirect(res: Response, location: string, cookies: string[] = []): void {
  res.writeHead(303, { location, ...(cookies.length ? { "set-cookie": cookies } : {}) });
  res.end();
}

export function download(res: Response, type: string, filename: string, body: string | Buffer): void {
  res.writeHead(200, { "content-type": type, "content-disposition": `attachment; filename="${filename}"` });
  res.end(body);
}

export function cookies(req: Request): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

/** A form post's fields; undefined if the body is not a form or is too big. */
export async function formFields(req: Request): Promise<URLSearchParams | undefined> {
  if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return undefined;
  try {
    return new URLSearchParams(await readBody(req, 16 * 1024));
  } catch {
    return undefined;
  }
}

/**
 * A POST must come from a page of this server (on top of SameSite=Strict cookies, against
 * CSRF). Browsers say so in Sec-Fetch-Site; with our no-referrer policy they send
 * "Origin: null" on form posts, so Origin counts only when it names this host.
 */
export function sameOrigin(req: Request): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined) return site === "same-origin";
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** The client's address, for the failed-login limit (kept in memory only). */
export function clientAddress(req: Request): string {
  return req.socket.remoteAddress ?? "unknown";
}

export const escape = (value: unknown): string =>
  String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
