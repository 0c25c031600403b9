// Every tap on a button is answered as soon as the update arrives, once, for every feature: the
// spinner on the button stops at once, and the bot's reply no longer waits for that call's round
// trip to Telegram first. A failed answer ("query is too old", after the bot was away) is logged
// and the tap is still handled: the person gets what they asked for, not an apology.
import type { MiddlewareFn } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "./context.js";
import { errorFields } from "./errors.js";

export function answerButtons(logger: Logger): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    if (!ctx.callbackQuery) return next();
    const answered = ctx.answerCallbackQuery().then(
      () => undefined,
      (error: unknown) => logger.warn(errorFields(error), "could not answer a button"),
    );
    try {
      await next();
    } finally {
      // The update is done only when its button is answered (shutdown waits for it).
      await answered;
    }
  };
}
