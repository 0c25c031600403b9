// "Check a job offer", two ways in, one result:
//  - the ad itself (pasted.ts): pasted, forwarded, or sent at any moment outside a check. The bot
//    reads it at once, asks only what the text could not tell, and gives the result;
//  - the guided check (guided.ts): destination, sector, then short questions.
// Both keep where the person is in the session; the ad's text is never stored.
import { InlineKeyboard } from "grammy";
import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { OfferEngine } from "../../offer/analyze.js";
import type { QuestionsFile } from "../../offer/questions.js";
import { renderSummary } from "../../offer/report.js";
import { CALLBACK, parseCallback } from "../callbacks.js";
import { guidedCheck } from "./guided.js";
import { adText, pastedCheck } from "./pasted.js";
import { leaveFlows } from "../flows.js";

/** Shorter texts sent outside a check are not taken for an ad. */
const AD_MIN_LENGTH = 80;

export interface OfferDeps {
  engine: OfferEngine;
  questions: QuestionsFile;
}

export function offerFeature(deps: OfferDeps): FeatureComposer<BotContext> {
  const { engine, questions } = deps;
  const guided = guidedCheck(engine, questions);
  const pasted = pastedCheck(engine, questions);
  const composer = new FeatureComposer<BotContext>();
  composer.use(pasted.middleware, guided.middleware);

  composer.callbackQuery(CALLBACK.offer, async (ctx) => {
    await leaveFlows(ctx);
    const keyboard = new InlineKeyboard()
      .text(ctx.t("buttons.offer_questions"), CALLBACK.offerGuided)
      .row()
      .text(ctx.t("buttons.offer_paste"), CALLBACK.offerPaste)
      .row()
      .text(ctx.t("buttons.menu"), CALLBACK.menu);
    await ctx.reply(ctx.t("offer.choose"), { reply_markup: keyboard });
  });
  composer.callbackQuery(CALLBACK.offerPaste, async (ctx) => {
    await leaveFlows(ctx);
    ctx.trends.count("flow_started", "offer_text");
    await pasted.start(ctx);
  });
  composer.callbackQuery(CALLBACK.offerGuided, async (ctx) => {
    await leaveFlows(ctx);
    ctx.trends.count("flow_started", "offer_guided");
    await guided.start(ctx);
  });
  composer.callbackQuery(/^sum:/, async (ctx) => {
    const callback = parseCallback(ctx.callbackQuery.data);
    if (callback?.kind !== "summary") return;
    const { risk, country, signs } = callback;
    await ctx.reply(renderSummary(ctx.t, { risk, country, signs: signs.map((id) => ({ id })) }), { parse_mode: "HTML" });
  });
  // An ad sent or forwarded at any moment outside a check is checked at once.
  composer.on("message", async (ctx, next) => {
    const text = adText(ctx);
    const forwarded = ctx.message.forward_origin !== undefined;
    if (text === undefined || (!forwarded && text.length < AD_MIN_LENGTH)) return next();
    ctx.trends.count("flow_started", "offer_text");
    await pasted.check(ctx, text);
  });
  return composer;
}
