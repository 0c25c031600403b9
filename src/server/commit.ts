// Webhook mode: Telegram is told an update arrived (200) only after what the update changed is
// committed — its chat state, its trend counts and its id in SeenUpdate — in one transaction.
// Updates handled at the same time share a transaction: the next one starts as soon as the
// previous ends (group commit, no timer). So a replica that dies at any moment leaves either
// nothing of an update (Telegram sends it again, to another replica, which handles it afresh)
// or all of it (the redelivery is recognised by its id and acknowledged without running).
// If the database refuses the commit: an update that changed chat state is answered 503 and
// forgotten, so Telegram sends it again; one that did not keeps its counts for a later flush.
import type { Logger } from "pino";
import type { Provider } from "../db/provider.js";
import type { Sql } from "../db/sql.js";
import type { Trends } from "../analytics/trends.js";
import type { Metrics } from "../metrics.js";
import { saveChatState, type Clock } from "../session/storage.js";
import { inScope, newScope, type UpdateScope } from "../db/update-scope.js";
import { errorFields } from "../bot/errors.js";

/** done: answer 200; retry: answer 503, nothing of the update was kept. */
export type Outcome = "done" | "duplicate" | "retry";

export interface CommitDeps {
  /** Whether an update was committed before is asked here, on the driver adapter (src/db/sql.ts). */
  sql: Sql;
  provider: Provider;
  trends: Trends;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  /** The most updates in one transaction. */
  maxBatch?: number;
}

export interface Committer {
  /** Runs the update's handler in its own scope, then commits what it changed. */
  handle(updateId: number, run: () => Promise<void>): Promise<Outcome>;
}

interface Waiting {
  scope: UpdateScope;
  settle(result: { ok: boolean; duplicate: boolean }): void;
}

export function createCommitter(deps: CommitDeps): Committer {
  const { sql, provider, trends, clock, logger } = deps;
  const maxBatch = deps.maxBatch ?? 200;
  let queue: Waiting[] = [];
  let writing = false;
  let failing = false;

  async function write(batch: Waiting[]): Promise<void> {
    const first = new Map<number, UpdateScope>();
    for (const { scope } of batch) if (!first.has(scope.updateId)) first.set(scope.updateId, scope);
    try {
      const counts = new Map([...first].map(([id, scope]) => [id, scope.counts]));
      const duplicates = new Set(
        await trends.writeNow(counts, async (tx, fresh) => {
          for (const id of fresh) for (const [key, json] of first.get(id)!.writes) await saveChatState(tx, provider, key, json, clock);
        }),
      );
      if (failing) logger.info("updates committed again after a failure");
      failing = false;
      for (const w of batch) w.settle({ ok: true, duplicate: duplicates.has(w.scope.updateId) || first.get(w.scope.updateId) !== w.scope });
    } catch (error) {
      deps.metrics?.databaseErrors.inc({ operation: "commit" });
      if (!failing) logger.warn(errorFields(error), "updates not committed: the database did not answer");
      failing = true;
      for (const w of batch) w.settle({ ok: false, duplicate: false });
    }
  }

  async function drain(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(maxBatch);
        await write(batch);
      }
    } finally {
      writing = false;
    }
  }

  const commit = (scope: UpdateScope) =>
    new Promise<{ ok: boolean; duplicate: boolean }>((settle) => {
      queue.push({ scope, settle });
      void drain();
    });

  const seenSql = `SELECT 1 AS "seen" FROM "SeenUpdate" WHERE "updateId" = ${provider === "postgres" ? "$1" : "?"}`;
  /** Committed before by this replica or another; unknown (false) if the database is down. */
  const seenBefore = (updateId: number) =>
    sql.query(seenSql, updateId).then(
      (rows) => rows.length > 0,
      () => false,
    );

  return {
    async handle(updateId, run) {
      if (await seenBefore(updateId)) return "duplicate";
      const scope = newScope(updateId);
      try {
        await inScope(scope, run);
      } catch (error) {
        trends.release(updateId);
        throw error;
      }
      const result = await commit(scope);
      if (result.ok) return result.duplicate ? "duplicate" : "done";
      if (scope.writes.size > 0) {
        trends.release(updateId);
        return "retry";
      }
      trends.keep(updateId, scope.counts);
      return "done";
    },
  };
}
