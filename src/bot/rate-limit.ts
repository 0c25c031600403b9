// A per-chat token bucket: `burst` updates at once, then `perSecond` a second. Updates over
// the limit are dropped without a reply (a flood gets nothing to react to). The buckets live
// in memory only, at most `maxChats` of them: the least recently seen are forgotten first.
import type { Context, MiddlewareFn } from "grammy";
import type { Clock } from "../session/storage.js";

export interface RateLimitOptions {
  burst: number;
  perSecond: number;
  maxChats?: number;
}

export interface RateLimiter {
  /** True if this chat may have one more update now (and takes a token). */
  allow(key: number): boolean;
  readonly size: number;
}

export function createRateLimiter(clock: Clock, options: RateLimitOptions): RateLimiter {
  const maxChats = options.maxChats ?? 100_000;
  const buckets = new Map<number, { tokens: number; at: number }>();
  return {
    allow(key) {
      const now = clock.now().getTime();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
      buckets.delete(key); // re-inserted last: the map's order is least recently seen first
      const tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.at) / 1000) * options.perSecond);
      const allowed = tokens >= 1;
      buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
      if (buckets.size > maxChats) buckets.delete(buckets.keys().next().value!);
      return allowed;
    },
    get size() {
      return buckets.size;
    },
  };
}

/** Keyed by the chat, or by the sender for updates without a chat (inline queries). */
export function rateLimit<C extends Context>(limiter: RateLimiter, onDrop: (ctx: C) => void = () => undefined): MiddlewareFn<C> {
  return (ctx, next) => {
    const key = ctx.chatId ?? ctx.from?.id;
    if (key === undefined || limiter.allow(key)) return next();
    onDrop(ctx);
  };
}
