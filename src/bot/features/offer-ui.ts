// What both ways of checking an offer share: the answer buttons and the result message.
import { InlineKeyboard, type Context } from "grammy";
import type { Translate } from "../../i18n/index.js";
import type { OfferEngine } from "../../offer/analyze.js";
import { noMinimumOf, renderResult, type CheckResult } from "../../offer/report.js";
import { DESTINATIONS } from "../../content/countries.js";
import type { Recorder } from "../../analytics/trends.js";
import { CALLBACK, type Callback } from "../callbacks.js";
import { cachedKeyboard } from "../keyboards.js";

const isDestination = (code: string) => (DESTINATIONS as readonly string[]).includes(code);

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

/** Counts a finished check: its band and each warning sign, for the offer's destination. */
export function countResult(trends: Recorder, flow: "offer_guided" | "offer_text", result: Pick<CheckResult, "risk" | "country" | "signs">): void {
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
