// What one update changes (its chat state and its trend counts), held in memory while the
// update is handled so that it can be committed in one transaction before Telegram is told
// the update arrived (webhook mode, see src/server/commit.ts). Outside a scope, storage and
// trends write as usual.
import { AsyncLocalStorage } from "node:async_hooks";

export interface UpdateScope {
  updateId: number;
  /** Chat-state rows to write, as JSON, or null to delete; the last change per key wins. */
  writes: Map<string, string | null>;
  /** Trend counts of this update, by counter key string. */
  counts: Map<string, number>;
}

const scopes = new AsyncLocalStorage<UpdateScope>();

export function newScope(updateId: number): UpdateScope {
  return { updateId, writes: new Map(), counts: new Map() };
}

/** Runs `work` with `scope` as the current update's scope. */
export function inScope<T>(scope: UpdateScope, work: () => Promise<T>): Promise<T> {
  return scopes.run(scope, work);
}

export function currentScope(): UpdateScope | undefined {
  return scopes.getStore();
}
