import type { MiddlewareFn } from "grammy";

/** Counts the updates being handled, so that shutdown can wait for them to finish. */
export interface InFlight {
  middleware: MiddlewareFn;
  /** Resolves when every update being handled now is done. */
  drained(): Promise<void>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<void>>();
  return {
    middleware: async (_ctx, next) => {
      const handling = next();
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
