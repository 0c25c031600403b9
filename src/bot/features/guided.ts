// The guided offer check: destination, sector, then a short question for every warning sign,
// skipping what earlier answers make irrelevant; the pay is typed out ("1200 euro a month,
// 10 hours a day, 6 days") and checked against the minimum wage. "Back" and "not sure" always work.
import { InlineKeyboard, type Context } from "grammy";
import type { Translate } from "../../i18n/index.js";
import type { OfferEngine } from "../../offer/analyze.js";
import { findHours, findPay, hoursAreExcessive, weeklyHours } from "../../offer/pay.js";
import { scoreAnswers, type Answer, type GuidedQuestion, type PayAnswer, type Question, type QuestionsFile } from "../../offer/questions.js";
import type { SignId } from "../../offer/signs.js";
import { minimumWageCheck, type WageCheck } from "../../offer/wage-check.js";
import { CALLBACK } from "../callbacks.js";
import { cachedKeyboard, twoColumns } from "../keyboards.js";
import { answerKeyboard, countInvalid, countResult, sendResult, waitForButton, type OfferConversation } from "./offer-ui.js";

type Step = { kind: "destination" } | { kind: "sector" } | GuidedQuestion;

interface State {
  country: string | null;
  answers: Record<string, Answer | PayAnswer>;
  wage: WageCheck | null;
  paySigns: SignId[];
}

function skipped(step: Step, state: State): boolean {
  return step.kind === "yesno" && step.skipWhen !== undefined && state.answers[step.skipWhen.question] === step.skipWhen.answer;
}

/** One step; returns false when the user went back. */
async function askStep(conversation: OfferConversation, ctx: Context, t: Translate, step: Step, n: number, total: number, questions: QuestionsFile, engine: OfferEngine, state: State): Promise<boolean> {
  const back = (k: InlineKeyboard) => (n > 1 ? k.text(t("buttons.back"), CALLBACK.answer("back")) : k);
  if (step.kind === "destination") {
    const keyboard = cachedKeyboard(t, "guided:destination", () => {
      const buttons = questions.destinations.map((c) => [t(`countries.${c}`), CALLBACK.destination(c)] as [string, string]);
      return twoColumns(new InlineKeyboard(), buttons).text(t("buttons.other_country"), CALLBACK.destination("other"));
    });
    await ctx.reply(t("offer.destination_prompt"), { reply_markup: keyboard });
    const { callback } = await waitForButton(conversation, t, ["destination"]);
    state.country = callback?.country ?? null;
    const country = state.country;
    // Remembered so that SOS answers for this country at once.
    await conversation.external((outside) => {
      if (country) outside.session.destination = country;
      outside.trends.count("destination", country ?? "other", { destination: country ?? "other" });
    });
    return true;
  }
  if (step.kind === "sector") {
    const keyboard = cachedKeyboard(t, `guided:sector:${n > 1}`, () => {
      const buttons = questions.sectors.map((s) => [t(`sectors.${s}`), CALLBACK.sector(s)] as [string, string]);
      return back(twoColumns(new InlineKeyboard(), buttons));
    });
    await ctx.reply(t("offer.sector_prompt"), { reply_markup: keyboard });
    const { callback } = await waitForButton(conversation, t, ["sector", "answer"]);
    return callback?.kind !== "answer";
  }
  const heading = `${t("offer.progress", { n, total })}\n<b>${t(`questions.${step.id}`)}</b>`;
  if (step.kind === "pay") return askPay(conversation, ctx, t, heading, engine, state);
  await ctx.reply(heading, { parse_mode: "HTML", reply_markup: answerKeyboard(t, true) });
  const { callback } = await waitForButton(conversation, t, ["answer"]);
  if (!callback || callback.answer === "back") return false;
  state.answers[step.id] = callback.answer;
  return true;
}

async function askPay(conversation: OfferConversation, ctx: Context, t: Translate, heading: string, engine: OfferEngine, state: State): Promise<boolean> {
  const keyboard = new InlineKeyboard().text(t("buttons.not_sure"), CALLBACK.answer("unsure")).text(t("buttons.back"), CALLBACK.answer("back"));
  await ctx.reply(heading, { parse_mode: "HTML", reply_markup: keyboard });
  for (;;) {
    const { ctx: reply, callback, text } = await waitForButton(conversation, t, ["answer"], () => true);
    if (callback?.answer === "back") return false;
    if (callback) {
      state.answers.pay = "unsure";
      state.wage = null;
      state.paySigns = [];
      return true;
    }
    const pay = findPay(text ?? "");
    if (!pay) {
      await countInvalid(conversation, "pay");
      await reply.reply(t("offer.pay_not_understood"), { reply_markup: keyboard });
      continue;
    }
    const hours = findHours(text ?? "");
    state.wage = minimumWageCheck(pay, hours, state.country, engine.wages);
    state.answers.pay = weeklyHours(hours) !== undefined || hours.roundTheClock ? "hours_known" : "pay_only";
    state.paySigns = [
      ...(state.wage?.below ? (["below_minimum_wage"] as const) : []),
      ...(state.wage?.unrealistic ? (["unrealistic_pay"] as const) : []),
      ...(hoursAreExcessive(hours) ? (["excessive_hours"] as const) : []),
    ];
    return true;
  }
}

export async function guidedCheck(conversation: OfferConversation, ctx: Context, t: Translate, lang: string, engine: OfferEngine, questions: QuestionsFile): Promise<void> {
  const steps: Step[] = [{ kind: "destination" }, { kind: "sector" }, ...questions.guided];
  const state: State = { country: null, answers: {}, wage: null, paySigns: [] };
  let i = 0;
  let forward = true;
  while (i < steps.length) {
    const step = steps[i]!;
    if (skipped(step, state)) {
      delete state.answers["id" in step ? step.id : ""];
      i = forward ? i + 1 : Math.max(0, i - 1);
      continue;
    }
    forward = await askStep(conversation, ctx, t, step, i + 1, steps.length, questions, engine, state);
    i = forward ? i + 1 : Math.max(0, i - 1);
  }
  const yesNo = questions.guided.filter((q): q is Question & GuidedQuestion => q.kind === "yesno");
  const answers = Object.fromEntries(Object.entries(state.answers).filter(([, a]) => a === "yes" || a === "no" || a === "unsure")) as Record<string, Answer>;
  const scored = scoreAnswers(yesNo, answers, state.paySigns, engine.signs);
  const order = engine.signs.signs.map((s) => s.id);
  const signs = scored.flagged.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((id) => ({ id }));
  const unknown = [...scored.unknown, ...(state.answers.pay === "unsure" ? (["below_minimum_wage"] as const) : [])];
  const result = { risk: scored.risk, country: state.country, signs, wage: state.wage, unknown };
  await countResult(conversation, "offer_guided", result);
  await sendResult(ctx, t, lang, result, engine);
}
