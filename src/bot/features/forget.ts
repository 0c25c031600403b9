// /forget and "Erase this chat": after one confirmation, erases everything the bot holds for
// the chat (session, conversation, language) and deletes the messages of the last 48 hours
// that Telegram lets it delete, then says in one neutral line how to delete the chat on both
// sides and turn on auto-delete. Registered before the conversations: it works at any moment.
import { InlineKeyboard } from "grammy";
import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { CALLBACK } from "../callbacks.js";
import { errorFields } from "../errors.js";
import type { Logger } from "pino";
import { leaveFlows } from "../flows.js";

/** Telegram's limit for one deleteMessages call. */
export const DELETE_CHUNK = 100;

export function forgetFeature(logger: Logger): FeatureComposer<BotContext> {
  const composer = new FeatureComposer<BotContext>();

  async function ask(ctx: BotContext): Promise<void> {
    const keyboard = new InlineKeyboard().text(ctx.t("buttons.forget_yes"), CALLBACK.forgetYes).text(ctx.t("buttons.forget_no"), CALLBACK.forgetNo);
    await ctx.reply(ctx.t("forget.confirm"), { parse_mode: "HTML", reply_markup: keyboard });
  }

  composer.command("forget", ask);
  composer.callbackQuery(CALLBACK.forgetAsk, async (ctx) => {
    await ask(ctx);
  });
  composer.callbackQuery(CALLBACK.forgetNo, async (ctx) => {
    await ctx.reply(ctx.t("forget.kept"), { reply_markup: new InlineKeyboard().text(ctx.t("buttons.menu"), CALLBACK.menu) });
  });
  composer.callbackQuery(CALLBACK.forgetYes, async (ctx) => {
    const ids = new Set((ctx.session.recent ?? []).map(([id]) => id));
    if (ctx.callbackQuery.message) ids.add(ctx.callbackQuery.message.message_id);
    await leaveFlows(ctx);
    ctx.session = null as never; // grammY deletes the stored session
    const chatId = ctx.chatId!;
    const all = [...ids].sort((a, b) => a - b);
    for (let i = 0; i < all.length; i += DELETE_CHUNK) {
      // What Telegram refuses (too old, already gone) is skipped quietly.
      await ctx.api.deleteMessages(chatId, all.slice(i, i + DELETE_CHUNK)).catch((error: unknown) => logger.debug(errorFields(error), "some messages could not be deleted"));
    }
    await ctx.reply(ctx.t("forget.done"), { parse_mode: "HTML" });
  });
  return composer;
}
