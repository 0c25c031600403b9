// analyzeOfferText: the warning signs in a job ad's text, each with the phrase that showed it,
// the destination it names, and the pay check. Pure: no I/O, no grammY.
import { z } from "zod";
import { loadContent } from "../content/files.js";
import type { WageData } from "../content/wages.js";
import { allMatches, CAPITAL, fold, foldedRegExp, markCapitals, quote, type Folded } from "./normalize.js";
import { candidates } from "./prefilter.js";
import { findHours, findPay, hoursAreExcessive, type Hours, type Pay } from "./pay.js";
import { riskBand, type Risk, type SignBook, type SignId } from "./signs.js";
import { minimumWageCheck, type WageCheck } from "./wage-check.js";

export interface FoundSign {
  id: SignId;
  evidence: string;
}

export interface OfferAnalysis {
  risk: Risk;
  country: string | null;
  pay: Pay | null;
  hours: Hours;
  wage: WageCheck | null;
  signs: FoundSign[];
}

export interface OfferEngine {
  signs: SignBook;
  wages: WageData;
  countries: { code: string; pattern: RegExp }[];
}

const countryNamesSchema = z.strictObject({
  destinations: z.record(z.string().regex(/^[A-Z]{2}$/), z.array(z.string().min(2)).min(1)),
});

export function loadCountryPatterns(dir?: string): OfferEngine["countries"] {
  const file = loadContent("country-names.json", countryNamesSchema, dir);
  return Object.entries(file.destinations).map(([code, names]) => ({
    code,
    pattern: foldedRegExp(`(?<![a-z])(?:${names.join("|")})(?![a-z])`),
  }));
}

/** All the countries' names in one pattern, one named group per country in the order given, so that
 * one pass finds the name that comes first (and, at the same place, the country listed first). */
const combined = new WeakMap<OfferEngine["countries"], RegExp>();

function allCountries(countries: OfferEngine["countries"]): RegExp {
  let pattern = combined.get(countries);
  if (!pattern) {
    pattern = new RegExp(countries.map((c, i) => `(?<c${i}>${c.pattern.source})`).join("|"));
    combined.set(countries, pattern);
  }
  return pattern;
}

/** The destination named first in the text, by country or city name, in any language. */
export function detectCountry(folded: Folded, engine: OfferEngine): string | null {
  const m = allCountries(engine.countries).exec(folded.text);
  if (!m) return null;
  const index = engine.countries.findIndex((_c, i) => m.groups?.[`c${i}`] !== undefined);
  return engine.countries[index]!.code;
}

/** Clause boundaries: line breaks and sentence ends (not the dot inside "1.200"). */
const CLAUSE_END = /\n|[.!?;](?=\s|$)/g;

/** Where each clause of the text ends (exclusive), in order. */
function clauseEnds(text: string): number[] {
  const ends = allMatches(CLAUSE_END, text).map((m) => m.index);
  ends.push(text.length);
  return ends;
}

function clauseAt(ends: number[], index: number): [number, number] {
  let i = 0;
  while (ends[i]! < index) i++;
  return [i === 0 ? 0 : ends[i - 1]! + 1, ends[i]!];
}

/** A trigger word alone ("Taxa") says little: quote on to the end of the word and a few more
 * words of the same clause ("Taxa de înscriere 150 euro"). */
function phraseEnd(text: string, end: number, clauseEnd: number): number {
  const comma = text.slice(end, clauseEnd).search(/[,:(]/);
  const limit = Math.min(clauseEnd, end + 28, comma < 0 ? clauseEnd : end + comma);
  if (limit <= end) return end;
  const cut = text.slice(end, limit + 1).search(/ [^ ]*$/);
  return limit === clauseEnd || limit === end + comma || cut < 0 ? limit : end + cut;
}

/** The leftmost match of any of the sign's patterns worth running, unless its clause rules it out. */
function findSign(original: string, folded: Folded, ends: number[], patterns: RegExp[], unless: RegExp[], run: (i: number) => boolean): string | undefined {
  let best: { start: number; end: number } | undefined;
  patterns.forEach((pattern, i) => {
    if (!run(i)) return;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(folded.text); m; m = pattern.exec(folded.text)) {
      if (best && m.index >= best.start) break;
      if (m[0] === "") pattern.lastIndex++;
      const [from, to] = clauseAt(ends, m.index);
      if (unless.some((u) => u.test(folded.text.slice(from, to)))) continue;
      best = { start: m.index, end: phraseEnd(folded.text, m.index + m[0].length, to) };
      break;
    }
  });
  return best && quote(original, folded, best.start, best.end);
}

/** The first contact given, when the ad has no way at all to check who is behind it. A verifiable
 * pattern with CAPITAL in it (a name: "⇧agencija ⇧[a-z]") is matched against the text with its
 * capitalised words marked (see markCapitals). */
function findAbsence(original: string, folded: Folded, absence: { contact: RegExp[]; verifiable: RegExp[] }, marked: () => string): string | undefined {
  let contact: string | undefined;
  for (const pattern of absence.contact) {
    const m = pattern.exec(folded.text);
    if (m) {
      contact = quote(original, folded, m.index, m.index + m[0].length);
      break;
    }
  }
  if (contact === undefined) return undefined;
  for (const pattern of absence.verifiable) {
    if (pattern.test(pattern.source.includes(CAPITAL) ? marked() : folded.text)) return undefined;
  }
  return contact;
}

/** With no destination named ("work in Europe"), or one with no statutory minimum to judge by
 * (Austria, Italy, the Gulf), pay far above the going rate in every destination that has a
 * minimum wage is too good to be true wherever the job is. */
function unrealisticEverywhere(pay: Pay | null, hours: Hours, wages: WageData, noSkills: boolean): boolean {
  if (!pay) return false;
  const checks = Object.keys(wages.minimumWages).map((code) => minimumWageCheck(pay, hours, code, wages, noSkills));
  const known = checks.filter((c): c is WageCheck => c !== null);
  return known.length > 0 && known.every((c) => c.unrealistic);
}

export function analyzeOfferText(
  text: string,
  engine: OfferEngine,
  options: { lang?: string; country?: string | null } = {},
): OfferAnalysis {
  const folded = fold(text);
  const ends = clauseEnds(folded.text);
  const found: FoundSign[] = [];
  const worth = candidates(folded.text, engine.signs.filter);
  let markedText: string | undefined;
  const marked = () => (markedText ??= markCapitals(text, folded));
  let offset = 0;
  for (const sign of engine.signs.signs) {
    const first = offset;
    offset += sign.compiled.length;
    const evidence =
      findSign(text, folded, ends, sign.compiled, sign.compiledUnless, (i) => worth[first + i] === 1) ??
      (sign.compiledAbsence ? findAbsence(text, folded, sign.compiledAbsence, marked) : undefined);
    if (evidence) found.push({ id: sign.id, evidence });
  }
  const country = options.country ?? detectCountry(folded, engine);
  const pay = findPay(text, folded);
  const hours = findHours(text, folded);
  const noSkills = engine.signs.noSkills.some((p) => p.test(folded.text));
  const wage = minimumWageCheck(pay, hours, country, engine.wages, noSkills);
  if (hoursAreExcessive(hours)) found.push({ id: "excessive_hours", evidence: hours.evidence.join(", ") });
  if (wage?.below && pay) found.push({ id: "below_minimum_wage", evidence: pay.evidence });
  const minimum = country ? engine.wages.minimumWages[country] : undefined;
  const unjudged = !minimum || minimum.status === "none";
  if ((wage?.unrealistic || (unjudged && unrealisticEverywhere(pay, hours, engine.wages, noSkills))) && pay) {
    found.push({ id: "unrealistic_pay", evidence: pay.evidence });
  }
  const signs = found.sort((a, b) => engine.signs.signs.findIndex((s) => s.id === a.id) - engine.signs.signs.findIndex((s) => s.id === b.id));
  return { risk: riskBand(signs.map((s) => s.id), engine.signs), country, pay, hours, wage, signs };
}
