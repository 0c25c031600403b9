// "Know your rights abroad": one short answer per topic and destination, built from the
// sourced data (country packs, minimum wages) and the sentence templates in locales/.
// Every fact ends with its source and the date it was checked; an unknown is said to be
// unknown, with where to ask.
import type { Translate } from "../i18n/index.js";
import { escapeHtml } from "../i18n/index.js";
import { pack as packMessages } from "../text/pack.js";
import type { Contact, Pack } from "./countries.js";
import type { MinimumWage } from "./wages.js";

export const TOPICS = ["pay", "hours", "contract", "fees", "permits", "housing", "paid", "sickness", "complain"] as const;
export type Topic = (typeof TOPICS)[number];

interface Sourced {
  source: string;
  checkedOn: string;
  confirmed: boolean;
}

const number = (lang: string, value: number) =>
  new Intl.NumberFormat(lang, { minimumFractionDigits: Number.isInteger(value) ? 0 : 2, maximumFractionDigits: 2 }).format(value);

/** A link that shows only the site's name. */
export const siteLink = (url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(new URL(url).hostname)}</a>`;

function sourceLine(t: Translate, fact: Sourced): string {
  const link = `<a href="${escapeHtml(fact.source)}">${t("rights.source_link")}</a>`;
  const line = t("rights.source", { link, date: fact.checkedOn, interpolation: { escapeValue: false } });
  return fact.confirmed ? line : `${t("rights.unconfirmed")}\n${line}`;
}

function contactLines(contacts: Contact[]): string[] {
  return contacts.map((c) => `• ${escapeHtml(c.name)}${c.phone ? `: <b>${escapeHtml(c.phone)}</b>` : ""}${c.url ? ` · ${siteLink(c.url)}` : ""}`);
}

function payFacts(t: Translate, lang: string, wage: MinimumWage | undefined): string[] {
  if (!wage) return [];
  const src = { source: wage.source, checkedOn: wage.checkedOn, confirmed: wage.status !== "unconfirmed" };
  if (wage.status === "none") {
    return [`${t(wage.setBy === "collective_agreements" ? "rights.pay_none" : "rights.pay_none_general")}\n${sourceLine(t, src)}`];
  }
  const values = { amount: number(lang, wage.amount), currency: wage.currency, per: t(`rights.per_${wage.per}`), from: wage.appliesFrom };
  const sentences = [t(wage.status === "statutory" ? "rights.pay_statutory" : "rights.pay_unconfirmed", values)];
  if (wage.ageFrom) sentences.push(t("rights.pay_age", { age: wage.ageFrom }));
  if (wage.paymentsPerYear !== 12) sentences.push(t("rights.pay_payments", { payments: wage.paymentsPerYear }));
  // An unconfirmed minimum already says so in its own sentence.
  return [`${sentences.join(" ")}\n${sourceLine(t, { ...src, confirmed: true })}`];
}

/** The facts for one topic, each a paragraph with its source; empty when nothing is known. */
function topicFacts(t: Translate, lang: string, topic: Topic, country: Pack, wage: MinimumWage | undefined): string[] {
  if (country.role !== "destination") return [];
  const f = country.facts;
  const with_ = (text: string, fact: Sourced) => `${text}\n${sourceLine(t, fact)}`;
  switch (topic) {
    case "pay":
      return payFacts(t, lang, wage);
    case "hours": {
      const out: string[] = [];
      if (f.workingHours) {
        const h = f.workingHours;
        const text = [t("rights.hours_weekly", { hours: h.maxWeekly })];
        if (h.averagedOverWeeks) text.push(t("rights.hours_averaged", { weeks: h.averagedOverWeeks }));
        if (h.maxDaily) text.push(t("rights.hours_daily", { hours: h.maxDaily }));
        out.push(with_(text.join(" "), h));
      }
      if (f.overtime) {
        const o = f.overtime;
        const key = o.premiumPercent ? "rights.overtime_premium" : o.paidExtra ? "rights.overtime_paid" : "rights.overtime_no_premium";
        out.push(with_(t(key, { percent: o.premiumPercent }), o));
      }
      return out;
    }
    case "contract": {
      const out: string[] = [];
      if (f.writtenContract?.required) out.push(with_(t("rights.contract_required", { law: f.writtenContract.law }), f.writtenContract));
      if (f.passportRetention?.forbidden) out.push(with_(t("rights.passport_forbidden", { law: f.passportRetention.law }), f.passportRetention));
      else if (out.length) out.push(t("rights.passport_unknown"));
      return out;
    }
    case "fees":
      return f.recruitmentFees
        ? [with_(t(f.recruitmentFees.forbiddenForWorkers ? "rights.fees_forbidden" : "rights.fees_allowed", { law: f.recruitmentFees.law }), f.recruitmentFees)]
        : [];
    case "permits":
      return f.workPermit
        ? [
            with_(
              t(f.workPermit.euCitizensFree ? "rights.permit_eu_free" : "rights.permit_needed", {
                authority: escapeHtml(f.workPermit.authority),
                url: siteLink(f.workPermit.url),
                interpolation: { escapeValue: false },
              }),
              f.workPermit,
            ),
          ]
        : [];
    default:
      return [];
  }
}

/** Who to turn to: the labour inspectorate and advice services. */
function whereToAsk(country: Pack): Contact[] {
  return country.contacts.filter((c) => c.confirmed && (c.kind === "labour_inspectorate" || c.kind === "migrant_counselling" || c.kind === "ngo")).slice(0, 4);
}

export function renderRights(t: Translate, lang: string, topic: Topic, country: Pack, countryName: string, wage: MinimumWage | undefined): string[] {
  const parts = [t("rights.title", { topic: t(`rights_topics.${topic}`), country: countryName })];
  const facts = topicFacts(t, lang, topic, country, wage);
  if (topic === "complain") parts.push([t("rights.complain_intro"), ...contactLines(whereToAsk(country))].join("\n"));
  else if (facts.length) parts.push(...facts);
  else parts.push([t("rights.no_facts", { country: countryName }), ...contactLines(whereToAsk(country))].join("\n"));
  return packMessages(parts);
}
