// The dashboard's pages, rendered on the server. Every word comes from locales/<lang>/dashboard.json
// (and country, sign and topic names from bot.json); every value is escaped.
import type { Translate } from "../i18n/index.js";
import { LANGUAGES, type Language } from "../i18n/languages.js";
import { DESTINATIONS } from "../content/countries.js";
import type { ShownView, Shown } from "../analytics/suppress.js";
import type { Filters, ViewId } from "../analytics/views.js";
import type { Campaign } from "../analytics/campaigns.js";
import type { Account } from "./accounts.js";
import { escape } from "./http-kit.js";

export interface Words {
  lang: Language;
  /** Dashboard texts. */
  d: Translate;
  /** The bot's texts, for the names of countries, signs, topics and languages. */
  b: Translate;
  /** Each language's own name. */
  languageName(lang: string): string;
}

const ASSETS = "/dashboard/assets";

function withLang(query: URLSearchParams, lang: string): string {
  const next = new URLSearchParams(query);
  next.set("lang", lang);
  return next.toString();
}

/** `query`: the page's own query, kept by the language links (so filters survive a switch). */
export function layout(w: Words, account: Account | undefined, body: string, scripts = false, query = new URLSearchParams()): string {
  const nav = account
    ? `<nav><a href="/dashboard">${w.d("nav.overview")}</a>${account.role === "admin" ? `<a href="/dashboard/campaigns">${w.d("nav.campaigns")}</a>` : ""}` +
      `<span class="who">${escape(account.name)}</span>` +
      `<form method="post" action="/dashboard/logout"><button type="submit">${w.d("nav.logout")}</button></form></nav>`
    : "";
  const languages = LANGUAGES.map((l) => (l === w.lang ? `<strong>${escape(w.languageName(l))}</strong>` : `<a href="?${escape(withLang(query, l))}" hreflang="${l}">${escape(w.languageName(l))}</a>`)).join(" ");
  return `<!doctype html>
<html lang="${w.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.d("title")}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="${ASSETS}/dashboard.css"></head>
<body><header><span class="brand">${w.d("title")}</span>${nav}</header>
<main>${body}</main>
<footer><span>${w.d("nav.language")}:</span> ${languages}</footer>
${scripts ? `<script src="${ASSETS}/chart.umd.min.js"></script><script src="${ASSETS}/dashboard.js"></script>` : ""}
</body></html>`;
}

export function loginPage(w: Words, problem?: string): string {
  return layout(
    w,
    undefined,
    `<h1>${w.d("login.heading")}</h1>${problem ? `<p class="problem" role="alert">${problem}</p>` : ""}
<form method="post" action="/dashboard/login" class="login">
<label>${w.d("login.name")} <input name="name" autocomplete="username" required maxlength="40"></label>
<label>${w.d("login.password")} <input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>
<button type="submit">${w.d("login.submit")}</button></form>`,
  );
}

export function messagePage(w: Words, account: Account | undefined, message: string): string {
  return layout(w, account, `<p class="problem" role="alert">${message}</p>`);
}

/** The name of a row in a view, in the reader's language. */
export function keyLabel(w: Words, view: ViewId, key: string, period: Filters["period"]): string {
  if (key === "other" || key === "none") return w.d(`keys.${key}`);
  switch (view) {
    case "activity":
    case "risk":
      return period === "week" ? w.d("keys.week_of", { day: key }) : key;
    case "destinations":
    case "origins":
      return w.b(`countries.${key}`);
    case "signs":
      return w.b(`signs.${key}.name`);
    case "topics":
      return w.b(`rights_topics.${key}`);
    case "languages":
      return escape(w.languageName(key));
    case "flows":
      return w.d(`flows.${key}`);
    case "invalid":
      return w.d(`invalid.${key}`);
    case "campaigns":
      return escape(key);
  }
}

const cellText = (w: Words, value: Shown) => (value === "hidden" ? w.d("table.hidden") : escape(value));

function viewSection(w: Words, view: ShownView, period: Filters["period"]): string {
  const head = `<tr><th scope="col">${w.d("table.item")}</th>${view.series.map((s) => `<th scope="col">${w.d(`series.${s.name}`)}</th>`).join("")}</tr>`;
  const keys = view.series[0]?.cells.map((c) => c.key) ?? [];
  const rows = keys
    .map((key, i) => `<tr><th scope="row">${keyLabel(w, view.id, key, period)}</th>${view.series.map((s) => `<td data-series="${s.name}" data-key="${escape(key)}">${cellText(w, s.cells[i]!.value)}</td>`).join("")}</tr>`)
    .join("");
  const total = `<tr class="total"><th scope="row">${w.d("table.total")}</th>${view.series.map((s) => `<td data-series="${s.name}" data-key="total">${cellText(w, s.total)}</td>`).join("")}</tr>`;
  return `<section class="view" id="view-${view.id}"><h2>${w.d(`views.${view.id}`)}</h2><p class="note">${w.d(`view_notes.${view.id}`)}</p>
<div class="chart"><canvas id="chart-${view.id}" data-view="${view.id}" role="img" aria-label="${w.d(`views.${view.id}`)}"></canvas></div>
<details><summary>${w.d("table.show")}</summary><table class="data" data-view="${view.id}"><thead>${head}</thead><tbody>${rows}${total}</tbody></table></details></section>`;
}

/** "Top" views list their items from the largest shown value down (exports keep the fixed order). */
const TOP: readonly ViewId[] = ["signs", "destinations", "origins", "topics", "invalid"];
const rank = (value: Shown) => (typeof value === "number" ? value : value === "hidden" ? 9.5 : 0);

export function forDisplay(view: ShownView): ShownView {
  if (!TOP.includes(view.id) || view.series.length !== 1) return view;
  const [series] = view.series as [ShownView["series"][number]];
  const cells = [...series.cells].sort((a, b) => rank(b.value) - rank(a.value) || (a.key < b.key ? -1 : 1));
  return { ...view, series: [{ ...series, cells }] };
}

/** The chart data the page's script draws: labels and shown values, nothing raw. */
function chartData(w: Words, views: ShownView[], period: Filters["period"]): string {
  const strip = (s: string) => s.replace(/<[^>]*>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
  const data = {
    hidden: strip(w.d("table.hidden")),
    views: views.map((v) => ({
      id: v.id,
      kind: v.kind,
      labels: (v.series[0]?.cells ?? []).map((c) => strip(keyLabel(w, v.id, c.key, period))),
      series: v.series.map((s) => ({ name: s.name, label: strip(w.d(`series.${s.name}`)), values: s.cells.map((c) => c.value) })),
    })),
  };
  // Inside <script type="application/json">: "<" escaped so no text can close the element.
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

function select(name: string, label: string, options: [string, string][], selected: string | undefined, disabled = false): string {
  const opts = options.map(([value, text]) => `<option value="${escape(value)}"${value === (selected ?? "") ? " selected" : ""}>${text}</option>`).join("");
  return `<label>${label} <select name="${name}"${disabled ? " disabled" : ""}>${opts}</select></label>`;
}

export interface OverviewInput {
  account: Account;
  filters: Filters;
  views: ShownView[];
  campaigns: Campaign[];
  problem?: string;
  /** Counts shown exactly (preview mode): the note says so instead of describing suppression. */
  exact?: boolean;
  /** For a viewer limited to one campaign: its link and QR code. */
  own?: { campaign: Campaign; link: string };
}

export function overviewPage(w: Words, input: OverviewInput): string {
  const { filters, account } = input;
  const all: [string, string] = ["", w.d("filters.all")];
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== undefined) as [string, string][]);
  const form = `<form method="get" action="/dashboard" class="filters" aria-label="${w.d("filters.heading")}">
<label>${w.d("filters.from")} <input type="date" name="from" value="${filters.from}" required></label>
<label>${w.d("filters.to")} <input type="date" name="to" value="${filters.to}" required></label>
${select("period", w.d("filters.period"), [["day", w.d("filters.day")], ["week", w.d("filters.week")]], filters.period)}
${select("destination", w.d("filters.destination"), [all, ...DESTINATIONS.map((c) => [c, w.b(`countries.${c}`)] as [string, string]), ["other", w.d("keys.other")]], filters.destination)}
${select("campaign", w.d("filters.campaign"), [all, ...input.campaigns.map((c) => [c.code, `${escape(c.label)} (${escape(c.code)})`] as [string, string]), ["other", w.d("keys.other")], ["none", w.d("keys.none")]], filters.campaign, account.campaign !== null)}
${select("language", w.d("filters.language"), [all, ...LANGUAGES.map((l) => [l, escape(w.languageName(l))] as [string, string])], filters.language)}
<button type="submit">${w.d("filters.apply")}</button>
<a class="export" href="/dashboard/export?format=csv&amp;${escape(query.toString())}" download>${w.d("filters.export_csv")}</a>
<a class="export" href="/dashboard/export?format=json&amp;${escape(query.toString())}" download>${w.d("filters.export_json")}</a></form>`;
  const scoped = account.campaign ? `<p class="scoped">${w.d("filters.scoped", { campaign: account.campaign })}</p>` : "";
  const own = input.own
    ? `<section class="own"><h2>${w.d("campaigns.yours")}: ${escape(input.own.campaign.label)}</h2>${campaignLinkBlock(w, input.own.campaign, input.own.link)}</section>`
    : "";
  const views = input.views.map(forDisplay);
  const body = `<h1>${w.d("nav.overview")}</h1>${input.problem ? `<p class="problem" role="alert">${input.problem}</p>` : ""}${scoped}${form}
<p class="note">${w.d(input.exact ? "preview_note" : "privacy_note")}</p>${own}
${views.map((v) => viewSection(w, v, filters.period)).join("\n")}
<script type="application/json" id="trends-data">${chartData(w, views, filters.period)}</script>`;
  return layout(w, account, body, true, query);
}

function campaignLinkBlock(w: Words, campaign: Campaign, link: string): string {
  const base = `/dashboard/campaigns/${encodeURIComponent(campaign.code)}`;
  return `<p><a href="${escape(link)}" class="link">${escape(link)}</a></p>
<p><img src="${base}/qr.svg" alt="${w.d("campaigns.qr")}: ${escape(link)}" width="160" height="160"></p>
<p><a href="${base}/qr.png" download>PNG</a> · <a href="${base}/qr.svg" download>SVG</a></p>`;
}

export interface CampaignsInput {
  account: Account;
  rows: { campaign: Campaign; link: string; people: Shown; started: Shown }[];
  message?: string;
  problem?: string;
}

export function campaignsPage(w: Words, input: CampaignsInput): string {
  const rows = input.rows
    .map(
      ({ campaign, link, people, started }) =>
        `<tr data-code="${escape(campaign.code)}"><td>${escape(campaign.label)}</td><td><code>${escape(campaign.code)}</code></td><td>${escape(w.languageName(campaign.language))}</td>` +
        `<td>${campaign.destination ? w.b(`countries.${campaign.destination}`) : w.d("campaigns.any")}</td><td class="qr">${campaignLinkBlock(w, campaign, link)}</td>` +
        `<td class="reach">${w.d("campaigns.reach_value", { people: cellText(w, people), started: cellText(w, started), interpolation: { escapeValue: false } })}</td></tr>`,
    )
    .join("");
  const table = input.rows.length
    ? `<table class="campaigns"><thead><tr><th>${w.d("campaigns.label")}</th><th>${w.d("campaigns.code")}</th><th>${w.d("campaigns.language")}</th><th>${w.d("campaigns.destination")}</th><th>${w.d("campaigns.link")}</th><th>${w.d("campaigns.reach")}</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>${w.d("campaigns.none_yet")}</p>`;
  const form = `<h2>${w.d("campaigns.create")}</h2><form method="post" action="/dashboard/campaigns" class="create">
<label>${w.d("campaigns.code")} <input name="code" required maxlength="32" pattern="[A-Za-z0-9]{1,32}" title="${w.d("campaigns.code_hint")}"></label>
<label>${w.d("campaigns.label")} <input name="label" required maxlength="80"></label>
${select("language", w.d("campaigns.language"), LANGUAGES.map((l) => [l, escape(w.languageName(l))] as [string, string]), w.lang)}
${select("destination", w.d("campaigns.destination"), [["", w.d("campaigns.any")], ...DESTINATIONS.map((c) => [c, w.b(`countries.${c}`)] as [string, string])], undefined)}
<button type="submit">${w.d("campaigns.create")}</button></form>`;
  const notes = `${input.message ? `<p class="done" role="status">${input.message}</p>` : ""}${input.problem ? `<p class="problem" role="alert">${input.problem}</p>` : ""}`;
  return layout(w, input.account, `<h1>${w.d("campaigns.heading")}</h1>${notes}<p class="note">${w.d("campaigns.intro")}</p>${table}${form}`);
}
