// What both ways of checking an offer share: the answer buttons and the result message.
import { InlineKeyboard, type Context } from "grammy";
import type { Conversation } from "@grammyjs/conversations";
import type { BotContext } from "../context.js";
import type { Translate } from "../../i18n/index.js";
import type { OfferEngine } from "../../offer/analyze.js";
import { noMinimumOf, renderResult, type CheckResult } from "../../offer/report.js";
import { DESTINATIONS } from "../../content/countries.js";
import type { INVALID_KINDS } from "../../analytics/events.js";
import type { Recorder } from "../../analytics/trends.js";

const isDestination = (code: string) => (DESTINATIONS as readonly string[]).includes(code);
import { CALLBACK, isNavigation, parseCallback, type Callback } from "../callbacks.js";
import { cachedKeyboard } from "../keyboards.js";

export type OfferConversation = Conversation<BotContext, Context>;

/** Yes / no / not sure (and back) for the question `question`, whose id the buttons carry. */
export function answerKeyboard(t: Translate, canGoBack: boolean, question: string): InlineKeyboard {
  return cachedKeyboard(t, `answer:${canGoBack}:${question}`, () => buildAnswerKeyboard(t, canGoBack, question));
}

function buildAnswerKeyboard(t: Translate, canGoBack: boolean, question: string): InlineKeyboard {
  const keyboard = new InlineKeyboard()
    .text(t("buttons.yes"), CALLBACK.answer("yes", question))
    .text(t("buttons.no"), CALLBACK.answer("no", question))
    .text(t("buttons.not_sure"), CALLBACK.answer("unsure", question));
  return canGoBack ? keyboard.row().text(t("buttons.back"), CALLBACK.answer("back", question)) : keyboard;
}

/**
 * Whether a tap answers `question`: an answer button under another question does not. One
 * without a question (sent before the buttons carried theirs) is taken, as it always was.
 */
export function answers(callback: Callback, question: string): boolean {
  return callback.kind !== "answer" || callback.question === undefined || callback.question === question;
}

/** Asks again what a conversation waits for, with `lead` above it (why it is asked again). */
export type AskAgain = (ctx: Context, lead: string) => Promise<unknown>;

/**
 * Waits for a tap on one of the given kinds of button (an answer: to `question`); anything else
 * gets what is waited for asked again (`ask`), with a reminder to use the buttons.
 */
export async function waitForButton<K extends Callback["kind"]>(
  conversation: OfferConversation,
  t: Translate,
  kinds: K[],
  question: string,
  ask: AskAgain,
  acceptText?: (text: string) => boolean,
): Promise<{ ctx: Context; callback?: Extract<Callback, { kind: K }>; text?: string }> {
  const ctx = await conversation.waitUntil(
    (c) => {
      const callback = parseCallback(c.callbackQuery?.data);
      if (callback && (kinds as string[]).includes(callback.kind) && answers(callback, question)) return true;
      const text = c.message?.text;
      return text !== undefined && acceptText !== undefined && !text.startsWith("/") && acceptText(text);
    },
    { otherwise: (c) => remind(conversation, c, t, ask, t("offer.answer_with_buttons")) },
  );
  if (ctx.callbackQuery) {
    return { ctx, callback: parseCallback(ctx.callbackQuery.data) as Extract<Callback, { kind: K }> };
  }
  return { ctx, text: ctx.message!.text! };
}

/**
 * What a conversation does with an update it was not waiting for: a navigation button (the
 * menu, say, under an earlier message) ends the conversation and is handled as usual; a text
 * (with `reminder` above) or another button of an earlier message (with a line saying so) gets
 * what is waited for asked again; a button the bot never made only stops spinning.
 */
export async function remind(conversation: OfferConversation, ctx: Context, t: Translate, ask: AskAgain, reminder = ""): Promise<void> {
  const callback = parseCallback(ctx.callbackQuery?.data);
  if (isNavigation(callback)) await conversation.halt({ next: true });
  await countInvalid(conversation, ctx.callbackQuery ? "button" : "reminder");
  if (!ctx.callbackQuery) await ask(ctx, reminder);
  else if (callback) await ask(ctx, t("unknown.button"));
}

/** Counts input the conversation could not use (see analytics/events.ts). */
export function countInvalid(conversation: OfferConversation, kind: (typeof INVALID_KINDS)[number]): Promise<void> {
  return conversation.external((outside) => outside.trends.count("invalid", kind));
}

/** Counts a finished check: its band and each warning sign, for the offer's destination. */
export function countResult(conversation: OfferConversation, flow: "offer_guided" | "offer_text", result: Pick<CheckResult, "risk" | "country" | "signs">): Promise<void> {
  return conversation.external((outside) => countResultNow(outside.trends, flow, result));
}

export function countResultNow(trends: Recorder, flow: "offer_guided" | "offer_text", result: Pick<CheckResult, "risk" | "country" | "signs">): void {
  const where = { destination: result.country };
  trends.count("flow_finished", flow, where);
  trends.count("band", result.risk, where);
  for (const sign of result.signs) trends.count("sign", sign.id, where);
}

export async function sendResult(ctx: Context, t: Translate, lang: string, result: CheckResult, engine: OfferEngine): Promise<void> {
  const keyboard = new InlineKeyboard().text(t("buttons.summary"), CALLBACK.summary(result.risk, result.country, result.signs.map((s) => s.id))).row();
  // The rights and the help for the destination, when the check knows it.
  if (result.country && isDestination(result.country)) {
    keyboard.text(t("buttons.rights"), CALLBACK.rightsFor(result.country)).text(t("buttons.help"), CALLBACK.helpFor(result.country)).row();
  }
  keyboard
    .text(t("buttons.recruiter"), CALLBACK.recruiter)
    .row()
    .text(t("buttons.check_another"), CALLBACK.offer)
    .row()
    .text(t("buttons.menu"), CALLBACK.menu);
  const messages = renderResult(t, lang, result, { noMinimum: noMinimumOf(engine.wages, result.country) });
  for (const [i, text] of messages.entries()) {
    await ctx.reply(text, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      ...(i === messages.length - 1 ? { reply_markup: keyboard } : {}),
    });
  }
}
