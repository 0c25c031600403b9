// Telegram for the benchmark: a local fake at the HTTP level. `startTelegram` runs it in a
// worker thread, as the real one runs elsewhere, so that the bot's thread does only the bot's
// work (its share was about a tenth of that thread's time); `inProcess` wraps one started here.
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { once } from "node:events";
import type { FakeBotApi } from "../test/support/fake-bot-api.js";

export interface Telegram {
  apiRoot: string;
  /** The callback data of the buttons under the last message the bot sent to `chat`. */
  buttons(chat: number): string[];
  forget(chat: number): void;
  /** Each answer from now on waits this long, as Telegram's round trip does. */
  setLatency(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export function inProcess(api: FakeBotApi): Telegram {
  api.trackButtons = true;
  return {
    apiRoot: api.apiRoot,
    buttons: (chat) => api.lastButtons.get(chat) ?? [],
    forget: (chat) => void api.lastButtons.delete(chat),
    setLatency: async (ms) => void (api.latencyMs = ms),
    stop: () => api.stop(),
  };
}

export async function startTelegram(): Promise<Telegram> {
  const { port1: mine, port2: theirs } = new MessageChannel();
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript.
  const load = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.resolve("./telegram-worker.ts"))}); })`;
  const worker = new Worker(load, { eval: true, workerData: { buttons: theirs }, transferList: [theirs] });
  const [{ apiRoot }] = (await once(worker, "message")) as [{ apiRoot: string }];
  const last = new Map<number, string[]>();
  // The worker posts a message's buttons before it answers the call that sent it: by the time
  // the bot's update is handled, they are waiting on the port, and are read without a turn of
  // the event loop.
  const drain = () => {
    for (let got = receiveMessageOnPort(mine); got; got = receiveMessageOnPort(mine)) {
      const [chat, list] = got.message as [number, string[]];
      last.set(chat, list);
    }
  };
  return {
    apiRoot,
    buttons: (chat) => {
      drain();
      return last.get(chat) ?? [];
    },
    forget: (chat) => {
      drain();
      last.delete(chat);
    },
    setLatency: async (ms) => {
      worker.postMessage({ latencyMs: ms });
      await once(worker, "message");
    },
    stop: async () => {
      worker.postMessage({ stop: true });
      await once(worker, "exit");
      mine.close();
    },
  };
}
