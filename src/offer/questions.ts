// The yes / no / not sure questions, and which answer shows which sign.
import { z } from "zod";
import { loadContent } from "../content/files.js";
import { riskBand, SIGN_IDS, type Risk, type SignBook, type SignId } from "./signs.js";

export type Answer = "yes" | "no" | "unsure";

const questionSchema = z.strictObject({ id: z.string().min(2), sign: z.enum(SIGN_IDS), flagsWhen: z.enum(["yes", "no"]) });
export type Question = z.infer<typeof questionSchema>;

export const questionsFileSchema = z.strictObject({
  /** Asked after a pasted ad, about what the text could not tell, in this order. */
  followUps: z.array(questionSchema).min(1),
});

export function loadQuestions(dir?: string): z.infer<typeof questionsFileSchema> {
  return loadContent("questions.json", questionsFileSchema, dir);
}

export interface Scored {
  risk: Risk;
  flagged: SignId[];
  unknown: SignId[];
}

/** Scores answers together with signs already found (in the ad's text, say). */
export function scoreAnswers(questions: Question[], answers: Answer[], alreadyFound: SignId[], book: SignBook): Scored {
  const flagged = [...alreadyFound];
  const unknown: SignId[] = [];
  questions.forEach((q, i) => {
    const answer = answers[i];
    if (answer === q.flagsWhen && !flagged.includes(q.sign)) flagged.push(q.sign);
    if (answer === "unsure") unknown.push(q.sign);
  });
  return { risk: riskBand(flagged, book), flagged, unknown };
}
