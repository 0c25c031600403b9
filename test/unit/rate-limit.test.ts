// One chat flooding the bot gets a small burst, then one update a second; others are not slowed.
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/bot/rate-limit.js";

function clockAt(ms: number) {
  let now = ms;
  return { now: () => new Date(now), advance: (by: number) => (now += by) };
}

describe("the per-chat rate limit", () => {
  it("lets a burst through, then one update per second", () => {
    const clock = clockAt(0);
    const limiter = createRateLimiter(clock, { burst: 5, perSecond: 1 });
    const first = Array.from({ length: 8 }, () => limiter.allow(1));
    expect(first).toEqual([true, true, true, true, true, false, false, false]);
    clock.advance(999);
    expect(limiter.allow(1)).toBe(false);
    clock.advance(1);
    expect(limiter.allow(1)).toBe(true);
    expect(limiter.allow(1)).toBe(false);
    clock.advance(60_000);
    expect(Array.from({ length: 6 }, () => limiter.allow(1)).filter(Boolean)).toHaveLength(5); // back to a full burst, no more
  });

  it("keeps each chat's bucket apart", () => {
    const limiter = createRateLimiter(clockAt(0), { burst: 2, perSecond: 1 });
    expect([limiter.allow(1), limiter.allow(1), limiter.allow(1)]).toEqual([true, true, false]);
    expect(limiter.allow(2)).toBe(true);
  });

  it("remembers a bounded number of chats", () => {
    const limiter = createRateLimiter(clockAt(0), { burst: 2, perSecond: 1, maxChats: 1000 });
    for (let chat = 0; chat < 50_000; chat++) limiter.allow(chat);
    expect(limiter.size).toBe(1000);
  });
});
