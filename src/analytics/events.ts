// What the bot counts for the trends, and the fixed list of values each count may take.
// A value outside its list is counted as "other": nothing free-form ever reaches the database.
import { SIGN_IDS } from "../offer/signs.js";
import { TOPICS } from "../content/rights.js";
import { DESTINATIONS, ORIGINS } from "../content/countries.js";
import { LANGUAGES } from "../i18n/languages.js";

export const FLOWS = ["offer_guided", "offer_text", "rights", "recruiter", "before_go", "help", "sos", "inline_share"] as const;
export type Flow = (typeof FLOWS)[number];

/** Input the bot could not use: a stale or unknown button, a message it did not understand,
 * pay it could not read, an ad too long or too short, typing where a button was expected. */
export const INVALID_KINDS = ["button", "message", "pay", "ad_too_long", "ad_too_short", "reminder"] as const;

export const METRICS = {
  flow_started: FLOWS,
  flow_finished: FLOWS,
  band: ["low", "medium", "high"],
  sign: SIGN_IDS,
  topic: TOPICS,
  destination: DESTINATIONS,
  origin: ORIGINS,
  language: LANGUAGES,
  /** /start with a link payload or without. */
  start: ["link", "plain"],
  invalid: INVALID_KINDS,
  /** Distinct people that day (see visitors.ts). */
  people: ["all"],
} as const satisfies Record<string, readonly string[]>;

export type Metric = keyof typeof METRICS;
export type MetricValue<M extends Metric> = (typeof METRICS)[M][number];

export const OTHER = "other";
export const NONE = "none";

/** One counter: a UTC day, its context, and what happened. */
export interface CounterKey {
  day: string;
  campaign: string;
  language: string;
  destination: string;
  metric: Metric;
  value: string;
}

/** The context an event happened in, as the bot knows it. */
export interface EventContext {
  campaign?: string | undefined;
  language?: string | undefined;
  destination?: string | null | undefined;
}

const inList = (list: readonly string[], value: string | null | undefined): string =>
  value === undefined || value === null ? NONE : list.includes(value) ? value : OTHER;

/** The counter for an event, with every value checked against its list. */
export function counterKey(day: string, metric: Metric, value: string, context: EventContext, isCampaign: (code: string) => boolean): CounterKey {
  const campaign = context.campaign === undefined ? NONE : isCampaign(context.campaign) ? context.campaign : OTHER;
  return {
    day,
    campaign,
    language: inList(LANGUAGES, context.language),
    destination: inList(DESTINATIONS, context.destination),
    metric,
    value: (METRICS[metric] as readonly string[]).includes(value) ? value : OTHER,
  };
}

const SEP = "\u0000";
export const keyString = (k: CounterKey): string => [k.day, k.campaign, k.language, k.destination, k.metric, k.value].join(SEP);
export function parseKeyString(s: string): CounterKey {
  const [day, campaign, language, destination, metric, value] = s.split(SEP) as [string, string, string, string, Metric, string];
  return { day, campaign, language, destination, metric, value };
}

/** The UTC day of a moment, YYYY-MM-DD. */
export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first moment of the next UTC day, in ms since 1970. */
export const nextUtcMidnight = (date: Date): number => Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);

/** Today's UTC day by `clock`, printed again only when the day changes or the clock goes back
 * (toISOString at every update was most of what working out the day cost). */
export function utcToday(clock: { now(): Date }): () => string {
  let day = { text: "", ends: 0 };
  return () => {
    const now = clock.now();
    const ms = now.getTime();
    if (ms >= day.ends || ms < day.ends - DAY_MS) day = { text: utcDay(now), ends: nextUtcMidnight(now) };
    return day.text;
  };
}

