// SQLite's write-ahead log folded back into the database by a worker thread, not by the bot's
// thread. With the default (a checkpoint every 1,000 pages, run by whichever write crosses the
// mark), one update in a few hundred stalled the event loop — every chat — for the 10–20 ms
// the checkpoint's fsyncs take (docs/performance.md). The worker has its own connection to the
// same file and runs a PASSIVE checkpoint every `everyMs`: it never blocks the bot's reads and
// writes, and the bot's connection stops checkpointing (`wal_autocheckpoint = 0`) only once the
// worker is running. If the worker fails later, the bot's connection checkpoints again.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

export interface CheckpointResult {
  /** Pages in the log, and how many of them are now in the database. */
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  /** Runs a checkpoint now and says what it did (the tests use it; the timer needs no call). */
  now(): Promise<CheckpointResult>;
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  everyMs?: number;
  /** Where better-sqlite3 is; resolved from here unless given (a test gives a wrong one). */
  driver?: string;
  /** Called if the worker fails after it started: the caller turns checkpoints back on. */
  onFailure?: (error: Error) => Promise<unknown> | void;
}

export const CHECKPOINT_EVERY_MS = 250;

// Plain JavaScript, so that the worker needs no TypeScript loader in development or production.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma("busy_timeout = 5000");
const checkpoint = () => db.pragma("wal_checkpoint(PASSIVE)")[0];
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message.type === "now") parentPort.postMessage({ type: "done", id: message.id, result: checkpoint() });
  if (message.type === "stop") {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: "ready" });
`;

interface Reply {
  type: "ready" | "done";
  id?: number;
  result?: { busy: number; log: number; checkpointed: number };
}

/** Starts the worker; resolves once it has opened the database, rejects if it could not. */
export function startCheckpointer(file: string, options: CheckpointerOptions = {}): Promise<Checkpointer> {
  const driver = options.driver ?? createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { file, driver, everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS } });
  worker.unref();
  const pending = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let started = false;
  let stopping = false;
  let exited = false;
  let failure: Error | undefined;

  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      if (!started) return reject(error);
      if (failure) return; // an error, then the exit that follows it
      failure = error;
      // Calls waiting on the worker fail once the caller has turned checkpoints back on.
      const calls = [...pending.values()];
      pending.clear();
      void Promise.resolve(stopping ? undefined : options.onFailure?.(error))
        .catch(() => undefined)
        .then(() => calls.forEach((call) => call.reject(error)));
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      exited = true;
      if (!stopping) fail(new Error(`the checkpoint worker exited (${code})`));
    });
    worker.on("message", (reply: Reply) => {
      if (reply.type === "ready") {
        started = true;
        resolve(checkpointer);
      } else if (reply.id !== undefined && reply.result) {
        pending.get(reply.id)?.resolve({ log: reply.result.log, checkpointed: reply.result.checkpointed });
        pending.delete(reply.id);
        if (pending.size === 0 && !stopping) worker.unref();
      }
    });
    const checkpointer: Checkpointer = {
      now: () =>
        new Promise((done, failed) => {
          if (failure || exited) return failed(failure ?? new Error("the checkpoint worker has stopped"));
          const id = nextId++;
          pending.set(id, { resolve: done, reject: failed });
          worker.ref(); // until the answer comes
          worker.postMessage({ type: "now", id });
        }),
      stop: async () => {
        if (stopping || exited) return;
        stopping = true;
        const gone = new Promise((ended) => worker.once("exit", ended));
        worker.ref(); // else, at shutdown, nothing else may keep the process alive until it exits
        worker.postMessage({ type: "stop" });
        await gone;
      },
    };
  });
}
