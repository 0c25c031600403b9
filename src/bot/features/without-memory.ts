// When the database cannot be read, the bot still answers what needs no memory of the chat:
// /sos and the help numbers, the rights, the checklist, the menu, /help and /privacy. Anything
// that needs the chat's state (an answer in a check, an ad, a language choice) gets one line
// asking to try again in a minute, with the way to help numbers.
import type { MiddlewareFn } from "grammy";
import type { BotContext } from "../context.js";
import { parseCallback, type Callback } from "../callbacks.js";

const STATELESS_COMMANDS = new Set(["start", "menu", "help", "privacy", "sos", "cancel"]);
const STATELESS_BUTTONS = new Set<Callback["kind"]>(["menu", "help", "helpFor", "rights", "rightsFor", "rightsTopic", "about", "beforeYouGo", "recruiter", "recruiterFor", "summary"]);

function needsNoMemory(ctx: BotContext, isSos: (text: string) => boolean): boolean {
  const callback = parseCallback(ctx.callbackQuery?.data);
  if (callback) return STATELESS_BUTTONS.has(callback.kind);
  const text = ctx.message?.text;
  if (text === undefined) return false;
  const command = /^\/([a-z]+)(@\w+)?(\s|$)/.exec(text)?.[1];
  return command !== undefined ? STATELESS_COMMANDS.has(command) : isSos(text);
}

export function withoutMemory(isSos: (text: string) => boolean): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.session.unavailable || needsNoMemory(ctx, isSos)) return next();
    await ctx.reply(ctx.t("errors.database"));
  };
}
