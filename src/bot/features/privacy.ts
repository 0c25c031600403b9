import { InlineKeyboard } from "grammy";
import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { CALLBACK } from "../callbacks.js";
import { backToMenuKeyboard } from "../keyboards.js";
import { SESSION_TTL_DAYS } from "../../session/storage.js";
import { escapeHtml } from "../../i18n/index.js";

/** Who runs the bot and where they name it: scam copies of helpful bots are common. */
export interface Official {
  username(): string;
  publisher: { name: string; url: string } | undefined;
}

export async function sendPrivacy(ctx: BotContext, official: Official): Promise<void> {
  const username = official.username();
  const real = official.publisher
    ? ctx.t("privacy.official_published", { username, publisher: official.publisher.name, link: `<a href="${escapeHtml(official.publisher.url)}">${escapeHtml(new URL(official.publisher.url).hostname)}</a>`, interpolation: { escapeValue: false } })
    : ctx.t("privacy.official", { username });
  const text = [ctx.t("privacy.title"), ctx.t("privacy.stored", { count: SESSION_TTL_DAYS }), ctx.t("privacy.not_stored"), ctx.t("privacy.ads"), real];
  const keyboard = new InlineKeyboard().text(ctx.t("buttons.forget"), CALLBACK.forgetAsk).row();
  await ctx.reply(text.join("\n\n"), { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: keyboard.append(backToMenuKeyboard(ctx.t)) });
}

/** "About & privacy" in the menu. */
export function privacyFeature(official: Official): FeatureComposer<BotContext> {
  const composer = new FeatureComposer<BotContext>();
  composer.callbackQuery(CALLBACK.about, async (ctx) => {
    await sendPrivacy(ctx, official);
  });
  return composer;
}
