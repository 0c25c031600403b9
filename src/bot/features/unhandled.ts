import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { parseCallback } from "../callbacks.js";
import { showMenu } from "./menu.js";

/**
 * Last in the chain: whatever no feature took gets the menu, and no button keeps spinning. A
 * button of an earlier message (an answer to a check already finished, say) says so above the
 * menu; one the bot never made only stops spinning.
 */
export function unhandledFeature(): FeatureComposer<BotContext> {
  const composer = new FeatureComposer<BotContext>();
  composer.on("callback_query", async (ctx) => {
    ctx.trends.count("invalid", "button");
    if (parseCallback(ctx.callbackQuery.data)) await showMenu(ctx, ctx.t("unknown.button"));
  });
  composer.on("message", async (ctx) => {
    ctx.trends.count("invalid", "message");
    // A sticker, a photo without a caption, a voice message, a location, a contact…
    const text = ctx.message.text ?? ctx.message.caption;
    await showMenu(ctx, ctx.t(text === undefined ? "unknown.media" : "unknown.text"));
  });
  return composer;
}
