import { DatabaseUnavailable } from "../session/storage.js";
import type { BotError } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "./context.js";
import type { Translations } from "../i18n/index.js";
import { resolveLanguage } from "../i18n/languages.js";
import { backToMenuKeyboard } from "./keyboards.js";

/**
 * What the logs say of an error: its class, a system error's code, and the stack's frames.
 * Never its message, which may quote what a user sent.
 */
export function errorFields(error: unknown): { errorClass: string; code?: string; stack?: string } {
  if (!(error instanceof Error)) return { errorClass: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = error.stack?.split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
  return { errorClass: error.constructor.name, ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}), ...(frames ? { stack: frames } : {}) };
}

/** Logs a failed update and tells the user, in their language, with a way back to the menu. */
export async function apologise(error: BotError<BotContext>, translations: Translations, logger: Logger): Promise<void> {
  const { ctx } = error;
  logger.error({ ...errorFields(error.error), updateType: Object.keys(ctx.update).find((k) => k !== "update_id") }, "update failed");
  if (ctx.chat?.type !== "private") return;
  const lang = ctx.lang ?? resolveLanguage({ telegram: ctx.from?.language_code });
  const t = translations.t(lang);
  try {
    await ctx.reply(t(error.error instanceof DatabaseUnavailable ? "errors.database" : "errors.generic"), { reply_markup: backToMenuKeyboard(t) });
  } catch (replyError) {
    logger.warn(errorFields(replyError), "could not send the apology");
  }
}
