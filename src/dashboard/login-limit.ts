// Failed logins, limited per account name and per client address: after MAX_FAILURES within
// WINDOW_MS, further attempts are refused without checking the password until the window
// passes. Kept in this process's memory, bounded; with several replicas each keeps its own.
import type { Clock } from "../session/storage.js";

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const MAX_KEYS = 10_000;

export interface LoginLimit {
  blocked(keys: string[]): boolean;
  failed(keys: string[]): void;
  succeeded(keys: string[]): void;
  /** How many names and addresses it remembers (bounded). */
  size(): number;
}

export function createLoginLimit(clock: Clock): LoginLimit {
  const failures = new Map<string, number[]>();
  const recent = (key: string) => {
    const now = clock.now().getTime();
    const times = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (times.length) failures.set(key, times);
    else failures.delete(key);
    return times;
  };
  return {
    blocked: (keys) => keys.some((key) => recent(key).length >= MAX_FAILURES),
    failed(keys) {
      for (const key of keys) {
        const times = [...recent(key), clock.now().getTime()].slice(-MAX_FAILURES);
        failures.delete(key); // re-inserted last: the oldest keys are the first evicted
        failures.set(key, times);
        if (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
      }
    },
    succeeded(keys) {
      for (const key of keys) failures.delete(key);
    },
    size: () => failures.size,
  };
}
