// What every Bot API call goes through, outside and inside conversations (whose contexts get
// a fresh Api, so the transformers are installed there too, through the conversations'
// plugins): bounded retries, and a note of each message the bot sends, for /forget.
//
// Neither is an async function on the way of a call that succeeds: each call waits on Telegram
// for most of its update's time, and an async function suspended that long keeps its frame,
// two closures and two promises alive (docs/performance.md, item 33).
import { autoRetry } from "@grammyjs/auto-retry";
import { HttpError, type Api, type ApiCallFn, type Transformer } from "grammy";

type Answer = Awaited<ReturnType<ApiCallFn>>;
const MAX_DELAY_SECONDS = 30;

/** What auto-retry retries: a 429 with a retry_after it may wait for, and Telegram's 5xx. */
const worthRetrying = (answer: Answer) =>
  (typeof answer.parameters?.retry_after === "number" && answer.parameters.retry_after <= MAX_DELAY_SECONDS) || (!answer.ok && answer.error_code >= 500);

/**
 * Bounded retries for every call but getUpdates: the runner retries that itself, and a retried
 * getUpdates would outlive runner.stop() and take an update the stopped bot cannot handle.
 * The first attempt goes straight to `prev`; only an answer or an error that auto-retry would
 * retry goes to auto-retry, which gets the first attempt's outcome as its own first call, and
 * decides, waits and retries as ever.
 */
export function retryTransformer(): Transformer {
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: MAX_DELAY_SECONDS });
  return (prev, method, payload, signal) => {
    if (method === "getUpdates") return prev(method, payload, signal);
    const again = (first: () => Promise<Answer>) => {
      let firstCall = true;
      const replay = ((...args: Parameters<typeof prev>) => {
        if (!firstCall) return prev(...args);
        firstCall = false;
        return first();
      }) as typeof prev;
      return retry(replay, method, payload, signal);
    };
    return prev(method, payload, signal).then(
      (answer) => (worthRetrying(answer) ? again(() => Promise.resolve(answer)) : answer),
      (error: unknown) => ((signal === undefined || !signal.aborted) && error instanceof HttpError ? again(() => Promise.reject(error)) : Promise.reject(error)),
    ) as ReturnType<typeof prev>;
  };
}

/** Message ids the bot sent, per chat, until the update that sent them takes them. */
export interface SentMessages {
  transformer: Transformer;
  take(chatId: number): number[];
  /** Chats with ids not taken yet (bounded by the updates in flight). */
  readonly size: number;
}

export function createSentMessages(): SentMessages {
  const byChat = new Map<number, Set<number>>();
  return {
    transformer: (prev, method, payload, signal) =>
      prev(method, payload, signal).then((response) => {
        const result = response.ok ? (response.result as { message_id?: unknown; chat?: { id?: unknown } } | undefined) : undefined;
        if (result && typeof result === "object" && typeof result.message_id === "number" && typeof result.chat?.id === "number") {
          const ids = byChat.get(result.chat.id) ?? new Set();
          ids.add(result.message_id);
          byChat.set(result.chat.id, ids);
        }
        return response;
      }),
    take(chatId) {
      const ids = byChat.get(chatId);
      byChat.delete(chatId);
      return ids ? [...ids] : [];
    },
    get size() {
      return byChat.size;
    },
  };
}

export function installTransformers(api: Api, transformers: Transformer[]): void {
  for (const transformer of transformers) api.config.use(transformer);
}
