import type { Context, SessionFlavor } from "grammy";
import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Language } from "../i18n/languages.js";
import type { Translate } from "../i18n/index.js";
import type { Recorder } from "../analytics/trends.js";
import type { GuidedState } from "./features/guided.js";
import type { PastedState } from "./features/pasted.js";

/** What the bot keeps for a chat between updates. Nothing in it identifies the user. */
export interface SessionData {
  /** Chosen with /language or taken from a /start link. */
  language?: Language;
  /** Campaign code from the /start link that brought the user in. */
  campaign?: string;
  /** Destination country (ISO alpha-2): from the /start link, or the last offer checked. */
  destination?: string;
  /** The country the user last asked for help in, so that SOS answers for it at once. */
  country?: string;
  /** Ids of the messages of the last 48 hours, both ways, with the hour (since 1970) of each:
   * what /forget deletes. Nothing else about them is kept. */
  recent?: [messageId: number, hour: number][];
  /** The guided offer check under way, if any: the step and the answers so far. */
  guided?: GuidedState;
  /** A pasted ad's check under way, if any: waiting for the ad, or its follow-up questions with
   * what was read from it (the signs and the phrases quoted for them; never the ad's text). */
  pasted?: PastedState;
  /** The conversation under way, if any, scrubbed of ids and names (session/scrub.ts). */
  conversation?: unknown;
  /** Set (never stored) when the database could not be read for this update. */
  unavailable?: true;
}

export interface LanguageFlavor {
  lang: Language;
  t: Translate;
}

/** Counts for the anonymous trends (src/analytics): `ctx.trends.count("flow_started", "rights")`. */
export interface TrendsFlavor {
  trends: Recorder;
}

export type BotContext = ConversationFlavor<Context & SessionFlavor<SessionData> & LanguageFlavor & TrendsFlavor>;
