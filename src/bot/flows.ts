// What a chat can be in the middle of: the language picker (a conversation), or one of the two
// offer checks, which keep their own state in the session (features/guided.ts, pasted.ts).
import type { BotContext } from "./context.js";

/** Ends whatever the chat is in the middle of. */
export async function leaveFlows(ctx: BotContext): Promise<void> {
  delete ctx.session.guided;
  delete ctx.session.pasted;
  await ctx.conversation.exitAll();
}

export function inFlow(ctx: BotContext): boolean {
  return ctx.session.guided !== undefined || ctx.session.pasted !== undefined || Object.keys(ctx.conversation.active()).length > 0;
}
