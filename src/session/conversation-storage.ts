// Where conversations keep their state: inside the chat's session (so an update reads and
// writes one row, not two), with what identifies the person scrubbed out (scrub.ts). The
// session middleware runs before the conversations and writes the row after them.
import type { Context } from "grammy";
import { restore, scrub } from "./scrub.js";

interface WithSession {
  session?: { conversation?: unknown } | null;
}

export function conversationStorage<C extends Context & WithSession, S>() {
  return {
    type: "context" as const,
    adapter: {
      read(ctx: C): S | undefined {
        const stored = ctx.session?.conversation as S | undefined;
        return stored === undefined || ctx.chatId === undefined ? undefined : restore(stored, ctx.chatId);
      },
      write(ctx: C, state: S): void {
        if (ctx.session && ctx.chatId !== undefined) ctx.session.conversation = scrub(state, ctx.chatId);
      },
      delete(ctx: C): void {
        if (ctx.session) delete ctx.session.conversation;
      },
    },
  };
}
