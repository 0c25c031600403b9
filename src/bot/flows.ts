// What a chat can be in the middle of: a conversation (the language picker, a pasted ad's
// follow-up questions) or the guided offer check, which keeps its own state in the session.
import type { BotContext } from "./context.js";

/** Ends whatever the chat is in the middle of. */
export async function leaveFlows(ctx: BotContext): Promise<void> {
  delete ctx.session.guided;
  await ctx.conversation.exitAll();
}

export function inFlow(ctx: BotContext): boolean {
  return ctx.session.guided !== undefined || Object.keys(ctx.conversation.active()).length > 0;
}
