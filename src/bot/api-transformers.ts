// What every Bot API call goes through, outside and inside conversations (whose contexts get
// a fresh Api, so the transformers are installed there too, through the conversations'
// plugins): bounded retries, and a note of each message the bot sends, for /forget.
import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, Transformer } from "grammy";

/** Bounded retries for every call but getUpdates: the runner retries that itself, and a retried
 * getUpdates would outlive runner.stop() and take an update the stopped bot cannot handle. */
export function retryTransformer(): Transformer {
  const retry = autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 });
  return (prev, method, payload, signal) => (method === "getUpdates" ? prev(method, payload, signal) : retry(prev, method, payload, signal));
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
    transformer: async (prev, method, payload, signal) => {
      const response = await prev(method, payload, signal);
      const result = response.ok ? (response.result as { message_id?: unknown; chat?: { id?: unknown } } | undefined) : undefined;
      if (result && typeof result === "object" && typeof result.message_id === "number" && typeof result.chat?.id === "number") {
        const ids = byChat.get(result.chat.id) ?? new Set();
        ids.add(result.message_id);
        byChat.set(result.chat.id, ids);
      }
      return response;
    },
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
