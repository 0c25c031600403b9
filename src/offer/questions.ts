// The yes / no / not sure questions, and which answer shows which sign (content/questions.json).
import { z } from "zod";
import { loadContent } from "../content/files.js";
import { riskBand, SIGN_IDS, type Risk, type SignBook, type SignId } from "./signs.js";

export type Answer = "yes" | "no" | "unsure";
/** What a typed pay answer gave: pay with hours, pay only, or nothing ("not sure"). */
export type PayAnswer = "hours_known" | "pay_only" | "unsure";

/** A question's id also goes in its buttons' data (callbacks.ts): short, lowercase. */
const questionId = z.string().regex(/^[a-z_]{2,30}$/);
const yesNoSchema = z.strictObject({ id: questionId, sign: z.enum(SIGN_IDS), flagsWhen: z.enum(["yes", "no"]) });
export type Question = z.infer<typeof yesNoSchema>;

const guidedSchema = z.discriminatedUnion("kind", [
  yesNoSchema.extend({
    kind: z.literal("yesno"),
    /** Not asked when an earlier answer makes it irrelevant (no contract: its language does not matter). */
    skipWhen: z.strictObject({ question: z.string(), answer: z.string() }).optional(),
  }),
  z.strictObject({ id: z.literal("pay"), kind: z.literal("pay") }),
]);
export type GuidedQuestion = z.infer<typeof guidedSchema>;

export const questionsFileSchema = z
  .strictObject({
    /** Asked after a pasted ad, about what the text could not tell, in this order. */
    followUps: z.array(yesNoSchema).min(1),
    /** Destinations offered as buttons, most asked-about first. */
    destinations: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1),
    sectors: z.array(z.string().regex(/^[a-z_]+$/)).min(1),
    /** The guided check, in order. */
    guided: z.array(guidedSchema).min(1),
  })
  .refine(
    (file) => SIGN_IDS.every((id) => id === "below_minimum_wage" || id === "unrealistic_pay" || file.guided.some((q) => "sign" in q && q.sign === id)),
    "the guided questions must reveal every sign (the pay question covers the two pay signs)",
  );
export type QuestionsFile = z.infer<typeof questionsFileSchema>;

export function loadQuestions(dir?: string): QuestionsFile {
  return loadContent("questions.json", questionsFileSchema, dir);
}

export interface Scored {
  risk: Risk;
  flagged: SignId[];
  unknown: SignId[];
}

/** Scores yes / no / not sure answers together with signs already found (in an ad's text, the pay check). */
export function scoreAnswers(
  questions: Question[],
  answers: Partial<Record<string, Answer>> | Answer[],
  alreadyFound: SignId[],
  book: SignBook,
): Scored {
  const flagged = [...alreadyFound];
  const unknown: SignId[] = [];
  questions.forEach((q, i) => {
    const answer = Array.isArray(answers) ? answers[i] : answers[q.id];
    if (answer === q.flagsWhen && !flagged.includes(q.sign)) flagged.push(q.sign);
    if (answer === "unsure" && !flagged.includes(q.sign)) unknown.push(q.sign);
  });
  return { risk: riskBand(flagged, book), flagged, unknown };
}
