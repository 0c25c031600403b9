// Where conversations keep their state: the ChatState table under "c:" + HMAC(chat id), as
// sessions, with what identifies the person scrubbed out before writing (scrub.ts).
import type { Context } from "grammy";
import type { StateStorage } from "./storage.js";
import { chatKey } from "./keys.js";
import { restore, scrub } from "./scrub.js";

export function conversationStorage<C extends Context, S>(storage: StateStorage<unknown>, secret: string) {
  const keyOf = (ctx: C) => (ctx.chatId === undefined ? undefined : `c:${chatKey(secret, ctx.chatId)}`);
  return {
    type: "context" as const,
    adapter: {
      async read(ctx: C): Promise<S | undefined> {
        const key = keyOf(ctx);
        const stored = key ? ((await storage.read(key)) as S | undefined) : undefined;
        return stored === undefined ? undefined : restore(stored, ctx.chatId!);
      },
      async write(ctx: C, state: S): Promise<void> {
        const key = keyOf(ctx);
        if (key) await storage.write(key, scrub(state, ctx.chatId!));
      },
      async delete(ctx: C): Promise<void> {
        const key = keyOf(ctx);
        if (key) await storage.delete(key);
      },
    },
  };
}
