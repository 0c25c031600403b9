// Distinct people per UTC day, without keeping who they are. Each chat id is hashed with a
// random key that exists only in this process's memory and is replaced at 00:00 UTC, the old
// key and the day's hashes discarded. Only the count of new hashes leaves this module.
// With several replicas, or after a restart, one person can count more than once in a day:
// the figure is an upper bound (docs/trends.md).
import crypto from "node:crypto";
import type { Clock } from "../session/storage.js";
import { nextUtcMidnight, utcToday } from "./events.js";

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
  const today = utcToday(clock);
  let day = today();
  let key = randomKey();
  let hashOf = keyedHash(key);
  let seen = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  function rotate(): void {
    if (today() === day) return;
    day = today();
    key = randomKey();
    hashOf = keyedHash(key);
    seen = new Set();
  }

  function schedule(): void {
    const now = clock.now();
    timer = setTimeout(() => {
      rotate();
      schedule();
    }, nextUtcMidnight(now) - now.getTime() + 1);
    timer.unref();
  }

  return {
    see(chatId) {
      rotate();
      // 64 bits: collisions are negligible for a day's users, and memory small.
      const hash = hashOf(chatId);
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

/**
 * A chat id's hash under the day's key: SHA-256 of the key and the id, first 64 bits as
 * base64url. One call to Node's one-shot `crypto.hash`; `createHmac` built an Hmac object and
 * imported the key at every update, 19 µs of the bot's thread against 8 (docs/performance.md,
 * item 35). Secret-prefix SHA-256 is open to length extension, which matters for a MAC sent to
 * someone; these hashes never leave the process.
 */
function keyedHash(key: Buffer): (chatId: number) => string {
  const prefix = `${key.toString("base64")}:`;
  return (chatId) => crypto.hash("sha256", prefix + chatId, "base64url").slice(0, 11);
}
