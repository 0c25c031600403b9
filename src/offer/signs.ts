// The warning signs (content/warning-signs.json): the canonical ids of
// ../shared/reference/warning-signs.md, each with its weight, ILO indicator, the questions
// that reveal it and the text patterns that find it. Their words are in locales/ (signs.<id>.*).
import { z } from "zod";
import { loadContent } from "../content/files.js";
import { foldedRegExp } from "./normalize.js";
import { prefilter, type Prefiltered } from "./prefilter.js";

export const SIGN_IDS = [
  "upfront_fee", "travel_debt", "document_retention", "no_written_contract", "contract_language", "unrealistic_pay",
  "below_minimum_wage", "vague_employer", "unlicensed_agency", "wrong_visa", "employer_housing_control",
  "excessive_hours", "deferred_pay", "pressure_urgency", "secrecy", "targeting_profile", "informal_channel",
  "job_change_on_arrival", "third_party_payment",
] as const;
export type SignId = (typeof SIGN_IDS)[number];

export const ILO_INDICATORS = [
  "abuse_of_vulnerability", "deception", "restriction_of_movement", "isolation", "physical_sexual_violence",
  "intimidation_threats", "retention_of_identity_documents", "withholding_of_wages", "debt_bondage",
  "abusive_working_living_conditions", "excessive_overtime",
] as const;

export const WEIGHTS = { strong: 3, moderate: 2, weak: 1 } as const;

/** A regular expression in ordinary spelling; it must compile once folded. */
const pattern = z.string().min(3).refine((source) => {
  try {
    foldedRegExp(source);
    return !/\\[BDSW]/.test(source); // folding lower-cases: \S would become \s
  } catch {
    return false;
  }
}, "is not a valid pattern (or uses an upper-case escape such as \\S)");

export const signSchema = z.strictObject({
  id: z.enum(SIGN_IDS),
  weight: z.enum(["strong", "moderate", "weak"]),
  ilo: z.enum(ILO_INDICATORS),
  basis: z.string().min(3),
  /** Ids of the guided questions (content/questions.json) that reveal it. */
  questions: z.array(z.string()).min(1),
  /** Asked after a pasted ad, when the text could not tell. */
  followUp: z.boolean(),
  patterns: z.array(pattern),
  /** A match is dropped when one of these matches in the same clause ("no fees", "valid passport"). */
  unless: z.array(pattern),
  /** A sign shown by what is missing: the ad gives a contact, but nothing that can be checked.
   * A verifiable pattern with "⇧" in it is matched against the text with "⇧" before each
   * capitalised word (normalize.ts, markCapitals), so that it can tell a name ("⇧bar ⇧paradise"). */
  absence: z.strictObject({ contact: z.array(pattern).min(1), verifiable: z.array(pattern).min(1) }).optional(),
});
export type Sign = z.infer<typeof signSchema>;

export const signsFileSchema = z
  .strictObject({ signs: z.array(signSchema), noSkills: z.array(pattern).min(1) })
  .refine((file) => SIGN_IDS.every((id) => file.signs.filter((s) => s.id === id).length === 1), "needs each sign id exactly once");

export interface CompiledSign extends Sign {
  compiled: RegExp[];
  compiledUnless: RegExp[];
  compiledAbsence?: { contact: RegExp[]; verifiable: RegExp[] };
}

export interface SignBook {
  signs: CompiledSign[];
  byId: Map<SignId, CompiledSign>;
  noSkills: RegExp[];
  /** Which of each sign's patterns are worth running on a text (see prefilter.ts). */
  filter: Prefiltered;
}

export function loadSigns(dir?: string): SignBook {
  const file = loadContent("warning-signs.json", signsFileSchema, dir);
  const signs = file.signs.map((s) => ({
    ...s,
    compiled: s.patterns.map((p) => foldedRegExp(p)),
    compiledUnless: s.unless.map((p) => foldedRegExp(p, "")),
    ...(s.absence
      ? { compiledAbsence: { contact: s.absence.contact.map((p) => foldedRegExp(p, "")), verifiable: s.absence.verifiable.map((p) => foldedRegExp(p, "")) } }
      : {}),
  }));
  // Patterns are numbered across all signs, in order, for the prefilter.
  const filter = prefilter(signs.flatMap((s) => s.compiled.map((r) => r.source)));
  return { signs, byId: new Map(signs.map((s) => [s.id, s])), noSkills: file.noSkills.map((p) => foldedRegExp(p, "")), filter };
}

export type Risk = "low" | "medium" | "high";

/**
 * The risk band. Strong signs weigh 3, moderate 2, weak 1.
 *   high:   two strong signs, or 7 points or more
 *   medium: one strong sign, or 2 points or more (any moderate sign, or two weak ones)
 *   low:    nothing, or one weak sign — and "low" is never a guarantee.
 */
export function riskBand(ids: readonly SignId[], book: SignBook): Risk {
  const found = [...new Set(ids)].map((id) => book.byId.get(id)!);
  const strong = found.filter((s) => s.weight === "strong").length;
  const points = found.reduce((sum, s) => sum + WEIGHTS[s.weight], 0);
  if (strong >= 2 || points >= 7) return "high";
  if (strong >= 1 || points >= 2) return "medium";
  return "low";
}
