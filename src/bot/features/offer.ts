// "Check a job offer": the user pastes or forwards an ad (or sends one at any time outside a
// conversation); the bot reads it at once, asks only what the text could not tell, and answers
// with the risk, each sign with why and what to do, the pay check and the questions to ask.
// The ad's text lives only in the conversation's state, which is deleted with the result.
import { Composer, InlineKeyboard, type Context } from "grammy";
import { createConversation, type Conversation } from "@grammyjs/conversations";
import type { BotContext } from "../context.js";
import type { Translate, Translations } from "../../i18n/index.js";
import type { Language } from "../../i18n/languages.js";
import { analyzeOfferText, type OfferEngine } from "../../offer/analyze.js";
import { scoreAnswers, type Answer, type Question } from "../../offer/questions.js";
import { noMinimumOf, renderResult, renderSummary } from "../../offer/report.js";
import type { SignId } from "../../offer/signs.js";
import { CALLBACK, parseCallback } from "../callbacks.js";
import { backToMenuKeyboard } from "../keyboards.js";

const CONVERSATION = "offer-text";
/** Telegram's own limit for a message; longer input cannot be a single message's text. */
export const MAX_AD_LENGTH = 4096;
/** Shorter texts sent outside a conversation are not taken for an ad. */
const AD_MIN_LENGTH = 80;

export interface OfferDeps {
  translations: Translations;
  engine: OfferEngine;
  followUps: Question[];
}

function adText(ctx: Context): string | undefined {
  return ctx.message?.text ?? ctx.message?.caption;
}

function answerKeyboard(t: Translate, canGoBack: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(t("buttons.yes"), CALLBACK.answer("yes"))
    .text(t("buttons.no"), CALLBACK.answer("no"))
    .text(t("buttons.not_sure"), CALLBACK.answer("unsure"));
  return canGoBack ? keyboard.row().text(t("buttons.back"), CALLBACK.answer("back")) : keyboard;
}

function resultKeyboard(t: Translate, summary: string): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("buttons.summary"), summary)
    .row()
    .text(t("buttons.check_another"), CALLBACK.offer)
    .row()
    .text(t("buttons.menu"), CALLBACK.menu);
}

/** Asks each question with yes / no / not sure buttons; "back" returns to the one before. */
async function ask(conversation: Conversation<BotContext, Context>, ctx: Context, t: Translate, questions: Question[], intro: string) {
  const answers: Answer[] = [];
  let i = 0;
  while (i < questions.length) {
    const progress = t("offer.progress", { n: i + 1, total: questions.length });
    const lead = i === 0 && intro ? `${intro}\n\n` : "";
    await ctx.reply(`${lead}${progress}\n<b>${t(`questions.${questions[i]!.id}`)}</b>`, {
      parse_mode: "HTML",
      reply_markup: answerKeyboard(t, i > 0),
    });
    const reply = await conversation.waitUntil((c) => parseCallback(c.callbackQuery?.data)?.kind === "answer", {
      otherwise: async (c) => {
        if (c.callbackQuery) await c.answerCallbackQuery();
        else await c.reply(t("offer.answer_with_buttons"));
      },
    });
    await reply.answerCallbackQuery();
    const callback = parseCallback(reply.callbackQuery?.data);
    if (callback?.kind !== "answer") continue;
    if (callback.answer === "back") {
      i = Math.max(0, i - 1);
      continue;
    }
    answers[i] = callback.answer;
    i++;
  }
  return answers;
}

export function offerFeature(deps: OfferDeps): Composer<BotContext> {
  const { translations, engine, followUps } = deps;

  async function offerFromText(conversation: Conversation<BotContext, Context>, ctx: Context, lang: Language, paste: boolean) {
    const t = translations.t(lang);
    let source = ctx;
    if (paste) {
      await ctx.reply(t("offer.paste_prompt"), { reply_markup: backToMenuKeyboard(t) });
      source = await conversation.waitUntil((c) => adText(c) !== undefined, {
        otherwise: (c) => (c.callbackQuery ? c.answerCallbackQuery() : c.reply(t("offer.paste_prompt"))),
      });
    }
    const text = adText(source) ?? "";
    if (text.length > MAX_AD_LENGTH) return void (await source.reply(t("offer.too_long"), { reply_markup: backToMenuKeyboard(t) }));
    if (text.trim().length < 20) return void (await source.reply(t("offer.too_short"), { reply_markup: backToMenuKeyboard(t) }));

    const analysis = analyzeOfferText(text, engine, { lang });
    const found = analysis.signs.map((s) => s.id);
    const pending = followUps.filter((q) => !found.includes(q.sign));
    const answers = await ask(conversation, source, t, pending, t("offer.follow_up"));
    const scored = scoreAnswers(pending, answers, found, engine.signs);
    const signs: { id: SignId; evidence?: string }[] = [
      ...analysis.signs,
      ...scored.flagged.filter((id) => !found.includes(id)).map((id) => ({ id })),
    ];
    const noMinimum = noMinimumOf(engine.wages, analysis.country);
    const result = { risk: scored.risk, country: analysis.country, signs, wage: analysis.wage, unknown: scored.unknown };
    await source.reply(renderResult(t, lang, result, { noMinimum }), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: resultKeyboard(t, CALLBACK.summary(result.risk, result.country, signs.map((s) => s.id))),
    });
  }

  const composer = new Composer<BotContext>();
  composer.use(createConversation(offerFromText, CONVERSATION));

  composer.callbackQuery(CALLBACK.offer, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t("offer.choose"), {
      reply_markup: new InlineKeyboard().text(ctx.t("buttons.offer_paste"), CALLBACK.offerPaste).row().text(ctx.t("buttons.menu"), CALLBACK.menu),
    });
  });
  composer.callbackQuery(CALLBACK.offerPaste, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.conversation.exitAll();
    await ctx.conversation.enter(CONVERSATION, ctx.lang, true);
  });
  composer.callbackQuery(/^sum:/, async (ctx) => {
    await ctx.answerCallbackQuery();
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
    await ctx.conversation.enter(CONVERSATION, ctx.lang, false);
  });
  return composer;
}
