// The help card for a country: the emergency number first, then hotlines, the labour
// inspectorate, advice for migrant workers and embassies; each with hours, languages and its
// source. Shared by "Get help now", /sos and (later) the inline card.
import type { Translate } from "../i18n/index.js";
import { escapeHtml } from "../i18n/index.js";
import { isEmergency, isHotline, type Contact, type Pack } from "./countries.js";
import { pack } from "../text/pack.js";

const SECTIONS: [string, (c: Contact) => boolean][] = [
  ["help.emergency", isEmergency],
  ["help.hotlines", (c) => isHotline(c) && c.kind !== "migrant_counselling"],
  ["help.inspectorate", (c) => c.kind === "labour_inspectorate"],
  ["help.counselling", (c) => c.kind === "migrant_counselling"],
  ["help.embassies", (c) => c.kind === "embassy"],
];

function languageNames(codes: string[], lang: string): string {
  const names = new Intl.DisplayNames([lang === "sr" ? "sr-Latn" : lang], { type: "language" }); // our Serbian is Latin
  return codes.map((code) => names.of(code) ?? code).join(", ");
}

function contactLine(t: Translate, lang: string, c: Contact): string {
  const details: string[] = [];
  if (c.hours) details.push(c.hours === "24/7" ? t("help.hours_247") : t("help.hours_days", { days: t(`help.days_${c.hours.days}`), from: c.hours.from, to: c.hours.to }));
  if (c.free) details.push(t("help.free"));
  if (c.languages.length) details.push(t("help.languages", { languages: languageNames(c.languages, lang) }));
  const reach = [c.phone && `<b>${escapeHtml(c.phone)}</b>`, c.url && `<a href="${escapeHtml(c.url)}">${escapeHtml(new URL(c.url).hostname)}</a>`, c.email && escapeHtml(c.email)];
  const service = c.service ? ` (${t(`help.service_${c.service}`)})` : "";
  const lines = [`${escapeHtml(c.name)}${service}: ${reach.filter(Boolean).join(" · ")}`];
  const notes = [...details, ...(c.confirmed ? [] : [`⚠️ ${t("help.unconfirmed")}`]), `<a href="${escapeHtml(c.source)}">${t("help.source")}</a>`];
  lines.push(`<i>${notes.join(" · ")}</i>`);
  return lines.join("\n");
}

/** The card as Telegram messages (usually one). */
export function renderHelpCard(t: Translate, lang: string, country: Pack, countryName: string): string[] {
  const parts = [t("help.title", { country: countryName })];
  const used = new Set<Contact>();
  for (const [heading, belongs] of SECTIONS) {
    const contacts = country.contacts.filter((c) => !used.has(c) && belongs(c));
    contacts.forEach((c) => used.add(c));
    if (contacts.length) parts.push([t(heading), ...contacts.map((c) => contactLine(t, lang, c))].join("\n"));
  }
  const latest = country.contacts.map((c) => c.checkedOn).sort().at(-1);
  if (latest) parts.push(t("help.checked", { date: latest }));
  return pack(parts);
}
