import type { MiddlewareFn } from "grammy";

/**
 * Counts the updates being handled, so that shutdown can wait for them to finish, and lets at
 * most `limit` be handled at once: the others wait their turn, in the order they came (so a
 * chat's updates keep their order, and sequentialize never waits on one still queued here).
 * Under a burst, a bounded number in flight keeps each update's cost flat instead of letting
 * hundreds interleave on the one event loop (docs/performance.md).
 *
 * Most of an update's time in flight is spent waiting for Telegram, so the limit also caps
 * throughput at about limit / round trips: 16 gave 145 updates/s with 50 ms round trips when
 * a tap's answer and reply went one after the other; 128 leaves the CPU as the limit (545
 * updates/s in the same run). A tap now waits one round trip (answer-buttons.ts).
 */
export interface InFlight {
  middleware: MiddlewareFn;
  /** Resolves when every update being handled or waiting now is done. */
  drained(): Promise<void>;
}

export const DEFAULT_IN_FLIGHT_LIMIT = 128;

export function createInFlight(limit = DEFAULT_IN_FLIGHT_LIMIT): InFlight {
  const running = new Set<Promise<void>>();
  const waiting: (() => void)[] = [];
  let active = 0;

  async function handle(next: () => Promise<void>): Promise<void> {
    // A free slot is taken only when nobody is waiting: no update overtakes one queued earlier.
    if (active < limit && waiting.length === 0) active++;
    else await new Promise<void>((turn) => waiting.push(turn)); // the slot is handed over
    try {
      await next();
    } finally {
      const turn = waiting.shift();
      if (turn) turn();
      else active--;
    }
  }

  return {
    middleware: async (_ctx, next) => {
      const handling = handle(next);
      running.add(handling);
      try {
        await handling;
      } finally {
        running.delete(handling);
      }
    },
    drained: async () => {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
