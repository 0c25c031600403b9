// A pasted ad's check: "Send the ad" prompts for it (or an ad arrives on its own), the ad is
// read at once, the follow-up questions ask only what its text could not tell, then the result.
//
// Like the guided check (guided.ts), where the person is lives in the session
// (`ctx.session.pasted`), not in a conversation: a conversation stored the ad's whole text and a
// log of every update, and read, scrubbed, replayed and wrote them all at each tap
// (docs/decisions.md). The ad's text is never stored: only what was read from it.
import type { Context, Middleware } from "grammy";
import type { BotContext } from "../context.js";
import { analyzeOfferText, type FoundSign, type OfferEngine } from "../../offer/analyze.js";
import { scoreAnswers, type Answer, type QuestionsFile } from "../../offer/questions.js";
import type { SignId } from "../../offer/signs.js";
import type { WageCheck } from "../../offer/wage-check.js";
import { isNavigation, parseCallback, type Callback } from "../callbacks.js";
import { backToMenuKeyboard } from "../keyboards.js";
import { answerKeyboard, answers, countResult, sendResult } from "./offer-ui.js";

/** Telegram's own limit for a message; longer input cannot be a single message's text. */
const MAX_AD_LENGTH = 4096;

/** A pasted ad's check under way, as the session keeps it. Nothing in it identifies the person. */
export type PastedState =
  /** "Send the ad" was tapped: the next text is the ad. */
  | { stage: "ad" }
  | {
      stage: "questions";
      /** The follow-up questions the ad left open (their ids), and which one is asked. */
      questions: string[];
      step: number;
      answers: Answer[];
      /** What was read from the ad: the signs, each with the phrase the result quotes. */
      signs: FoundSign[];
      country: string | null;
      wage: WageCheck | null;
    };
type Questions = Extract<PastedState, { stage: "questions" }>;

export const adText = (ctx: Context): string | undefined => ctx.message?.text ?? ctx.message?.caption;

export function pastedCheck(engine: OfferEngine, questions: QuestionsFile) {
  const followUps = new Map(questions.followUps.map((q) => [q.id, q]));

  const prompt = (ctx: BotContext, lead = "") =>
    ctx.reply(`${lead ? `${lead}\n\n` : ""}${ctx.t("offer.paste_prompt")}`, { reply_markup: backToMenuKeyboard(ctx.t) });

  /** Asks the question the check is at; `lead` goes above it (the first one's introduction by default). */
  function ask(ctx: BotContext, state: Questions, lead = state.step === 0 ? ctx.t("offer.follow_up") : "") {
    const { step } = state;
    const id = state.questions[step]!;
    const progress = ctx.t("offer.progress", { n: step + 1, total: state.questions.length });
    const text = `${lead ? `${lead}\n\n` : ""}${progress}\n<b>${ctx.t(`questions.${id}`)}</b>`;
    return ctx.reply(text, { parse_mode: "HTML", reply_markup: answerKeyboard(ctx.t, step > 0, id) });
  }

  /** Reads the ad; asks what it left open, or gives the result at once. */
  async function check(ctx: BotContext, text: string): Promise<void> {
    delete ctx.session.pasted;
    if (text.length > MAX_AD_LENGTH || text.trim().length < 20) {
      const tooLong = text.length > MAX_AD_LENGTH;
      ctx.trends.count("invalid", tooLong ? "ad_too_long" : "ad_too_short");
      return void (await ctx.reply(ctx.t(tooLong ? "offer.too_long" : "offer.too_short"), { reply_markup: backToMenuKeyboard(ctx.t) }));
    }
    const { country, signs, wage } = analyzeOfferText(text, engine, { lang: ctx.lang });
    if (country) {
      ctx.session.destination = country; // remembered so that SOS answers for this country at once
      ctx.trends.count("destination", country, { destination: country });
    }
    const found = signs.map((s) => s.id);
    const open = questions.followUps.filter((q) => !found.includes(q.sign)).map((q) => q.id);
    const state: Questions = { stage: "questions", questions: open, step: 0, answers: [], signs, country, wage };
    if (open.length === 0) return finish(ctx, state);
    ctx.session.pasted = state;
    await ask(ctx, state);
  }

  async function finish(ctx: BotContext, state: Questions): Promise<void> {
    delete ctx.session.pasted;
    const asked = state.questions.map((id) => followUps.get(id)!);
    const found = state.signs.map((s) => s.id);
    const scored = scoreAnswers(asked, state.answers, found, engine.signs);
    const signs: { id: SignId; evidence?: string }[] = [...state.signs, ...scored.flagged.filter((id) => !found.includes(id)).map((id) => ({ id }))];
    const result = { risk: scored.risk, country: state.country, signs, wage: state.wage, unknown: scored.unknown };
    countResult(ctx.trends, "offer_text", result);
    await sendResult(ctx, ctx.t, ctx.lang, result, engine);
  }

  /**
   * What the check does with an update it was not waiting for: a navigation button (the menu,
   * say, under an earlier message) ends it and is handled as usual; a message (with `reminder`
   * above) or another button of the bot's (with a line saying so) gets what is waited for asked
   * again; a button the bot never made only stops spinning.
   */
  async function remind(ctx: BotContext, callback: Callback | undefined, again: (lead: string) => Promise<unknown>, reminder: string, next: () => Promise<void>) {
    if (isNavigation(callback)) {
      delete ctx.session.pasted;
      return next();
    }
    ctx.trends.count("invalid", ctx.callbackQuery ? "button" : "reminder");
    if (!ctx.callbackQuery) await again(reminder);
    else if (callback) await again(ctx.t("unknown.button"));
  }

  /** Every update of a chat in the middle of a pasted ad's check comes here first. */
  const middleware: Middleware<BotContext> = async (ctx, next) => {
    const state = ctx.session.pasted;
    if (!state) return next();
    const callback = parseCallback(ctx.callbackQuery?.data);
    if (state.stage === "ad") {
      const text = adText(ctx);
      if (text !== undefined) return check(ctx, text);
      // "Send the ad" tapped again before the ad came is the same check: the prompt again.
      if (callback?.kind === "offerPaste") return void (await prompt(ctx));
      return remind(ctx, callback, (lead) => prompt(ctx, lead), "", next);
    }
    const id = state.questions[state.step];
    if (id === undefined || !state.questions.every((q) => followUps.has(q))) {
      delete ctx.session.pasted; // the questions changed under a check in progress
      return next();
    }
    if (callback?.kind === "answer" && answers(callback, id)) {
      if (callback.answer === "back") state.step = Math.max(0, state.step - 1);
      else state.answers[state.step++] = callback.answer;
      return void (await (state.step < state.questions.length ? ask(ctx, state) : finish(ctx, state)));
    }
    return remind(ctx, callback, (lead) => ask(ctx, state, lead), ctx.t("offer.answer_with_buttons"), next);
  };

  /** "Send the ad": the prompt, then the next text is the ad. */
  async function start(ctx: BotContext): Promise<void> {
    ctx.session.pasted = { stage: "ad" };
    await prompt(ctx);
  }

  return { start, check, middleware };
}
