import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { CALLBACK } from "../callbacks.js";
import { menuKeyboard } from "../keyboards.js";

export async function showMenu(ctx: BotContext, intro?: string): Promise<void> {
  const text = intro ? `${intro}\n\n${ctx.t("menu.title")}` : ctx.t("menu.title");
  await ctx.reply(text, { parse_mode: "HTML", reply_markup: menuKeyboard(ctx.t) });
}

/** The menu button under any message. */
export function menuFeature(): FeatureComposer<BotContext> {
  const composer = new FeatureComposer<BotContext>();
  composer.callbackQuery(CALLBACK.menu, async (ctx) => {
    await showMenu(ctx);
  });
  return composer;
}
