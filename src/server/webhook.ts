import type { Api } from "grammy";
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import { z } from "zod";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Constant-time comparison that does not leak the secret's length either. */
export function secretMatches(given: string | string[] | undefined, secret: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (s: string) => crypto.createHash("sha256").update(s).digest();
  return crypto.timingSafeEqual(digest(given), digest(secret));
}

export const updateSchema = z.looseObject({ update_id: z.number().int().nonnegative() });

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The update types the bot handles; Telegram sends no others. */
export const ALLOWED_UPDATES = ["message", "callback_query", "inline_query"] as const;

/**
 * Telegram's most webhook requests at once per bot (its default is 40), shared by all replicas.
 * A request takes the update's round trips to Telegram, so 40 would cap every replica together
 * at about 400 updates a second with 50 ms calls (docs/scaling.md).
 */
export const WEBHOOK_MAX_CONNECTIONS = 100;

/** Tells Telegram where to post updates, with the secret and only the update types the bot handles. */
export function registerWebhook(api: Api, webhook: { url: string; secret: string }): Promise<true> {
  return api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: WEBHOOK_MAX_CONNECTIONS });
}
