// The result of an offer check in words: the same text for the bot (HTML) and the command line.
import type { Translate } from "../i18n/index.js";
import { pack } from "../text/pack.js";
import type { OfferAnalysis } from "./analyze.js";
import type { SignId } from "./signs.js";
import type { WageCheck } from "./wage-check.js";
import type { WageData } from "../content/wages.js";

export interface CheckResult {
  risk: OfferAnalysis["risk"];
  country: string | null;
  signs: { id: SignId; evidence?: string }[];
  wage: WageCheck | null;
  /** Signs the user answered "not sure" about. */
  unknown: SignId[];
}

const number = (lang: string, value: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);

export function countryName(t: Translate, code: string | null): string {
  return code ? t(`countries.${code}`, { defaultValue: code }) : t("countries.other");
}

function payLines(t: Translate, lang: string, result: CheckResult, noMinimum: NoMinimum): string[] {
  const { wage } = result;
  if (noMinimum) {
    const key = noMinimum === "collective_agreements" ? "result.pay_collective_agreements" : "result.pay_no_minimum";
    return [t(key, { country: countryName(t, result.country) })];
  }
  if (!wage) return [];
  const m = wage.minimum;
  const values = {
    offered: number(lang, wage.offeredHourly),
    minimum: number(lang, wage.minimumHourly),
    currency: m.currency,
    from: m.appliesFrom,
  };
  const lines = [t(wage.below ? "result.pay_below" : "result.pay_ok", values)];
  if (m.status === "unconfirmed") lines.push(t("result.pay_unconfirmed"));
  lines.push(t("result.pay_source", { source: m.source, checked: m.checkedOn }));
  return [lines.join("\n")];
}

/** The result message: band, country, pay check, each sign (why, what to do, the quoted phrase), questions. */
/** Whether the destination has no statutory minimum, and what sets pay there instead. */
export type NoMinimum = false | "none" | "collective_agreements";

export function noMinimumOf(data: WageData, country: string | null): NoMinimum {
  const m = country ? data.minimumWages[country] : undefined;
  return m?.status === "none" ? (m.setBy ?? "none") : false;
}

/**
 * The result: band, country, pay check, each sign (why, what to do, the quoted phrase), what to
 * find out and what to ask. Usually one message; split between parts when longer than Telegram
 * allows (an ad can show many signs).
 */
export function renderResult(t: Translate, lang: string, result: CheckResult, options: { noMinimum?: NoMinimum } = {}): string[] {
  const parts: string[] = [`<b>${t(`result.band_${result.risk}`)}</b>`];
  if (result.country) parts.push(t("result.for_country", { country: countryName(t, result.country) }));
  if (result.risk === "low") parts.push(t("result.low_not_guarantee"));
  parts.push(...payLines(t, lang, result, options.noMinimum ?? false));
  result.signs.forEach(({ id, evidence }, i) => {
    const sign = [`<b>${t(`signs.${id}.name`)}</b>`, t(`signs.${id}.why`), `👉 ${t(`signs.${id}.todo`)}`];
    if (evidence) sign.push(`<i>${t("result.evidence", { phrase: evidence })}</i>`);
    parts.push((i === 0 ? `${t("result.signs_header")}\n\n` : "") + sign.join("\n"));
  });
  if (result.unknown.length > 0) parts.push([t("result.unknown_header"), ...result.unknown.map((id) => `• ${t(`signs.${id}.name`)}`)].join("\n"));
  const ask = [...result.signs.map((s) => s.id), ...result.unknown];
  if (ask.length > 0) parts.push([t("result.ask_header"), ...ask.map((id) => `• ${t(`signs.${id}.ask`)}`)].join("\n"));
  parts.push(t("result.next"));
  return pack(parts);
}


/** A short summary with nothing personal in it, for the user to forward to family. */
export function renderSummary(t: Translate, result: Pick<CheckResult, "risk" | "country" | "signs">): string {
  const parts = [t("summary.title", { band: t(`result.band_${result.risk}`) })];
  if (result.country) parts.push(t("summary.country", { country: countryName(t, result.country) }));
  parts.push(
    result.signs.length
      ? [t("summary.signs"), ...result.signs.map(({ id }) => `• ${t(`signs.${id}.name`)} – ${t(`signs.${id}.todo`)}`)].join("\n")
      : t("summary.none"),
  );
  parts.push(t("summary.footer"));
  return parts.join("\n\n");
}

/** Telegram HTML to plain text, for the terminal. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}
