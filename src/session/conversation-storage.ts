// Where conversations keep their state: inside the chat's session (so an update reads and
// writes one row, not two), with what identifies the person scrubbed out (scrub.ts). The
// session middleware runs before the conversations and writes the row after them.
import type { Context } from "grammy";
import { PLUGIN_DATA_VERSION } from "@grammyjs/conversations";
import { restore, scrub } from "./scrub.js";

/**
 * The version of our conversations' steps. Raised whenever a conversation goes or changes its
 * steps: state stored under another version (one under way at a deploy) is let go and deleted
 * at the chat's next update, not left half replayed or kept. 1: the pasted ad's check left the
 * conversations (session 17), and with it the ad's text stored in one.
 */
export const CONVERSATIONS_VERSION = 1;

interface WithSession {
  session?: { conversation?: unknown } | null;
}

/** Whether stored state is of this version, the plugin's and ours (the plugin wraps it in `{ version, state }`). */
const current = (stored: unknown) => {
  const version = (stored as { version?: unknown } | null)?.version;
  return Array.isArray(version) && version[0] === PLUGIN_DATA_VERSION && version[1] === CONVERSATIONS_VERSION;
};

export function conversationStorage<C extends Context & WithSession, S>() {
  return {
    type: "context" as const,
    version: CONVERSATIONS_VERSION,
    adapter: {
      read(ctx: C): S | undefined {
        const stored = ctx.session?.conversation as S | undefined;
        if (stored === undefined || ctx.chatId === undefined) return undefined;
        if (!current(stored)) {
          delete ctx.session!.conversation;
          return undefined;
        }
        return restore(stored, ctx.chatId);
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
