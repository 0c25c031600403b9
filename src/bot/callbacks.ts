// Every callback_data the bot puts on a button, and the one parser that reads them back.
import { z } from "zod";
import { LANGUAGES, type Language } from "../i18n/languages.js";
import { SIGN_IDS, type Risk, type SignId } from "../offer/signs.js";
import { TOPICS, type Topic } from "../content/rights.js";

export const CALLBACK = {
  menu: "menu",
  language: "menu:language",
  about: "menu:about",
  offer: "menu:offer",
  offerPaste: "offer:paste",
  offerGuided: "offer:guided",
  help: "menu:help",
  rights: "menu:rights",
  beforeYouGo: "menu:before",
  recruiter: "menu:recruiter",
  forgetAsk: "forget:ask",
  forgetYes: "forget:yes",
  forgetNo: "forget:no",
  recruiterFor: (country: string) => `agency:${country}`,
  rightsFor: (country: string) => `rights:${country}`,
  rightsTopic: (country: string, topic: string) => `rt:${country}:${topic}`,
  helpFor: (country: string) => `help:${country}`,
  destination: (country: string) => `dst:${country}`,
  sector: (sector: string) => `sec:${sector}`,
  /** An answer, and what it answers (a question's id): a tap under an earlier question is not taken for this one's. */
  answer: (answer: "yes" | "no" | "unsure" | "back", question?: string) => (question ? `ans:${answer}:${question}` : `ans:${answer}`),
  /** A result summary, carried entirely in the button: risk, country, signs as a bit mask. */
  summary: (risk: Risk, country: string | null, signs: readonly SignId[]) =>
    `sum:${risk}:${country ?? "xx"}:${signs.reduce((mask, id) => mask | (1 << SIGN_IDS.indexOf(id)), 0).toString(16)}`,
  pickLanguage: (lang: Language) => `lang:${lang}`,
} as const;

const schema = z.union([
  z.literal(CALLBACK.menu).transform(() => ({ kind: "menu" as const })),
  z.literal(CALLBACK.language).transform(() => ({ kind: "language" as const })),
  z.literal(CALLBACK.about).transform(() => ({ kind: "about" as const })),
  z.literal(CALLBACK.offer).transform(() => ({ kind: "offer" as const })),
  z.literal(CALLBACK.offerPaste).transform(() => ({ kind: "offerPaste" as const })),
  z.literal(CALLBACK.offerGuided).transform(() => ({ kind: "offerGuided" as const })),
  z.literal(CALLBACK.help).transform(() => ({ kind: "help" as const })),
  z.literal(CALLBACK.rights).transform(() => ({ kind: "rights" as const })),
  z.literal(CALLBACK.beforeYouGo).transform(() => ({ kind: "beforeYouGo" as const })),
  z.literal(CALLBACK.recruiter).transform(() => ({ kind: "recruiter" as const })),
  z.literal(CALLBACK.forgetAsk).transform(() => ({ kind: "forget" as const })),
  z.literal(CALLBACK.forgetYes).transform(() => ({ kind: "forget" as const })),
  z.literal(CALLBACK.forgetNo).transform(() => ({ kind: "forget" as const })),
  z
    .string()
    .regex(/^agency:[A-Z]{2}$/)
    .transform((data) => ({ kind: "recruiterFor" as const, country: data.slice(7) })),
  z
    .string()
    .regex(/^rights:[A-Z]{2}$/)
    .transform((data) => ({ kind: "rightsFor" as const, country: data.slice(7) })),
  z
    .string()
    .regex(new RegExp(`^rt:[A-Z]{2}:(${TOPICS.join("|")})$`))
    .transform((data) => ({ kind: "rightsTopic" as const, country: data.slice(3, 5), topic: data.slice(6) as Topic })),
  z
    .string()
    .regex(/^help:([A-Z]{2}|other)$/)
    .transform((data) => ({ kind: "helpFor" as const, country: data.slice(5) === "other" ? null : data.slice(5) })),
  z
    .string()
    .regex(/^dst:([A-Z]{2}|other)$/)
    .transform((data) => ({ kind: "destination" as const, country: data.slice(4) === "other" ? null : data.slice(4) })),
  z
    .string()
    .regex(/^sec:[a-z_]{2,20}$/)
    .transform((data) => ({ kind: "sector" as const, sector: data.slice(4) })),
  z
    .string()
    .regex(/^ans:(yes|no|unsure|back)(:[a-z_]{2,30})?$/)
    .transform((data) => {
      const [, answer, question] = data.split(":") as [string, "yes" | "no" | "unsure" | "back", string | undefined];
      return { kind: "answer" as const, answer, ...(question ? { question } : {}) };
    }),
  z
    .string()
    .regex(/^sum:(low|medium|high):([A-Z]{2}|xx):([0-9a-f]{1,5})$/)
    .transform((data) => {
      const [, risk, country, mask] = data.split(":") as [string, Risk, string, string];
      const bits = parseInt(mask, 16);
      const signs = SIGN_IDS.filter((_id, i) => (bits & (1 << i)) !== 0);
      return { kind: "summary" as const, risk, country: country === "xx" ? null : country, signs };
    }),
  z
    .string()
    .regex(new RegExp(`^lang:(${LANGUAGES.join("|")})$`))
    .transform((data) => ({ kind: "pickLanguage" as const, language: data.slice(5) as Language })),
]);

export type Callback = z.infer<typeof schema>;

/** Parsed buttons, remembered: there are few distinct ones, and a conversation re-reads every
 * button of its earlier steps on each update. Bounded: cleared when it reaches its size. */
const parsedCache = new Map<string, Callback | undefined>();
const PARSED_CACHE_SIZE = 10_000;

export function parseCallback(data: string | undefined): Callback | undefined {
  if (data === undefined || data.length > 64 || Buffer.byteLength(data) > 64) return undefined;
  if (parsedCache.has(data)) return parsedCache.get(data);
  const parsed = schema.safeParse(data);
  const result = parsed.success ? parsed.data : undefined;
  if (parsedCache.size >= PARSED_CACHE_SIZE) parsedCache.clear();
  parsedCache.set(data, result);
  return result;
}

/** Buttons that take the user somewhere else: inside a conversation they end it and go on.
 * (Help buttons never end a conversation: they are answered before it, see features/help.ts.) */
export function isNavigation(callback: Callback | undefined): boolean {
  return callback !== undefined && !["answer", "destination", "sector", "help", "helpFor"].includes(callback.kind);
}
