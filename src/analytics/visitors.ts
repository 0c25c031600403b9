// Distinct people per UTC day, without keeping who they are. Each chat id is hashed with a
// random key that exists only in this process's memory and is replaced at 00:00 UTC, the old
// key and the day's hashes discarded. Only the count of new hashes leaves this module.
// With several replicas, or after a restart, one person can count more than once in a day:
// the figure is an upper bound (docs/trends.md).
import crypto from "node:crypto";
import type { Clock } from "../session/storage.js";
import { utcDay } from "./events.js";

export interface Visitors {
  /** True the first time this chat is seen today. */
  see(chatId: number): boolean;
  /** Replaces the key if the UTC day changed; the timer calls this at midnight. */
  rotate(): void;
  /** Starts the timer that rotates the key at 00:00 UTC. */
  start(): void;
  stop(): void;
  /** For tests: how many distinct chats today, and a fingerprint of the key (never the key). */
  readonly size: number;
  readonly keyId: string;
}

export function createVisitors(clock: Clock, randomKey: () => Buffer = () => crypto.randomBytes(32)): Visitors {
  let day = utcDay(clock.now());
  let key = randomKey();
  let seen = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  function rotate(): void {
    const today = utcDay(clock.now());
    if (today === day) return;
    day = today;
    key = randomKey();
    seen = new Set();
  }

  function schedule(): void {
    const now = clock.now();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    timer = setTimeout(() => {
      rotate();
      schedule();
    }, midnight - now.getTime() + 1);
    timer.unref();
  }

  return {
    see(chatId) {
      rotate();
      // 64 bits of the HMAC: collisions are negligible for a day's users, and memory small.
      const hash = crypto.createHmac("sha256", key).update(String(chatId)).digest("base64url").slice(0, 11);
      if (seen.has(hash)) return false;
      seen.add(hash);
      return true;
    },
    rotate,
    start: schedule,
    stop: () => clearTimeout(timer),
    get size() {
      return seen.size;
    },
    get keyId() {
      return crypto.createHash("sha256").update(key).digest("hex").slice(0, 8);
    },
  };
}
