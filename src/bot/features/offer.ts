// "Check a job offer", two ways in, one result:
//  - the ad itself: pasted, forwarded, or sent at any moment outside a conversation. The bot
//    reads it at once, asks only what the text could not tell, and gives the result;
//  - the guided check (guided.ts): destination, sector, then short questions, its state in the
//    session rather than in a conversation.
// The ad's text lives only in the conversation's state, which is deleted with the result.
import { InlineKeyboard, type Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { createConversation } from "@grammyjs/conversations";
import type { BotContext } from "../context.js";
import type { Translate, Translations } from "../../i18n/index.js";
import type { Language } from "../../i18n/languages.js";
import { analyzeOfferText, type OfferEngine } from "../../offer/analyze.js";
import { scoreAnswers, type Answer, type QuestionsFile, type Question } from "../../offer/questions.js";
import { renderSummary } from "../../offer/report.js";
import type { SignId } from "../../offer/signs.js";
import { CALLBACK, parseCallback } from "../callbacks.js";
import { backToMenuKeyboard } from "../keyboards.js";
import { answerKeyboard, countInvalid, countResult, remind, sendResult, waitForButton, type OfferConversation } from "./offer-ui.js";
import { guidedCheck } from "./guided.js";
import { leaveFlows } from "../flows.js";

const FROM_TEXT = "offer-text";
/** Telegram's own limit for a message; longer input cannot be a single message's text. */
export const MAX_AD_LENGTH = 4096;
/** Shorter texts sent outside a conversation are not taken for an ad. */
const AD_MIN_LENGTH = 80;

export interface OfferDeps {
  translations: Translations;
  engine: OfferEngine;
  questions: QuestionsFile;
}

function adText(ctx: Context): string | undefined {
  return ctx.message?.text ?? ctx.message?.caption;
}

/** Asks each question with yes / no / not sure buttons; "back" returns to the one before. */
async function askFollowUps(conversation: OfferConversation, ctx: Context, t: Translate, questions: Question[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  let i = 0;
  while (i < questions.length) {
    const id = questions[i]!.id;
    const progress = t("offer.progress", { n: i + 1, total: questions.length });
    /** The question, with `lead` above it: the first one's introduction, or why it comes again. */
    const ask = (c: Context, lead: string) =>
      c.reply(`${lead ? `${lead}\n\n` : ""}${progress}\n<b>${t(`questions.${id}`)}</b>`, { parse_mode: "HTML", reply_markup: answerKeyboard(t, i > 0, id) });
    await ask(ctx, i === 0 ? t("offer.follow_up") : "");
    const { callback } = await waitForButton(conversation, t, ["answer"], id, ask);
    if (callback?.answer === "back") i = Math.max(0, i - 1);
    else if (callback) answers[i++] = callback.answer;
  }
  return answers;
}

export function offerFeature(deps: OfferDeps): FeatureComposer<BotContext> {
  const { translations, engine, questions } = deps;

  async function fromText(conversation: OfferConversation, ctx: Context, lang: Language, paste: boolean) {
    const t = translations.t(lang);
    let source = ctx;
    if (paste) {
      const prompt = (c: Context, lead = "") => c.reply(`${lead ? `${lead}\n\n` : ""}${t("offer.paste_prompt")}`, { reply_markup: backToMenuKeyboard(t) });
      await prompt(ctx);
      // "Send the ad" tapped again before the ad came is the same check: the prompt again.
      source = await conversation.waitUntil((c) => adText(c) !== undefined, {
        otherwise: async (c) => void (c.callbackQuery?.data === CALLBACK.offerPaste ? await prompt(c) : await remind(conversation, c, t, prompt)),
      });
    }
    const text = adText(source) ?? "";
    if (text.length > MAX_AD_LENGTH || text.trim().length < 20) {
      const tooLong = text.length > MAX_AD_LENGTH;
      await countInvalid(conversation, tooLong ? "ad_too_long" : "ad_too_short");
      return void (await source.reply(t(tooLong ? "offer.too_long" : "offer.too_short"), { reply_markup: backToMenuKeyboard(t) }));
    }

    // Read once: on later updates the conversation replays with the stored result instead.
    const analysis = await conversation.external(() => {
      const { country, signs, wage } = analyzeOfferText(text, engine, { lang });
      return { country, signs, wage };
    });
    const country = analysis.country;
    if (country) await conversation.external((outside) => outside.trends.count("destination", country, { destination: country }));
    const found = analysis.signs.map((s) => s.id);
    const pending = questions.followUps.filter((q) => !found.includes(q.sign));
    const answers = await askFollowUps(conversation, source, t, pending);
    const scored = scoreAnswers(pending, answers, found, engine.signs);
    const signs: { id: SignId; evidence?: string }[] = [
      ...analysis.signs,
      ...scored.flagged.filter((id) => !found.includes(id)).map((id) => ({ id })),
    ];
    const result = { risk: scored.risk, country: analysis.country, signs, wage: analysis.wage, unknown: scored.unknown };
    await countResult(conversation, "offer_text", result);
    await sendResult(source, t, lang, result, engine);
  }

  const guided = guidedCheck(engine, questions);
  const composer = new FeatureComposer<BotContext>();
  composer.use(createConversation(fromText, FROM_TEXT), guided.middleware);

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
    await ctx.conversation.enter(FROM_TEXT, ctx.lang, true);
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
  // An ad sent or forwarded at any moment outside a conversation is checked at once.
  composer.on("message", async (ctx, next) => {
    const text = adText(ctx);
    const forwarded = ctx.message.forward_origin !== undefined;
    if (text === undefined || (!forwarded && text.length < AD_MIN_LENGTH)) return next();
    ctx.trends.count("flow_started", "offer_text");
    await ctx.conversation.enter(FROM_TEXT, ctx.lang, false);
  });
  return composer;
}
