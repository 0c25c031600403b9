// The conversations plugin only where a conversation can be. Since session 17 the language
// picker is the bot's one conversation, yet the plugin did its work on every update: reading
// its state, making its controls and closures, which the update kept while in flight (1.8 KB of
// the 14.7 KB an update in flight keeps past a young collection: docs/performance.md, item 38).
// It now runs for a chat with a conversation stored, or an update that opens one; elsewhere
// `ctx.conversation` is one shared stand-in: nothing is active, and leaving all does nothing.
import type { MiddlewareFn } from "grammy";
import type { ConversationControls } from "@grammyjs/conversations";
import type { BotContext } from "./context.js";

const nothing = async () => undefined;
const IDLE: ConversationControls = {
  enter: () => Promise.reject(new Error("a conversation was entered by an update its opener does not know: add it to `opens`")),
  exit: nothing,
  exitAll: nothing,
  exitOne: nothing,
  active: ((name?: string) => (name === undefined ? {} : 0)) as ConversationControls["active"],
};

/** `plugin` (the conversations plugin) for the updates that need it; `opens` tells an update that enters a conversation. */
export function conversing(plugin: MiddlewareFn<BotContext>, opens: (ctx: BotContext) => boolean): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    if (ctx.session.conversation !== undefined || opens(ctx)) return plugin(ctx, next);
    ctx.conversation = IDLE;
    return next();
  };
}

/** A conversation's own middleware (`createConversation`), passed by where the plugin did not run. */
export function whenConversing(conversation: MiddlewareFn<BotContext>): MiddlewareFn<BotContext> {
  return (ctx, next) => (ctx.conversation === IDLE ? next() : conversation(ctx, next));
}
