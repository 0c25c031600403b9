// The benchmark's fake Telegram in a thread of its own (bench/telegram.ts): it answers the
// bot's HTTP calls and passes each message's buttons on, before answering, over `buttons`.
import { parentPort, workerData } from "node:worker_threads";
import type { MessagePort } from "node:worker_threads";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";

const port = parentPort!;
const buttons = (workerData as { buttons: MessagePort }).buttons;
const api = await startFakeBotApi();
api.record = false;
api.trackButtons = true;
api.onButtons = (chat, list) => {
  api.lastButtons.delete(chat); // kept by the other thread; nothing piles up here
  api.lastText.delete(chat);
  buttons.postMessage([chat, list]);
};
port.on("message", (message: { latencyMs?: number; stop?: true }) => {
  if (message.latencyMs !== undefined) {
    api.latencyMs = message.latencyMs;
    port.postMessage({ latencyMs: api.latencyMs });
  }
  if (message.stop) void api.stop().then(() => port.close());
});
port.postMessage({ apiRoot: api.apiRoot });
