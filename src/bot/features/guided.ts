// The guided offer check: destination, sector, then a short question for every warning sign,
// skipping what earlier answers make irrelevant; the pay is typed out ("1200 euro a month,
// 10 hours a day, 6 days") and checked against the minimum wage. "Back" and "not sure" always work.
//
// Where the person is and what they answered live in the session (`ctx.session.guided`), not in
// a conversation: a conversation replays every earlier step on each update and keeps a log of
// them, which made this 20-step check the dearest thing the bot did (docs/performance.md).
import { InlineKeyboard, type Middleware } from "grammy";
import type { BotContext } from "../context.js";
import type { Translate } from "../../i18n/index.js";
import type { OfferEngine } from "../../offer/analyze.js";
import { findHours, findPay, hoursAreExcessive, weeklyHours } from "../../offer/pay.js";
import { scoreAnswers, type Answer, type GuidedQuestion, type PayAnswer, type Question, type QuestionsFile } from "../../offer/questions.js";
import type { SignId } from "../../offer/signs.js";
import { minimumWageCheck, type WageCheck } from "../../offer/wage-check.js";
import { CALLBACK, isNavigation, parseCallback, type Callback } from "../callbacks.js";
import { cachedKeyboard, twoColumns } from "../keyboards.js";
import { answerKeyboard, answers, countResult, sendResult } from "./offer-ui.js";

type Step = { kind: "destination" } | { kind: "sector" } | GuidedQuestion;

/** A guided check under way, as the session keeps it. Nothing in it identifies the person. */
export interface GuidedState {
  /** The step being asked (an index into the steps). */
  step: number;
  country: string | null;
  answers: Record<string, Answer | PayAnswer>;
  wage: WageCheck | null;
  paySigns: SignId[];
}

/** What a step waits for: these kinds of button (and, for the pay, a typed text). */
const ACCEPTS: Record<Step["kind"], Callback["kind"][]> = { destination: ["destination"], sector: ["sector", "answer"], yesno: ["answer"], pay: ["answer"] };

/** What a step's answer buttons carry, so that one under an earlier step is not taken for this one's. */
const tagOf = (step: Step) => (step.kind === "destination" || step.kind === "sector" ? step.kind : step.id);

const skipped = (step: Step, state: GuidedState) => step.kind === "yesno" && step.skipWhen !== undefined && state.answers[step.skipWhen.question] === step.skipWhen.answer;

export function guidedCheck(engine: OfferEngine, questions: QuestionsFile) {
  const steps: Step[] = [{ kind: "destination" }, { kind: "sector" }, ...questions.guided];
  const headings = new WeakMap<Translate, string[]>();
  /** A question's heading ("Question 5 of 20" and the question) is the same for everyone of a language. */
  const heading = (t: Translate, i: number, id: string) => {
    let forLanguage = headings.get(t);
    if (!forLanguage) headings.set(t, (forLanguage = []));
    return (forLanguage[i] ??= `${t("offer.progress", { n: i + 1, total: steps.length })}\n<b>${t(`questions.${id}`)}</b>`);
  };
  const payKeyboard = (t: Translate) => cachedKeyboard(t, "guided:pay", () => new InlineKeyboard().text(t("buttons.not_sure"), CALLBACK.answer("unsure", "pay")).text(t("buttons.back"), CALLBACK.answer("back", "pay")));

  /** Asks step `i`; `lead` is a line put above it (why it is asked again). */
  async function ask(ctx: BotContext, i: number, lead?: string): Promise<void> {
    const t = ctx.t;
    const step = steps[i]!;
    const above = (text: string) => (lead ? `${lead}\n\n${text}` : text);
    if (step.kind === "destination") {
      const keyboard = cachedKeyboard(t, "guided:destination", () => {
        const buttons = questions.destinations.map((c) => [t(`countries.${c}`), CALLBACK.destination(c)] as [string, string]);
        return twoColumns(new InlineKeyboard(), buttons).text(t("buttons.other_country"), CALLBACK.destination("other"));
      });
      await ctx.reply(above(t("offer.destination_prompt")), { reply_markup: keyboard });
    } else if (step.kind === "sector") {
      const keyboard = cachedKeyboard(t, `guided:sector:${i > 0}`, () => {
        const buttons = questions.sectors.map((s) => [t(`sectors.${s}`), CALLBACK.sector(s)] as [string, string]);
        const k = twoColumns(new InlineKeyboard(), buttons);
        return i > 0 ? k.text(t("buttons.back"), CALLBACK.answer("back", tagOf(step))) : k;
      });
      await ctx.reply(above(t("offer.sector_prompt")), { reply_markup: keyboard });
    } else {
      const keyboard = step.kind === "pay" ? payKeyboard(t) : answerKeyboard(t, true, step.id);
      await ctx.reply(above(heading(t, i, step.id)), { parse_mode: "HTML", reply_markup: keyboard });
    }
  }

  /** Moves on (or back), past the questions earlier answers make irrelevant; the result after the last. */
  async function move(ctx: BotContext, state: GuidedState, forward: boolean): Promise<void> {
    let i = forward ? state.step + 1 : Math.max(0, state.step - 1);
    while (i < steps.length && skipped(steps[i]!, state)) {
      delete state.answers[(steps[i] as GuidedQuestion).id];
      i = forward ? i + 1 : Math.max(0, i - 1);
    }
    if (i < steps.length) {
      state.step = i;
      return ask(ctx, i);
    }
    delete ctx.session.guided;
    await finish(ctx, state);
  }

  async function finish(ctx: BotContext, state: GuidedState): Promise<void> {
    const yesNo = questions.guided.filter((q): q is Question & GuidedQuestion => q.kind === "yesno");
    const given = Object.fromEntries(Object.entries(state.answers).filter(([, a]) => a === "yes" || a === "no" || a === "unsure")) as Record<string, Answer>;
    const scored = scoreAnswers(yesNo, given, state.paySigns, engine.signs);
    const order = engine.signs.signs.map((s) => s.id);
    const signs = scored.flagged.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((id) => ({ id }));
    const unknown = [...scored.unknown, ...(state.answers.pay === "unsure" ? (["below_minimum_wage"] as const) : [])];
    const result = { risk: scored.risk, country: state.country, signs, wage: state.wage, unknown };
    countResult(ctx.trends, "offer_guided", result);
    await sendResult(ctx, ctx.t, ctx.lang, result, engine);
  }

  /** A typed pay: checked against the destination's minimum wage; false if it could not be read. */
  function takePay(state: GuidedState, text: string): boolean {
    const pay = findPay(text);
    if (!pay) return false;
    const hours = findHours(text);
    state.wage = minimumWageCheck(pay, hours, state.country, engine.wages);
    state.answers.pay = weeklyHours(hours) !== undefined || hours.roundTheClock ? "hours_known" : "pay_only";
    state.paySigns = [
      ...(state.wage?.below ? (["below_minimum_wage"] as const) : []),
      ...(state.wage?.unrealistic ? (["unrealistic_pay"] as const) : []),
      ...(hoursAreExcessive(hours) ? (["excessive_hours"] as const) : []),
    ];
    return true;
  }

  /** A tap on one of the buttons the step waits for: returns whether to go forward. */
  function takeButton(ctx: BotContext, step: Step, state: GuidedState, callback: Callback): boolean {
    if (callback.kind === "destination") {
      const country = (state.country = callback.country);
      // Remembered so that SOS answers for this country at once.
      if (country) ctx.session.destination = country;
      ctx.trends.count("destination", country ?? "other", { destination: country ?? "other" });
      return true;
    }
    if (callback.kind !== "answer") return true; // a sector: asked to set the scene, not kept
    if (callback.answer === "back" || step.kind === "sector") return false;
    if (step.kind === "pay") {
      state.answers.pay = "unsure";
      state.wage = null;
      state.paySigns = [];
    } else state.answers[(step as GuidedQuestion).id] = callback.answer;
    return true;
  }

  /** Every update of a chat in the middle of a guided check comes here first. */
  const middleware: Middleware<BotContext> = async (ctx, next) => {
    const state = ctx.session.guided;
    if (!state) return next();
    const step = steps[state.step];
    if (!step) {
      delete ctx.session.guided; // the questions changed under a check in progress
      return next();
    }
    const callback = parseCallback(ctx.callbackQuery?.data);
    if (callback && ACCEPTS[step.kind].includes(callback.kind) && answers(callback, tagOf(step))) {
      return move(ctx, state, takeButton(ctx, step, state, callback));
    }
    const text = ctx.message?.text;
    if (step.kind === "pay" && text !== undefined && !text.startsWith("/")) {
      if (takePay(state, text)) return move(ctx, state, true);
      ctx.trends.count("invalid", "pay");
      return void (await ctx.reply(ctx.t("offer.pay_not_understood"), { reply_markup: payKeyboard(ctx.t) }));
    }
    // Anything else: a navigation button (the menu under an earlier message) ends the check and
    // goes where it points, except "check with questions" again before anything is answered,
    // which is the same check; a button of an earlier message shows the step the person is at;
    // one the bot never made stops spinning; a text gets a reminder.
    if (isNavigation(callback)) {
      if (callback!.kind === "offerGuided" && state.step === 0 && Object.keys(state.answers).length === 0) return ask(ctx, 0);
      delete ctx.session.guided;
      return next();
    }
    ctx.trends.count("invalid", ctx.callbackQuery ? "button" : "reminder");
    if (callback) return ask(ctx, state.step, ctx.t("unknown.button"));
    if (!ctx.callbackQuery) await ctx.reply(ctx.t("offer.answer_with_buttons"));
  };

  async function start(ctx: BotContext): Promise<void> {
    ctx.session.guided = { step: 0, country: null, answers: {}, wage: null, paySigns: [] };
    await ask(ctx, 0);
  }

  return { start, middleware };
}
