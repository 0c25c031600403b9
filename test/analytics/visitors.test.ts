// Distinct people per day from a key that lives in memory and changes at midnight UTC.
import { describe, expect, it } from "vitest";
import { createVisitors } from "../../src/analytics/visitors.js";

function clockAt(iso: string) {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => (now = new Date(next)) };
}

describe("distinct people per day", () => {
  it("counts a chat once a day, however often it writes", () => {
    const visitors = createVisitors(clockAt("2026-11-28T10:00:00Z"));
    expect([visitors.see(1001), visitors.see(1001), visitors.see(1002), visitors.see(1001)]).toEqual([true, false, true, false]);
    expect(visitors.size).toBe(2);
  });

  it("replaces the key at 00:00 UTC and forgets the day's hashes", () => {
    const clock = clockAt("2026-11-28T23:59:59Z");
    const visitors = createVisitors(clock);
    visitors.see(1001);
    const before = visitors.keyId;
    clock.set("2026-11-29T00:00:00Z");
    visitors.rotate();
    expect(visitors.keyId).not.toBe(before);
    expect(visitors.size).toBe(0);
    expect(visitors.see(1001)).toBe(true); // a new day: counted again
  });

  it("starts a new day at midnight by itself, at the first chat seen after it", () => {
    const clock = clockAt("2026-11-28T23:59:59Z");
    const visitors = createVisitors(clock);
    expect(visitors.see(1001)).toBe(true);
    const before = visitors.keyId;
    clock.set("2026-11-29T00:00:00Z");
    expect(visitors.see(1001)).toBe(true);
    expect(visitors.keyId).not.toBe(before);
    expect(visitors.size).toBe(1);
    expect(visitors.see(1001)).toBe(false);
  });

  it("keeps the key within a day", () => {
    const clock = clockAt("2026-11-28T00:00:00Z");
    const visitors = createVisitors(clock);
    const key = visitors.keyId;
    clock.set("2026-11-28T23:59:59Z");
    visitors.rotate();
    expect(visitors.keyId).toBe(key);
  });

  it("rotates by itself at midnight, by its timer", async () => {
    const { vi } = await import("vitest");
    vi.useFakeTimers({ now: new Date("2026-11-28T23:59:00Z") });
    try {
      const visitors = createVisitors({ now: () => new Date() });
      visitors.start();
      visitors.see(1001);
      const before = visitors.keyId;
      vi.advanceTimersByTime(61_000);
      expect(visitors.keyId).not.toBe(before);
      expect(visitors.size).toBe(0);
      visitors.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
