// Keeps, in the session, the ids of the messages of the last 48 hours in a chat (the user's
// and the bot's), so that /forget can delete them: Telegram lets a bot delete messages in a
// private chat for 48 hours. Only the id and the hour are kept.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "./context.js";
import type { SentMessages } from "./api-transformers.js";
import type { Clock } from "../session/storage.js";

export const RECENT_HOURS = 48;
export const MAX_RECENT = 500;
const HOUR_MS = 3_600_000;

export function recentMessages(sent: SentMessages, clock: Clock): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const received = ctx.message?.message_id;
    try {
      await next();
    } finally {
      const ids = ctx.chatId === undefined ? [] : sent.take(ctx.chatId);
      // After /forget the session is gone (null) and must stay gone.
      if (ctx.session) {
        const hour = Math.floor(clock.now().getTime() / HOUR_MS);
        const kept = new Map((ctx.session.recent ?? []).filter(([, h]) => hour - h < RECENT_HOURS));
        for (const id of received === undefined ? ids : [received, ...ids]) if (!kept.has(id)) kept.set(id, hour);
        const recent = [...kept].slice(-MAX_RECENT);
        if (recent.length > 0 || ctx.session.recent) ctx.session.recent = recent;
      }
    }
  };
}
