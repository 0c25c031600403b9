import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { CALLBACK } from "../callbacks.js";
import { backToMenuKeyboard } from "../keyboards.js";
import { SESSION_TTL_DAYS } from "../../session/storage.js";

export async function sendPrivacy(ctx: BotContext): Promise<void> {
  const text = [ctx.t("privacy.title"), ctx.t("privacy.stored", { count: SESSION_TTL_DAYS }), ctx.t("privacy.not_stored"), ctx.t("privacy.ads")];
  await ctx.reply(text.join("\n\n"), { parse_mode: "HTML", reply_markup: backToMenuKeyboard(ctx.t) });
}

/** "About & privacy" in the menu. */
export function privacyFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.callbackQuery(CALLBACK.about, async (ctx) => {
    await ctx.answerCallbackQuery();
    await sendPrivacy(ctx);
  });
  return composer;
}
