// The NGO dashboard at /dashboard, served by the bot's HTTP server: sign-in, the trends with
// charts and filters, exports, and (admins) campaigns with their links and QR codes.
// Roles are enforced here, on the server: a viewer limited to a campaign sees only its counts.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import QRCode from "qrcode";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import type { Clock } from "../session/storage.js";
import type { Translations } from "../i18n/index.js";
import { LANGUAGES, isLanguage, type Language } from "../i18n/languages.js";
import { campaignInput, campaignLink, type Campaign, type Campaigns } from "../analytics/campaigns.js";
import { buildViews, filtersSchema, VIEW_IDS, type Filters } from "../analytics/views.js";
import { loadRows } from "../analytics/query.js";
import { exactView, suppressView, type ShownView } from "../analytics/suppress.js";
import { toCsv, toJson } from "../analytics/export.js";
import { utcDay } from "../analytics/events.js";
import { retentionStart } from "../analytics/trends.js";
import type { Account, Accounts } from "./accounts.js";
import type { LoginLimit } from "./login-limit.js";
import { campaignsPage, loginPage, messagePage, overviewPage, type Words } from "./pages.js";
import { clientAddress, cookies, download, formFields, html, redirect, sameOrigin, type Request, type Response } from "./http-kit.js";
import { SESSION_HOURS } from "./accounts.js";

export interface DashboardDeps {
  db: Database;
  accounts: Accounts;
  campaigns: Campaigns;
  limit: LoginLimit;
  clock: Clock;
  logger: Logger;
  dashboardText: Translations;
  botText: Translations;
  /** The bot's username, for campaign links. */
  botUsername(): string;
  /** Preview mode only: counts shown exactly (see exactView). */
  exactCounts?: boolean;
}

export interface Dashboard {
  /** Handles a request under /dashboard; false if the path is not the dashboard's. */
  handle(req: Request, res: Response): Promise<boolean>;
}

const SESSION_COOKIE = "__Host-byg-session";
const LANG_COOKIE = "byg-lang";
const ASSET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "assets");
const require = createRequire(import.meta.url);
const ASSETS: Record<string, { file: string; type: string }> = {
  "chart.umd.min.js": { file: path.join(path.dirname(require.resolve("chart.js")), "chart.umd.min.js"), type: "text/javascript; charset=utf-8" },
  "dashboard.js": { file: path.join(ASSET_DIR, "dashboard.js"), type: "text/javascript; charset=utf-8" },
  "dashboard.css": { file: path.join(ASSET_DIR, "dashboard.css"), type: "text/css; charset=utf-8" },
};

/** The default view: the last 30 days. */
function defaultFilters(clock: Clock): Filters {
  const now = clock.now();
  return { from: utcDay(new Date(now.getTime() - 29 * 86_400_000)), to: utcDay(now), period: "day" };
}

function pickLanguage(req: Request, url: URL): { lang: Language; cookie?: string } {
  const asked = url.searchParams.get("lang");
  if (asked && isLanguage(asked)) return { lang: asked, cookie: `${LANG_COOKIE}=${asked}; Path=/dashboard; SameSite=Strict; Secure; Max-Age=31536000` };
  const saved = cookies(req).get(LANG_COOKIE);
  if (saved && isLanguage(saved)) return { lang: saved };
  for (const part of String(req.headers["accept-language"] ?? "").split(",")) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return { lang: code };
  }
  return { lang: "en" };
}

export function createDashboard(deps: DashboardDeps): Dashboard {
  const { accounts, campaigns, limit, clock } = deps;
  const names = new Map(LANGUAGES.map((l) => [l, deps.botText.t(l)("language.name")]));
  const words = (lang: Language): Words => ({ lang, d: deps.dashboardText.t(lang), b: deps.botText.t(lang), languageName: (l) => names.get(l as Language) ?? l });

  async function signedIn(req: Request): Promise<{ account: Account; token: string } | undefined> {
    const token = cookies(req).get(SESSION_COOKIE);
    if (!token || token.length > 100) return undefined;
    const account = await accounts.fromSession(token);
    return account && { account, token };
  }

  /** The views for the filters; `known`: the campaigns, when the caller has already read them. */
  async function shownViews(filters: Filters, known?: Campaign[]): Promise<ShownView[]> {
    const rows = await loadRows(deps.db, filters);
    const codes = (known ?? (await campaigns.list())).map((c) => c.code).sort();
    return buildViews(rows, filters, filters.campaign ? [filters.campaign].filter((c) => codes.includes(c)) : codes).map(deps.exactCounts ? exactView : suppressView);
  }

  /** Filters from the query; a campaign-limited viewer always gets their campaign. */
  function filtersFrom(url: URL, account: Account): { filters: Filters; problem?: string } {
    const query = Object.fromEntries([...url.searchParams].filter(([k, v]) => v !== "" && ["from", "to", "period", "destination", "campaign", "language"].includes(k)));
    const defaults = defaultFilters(clock);
    const parsed = filtersSchema.safeParse({ ...defaults, ...query });
    const filters = parsed.success ? parsed.data : defaults;
    if (account.campaign) filters.campaign = account.campaign;
    return parsed.success ? { filters } : { filters, problem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  }

  async function overview(req: Request, res: Response, url: URL, w: Words, account: Account) {
    const { filters, problem } = filtersFrom(url, account);
    const all = await campaigns.list();
    const ownCampaign = account.campaign ? all.find((c) => c.code === account.campaign) : undefined;
    html(
      res,
      200,
      overviewPage(w, {
        account,
        filters,
        views: await shownViews(filters, all),
        exact: deps.exactCounts === true,
        campaigns: account.campaign ? all.filter((c) => c.code === account.campaign) : all,
        ...(problem ? { problem: w.d("errors.bad_filters", { problem }) } : {}),
        ...(ownCampaign ? { own: { campaign: ownCampaign, link: campaignLink(deps.botUsername(), ownCampaign) } } : {}),
      }),
    );
  }

  async function exportView(res: Response, url: URL, account: Account) {
    const { filters } = filtersFrom(url, account);
    const view = url.searchParams.get("view");
    const views = (await shownViews(filters)).filter((v) => !view || v.id === view);
    const name = `trends-${filters.from}-${filters.to}${view && (VIEW_IDS as readonly string[]).includes(view) ? `-${view}` : ""}`;
    if (url.searchParams.get("format") === "json") download(res, "application/json; charset=utf-8", `${name}.json`, toJson(views, filters));
    else download(res, "text/csv; charset=utf-8", `${name}.csv`, toCsv(views));
  }

  async function campaignsList(res: Response, w: Words, account: Account, notes: { message?: string; problem?: string } = {}) {
    const all = await campaigns.list();
    const now = clock.now();
    const filters: Filters = { from: retentionStart(now, 24), to: utcDay(now), period: "week" };
    const [view] = (await shownViews(filters, all)).filter((v) => v.id === "campaigns");
    const cell = (series: string, code: string) => view?.series.find((s) => s.name === series)?.cells.find((c) => c.key === code)?.value ?? "<10";
    const rows = all.map((campaign) => ({ campaign, link: campaignLink(deps.botUsername(), campaign), people: cell("people", campaign.code), started: cell("started", campaign.code) }));
    html(res, notes.problem ? 400 : 200, campaignsPage(w, { account, rows, ...notes }));
  }

  async function createCampaign(req: Request, res: Response, w: Words, account: Account) {
    const form = await formFields(req);
    const parsed = campaignInput.safeParse(Object.fromEntries(form ?? []));
    if (!parsed.success) return campaignsList(res, w, account, { problem: w.d("campaigns.invalid", { problem: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") }) });
    if (!(await campaigns.create(parsed.data))) return campaignsList(res, w, account, { problem: w.d("campaigns.taken", { code: parsed.data.code }) });
    deps.logger.info({ campaign: parsed.data.code, by: account.name }, "campaign created");
    return campaignsList(res, w, account, { message: w.d("campaigns.created", { code: parsed.data.code }) });
  }

  async function qr(res: Response, code: string, format: string, account: Account, w: Words) {
    const campaign = await campaigns.find(code);
    if (!campaign) return html(res, 404, messagePage(w, account, w.d("errors.not_found")));
    const link = campaignLink(deps.botUsername(), campaign);
    if (format === "svg") return download(res, "image/svg+xml", `${code}.svg`, await QRCode.toString(link, { type: "svg", margin: 2, errorCorrectionLevel: "M" }));
    return download(res, "image/png", `${code}.png`, await QRCode.toBuffer(link, { type: "png", width: 1024, margin: 2, errorCorrectionLevel: "M" }));
  }

  async function login(req: Request, res: Response, w: Words) {
    const form = sameOrigin(req) ? await formFields(req) : undefined;
    if (!form) return html(res, 400, loginPage(w, w.d("login.bad_request")));
    const name = (form.get("name") ?? "").trim().toLowerCase().slice(0, 40);
    const keys = [`name:${name}`, `address:${clientAddress(req)}`];
    if (limit.blocked(keys)) return html(res, 429, loginPage(w, w.d("login.too_many")));
    const account = await accounts.check(name, (form.get("password") ?? "").slice(0, 200));
    if (!account) {
      limit.failed(keys);
      deps.logger.warn("dashboard sign-in failed");
      return html(res, 401, loginPage(w, w.d("login.failed")));
    }
    limit.succeeded([keys[0]!]);
    const token = await accounts.startSession(account);
    redirect(res, "/dashboard", [`${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${SESSION_HOURS * 3600}`]);
  }

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? "/", "http://localhost");
      const route = url.pathname.replace(/\/+$/, "") || "/";
      if (route !== "/dashboard" && !route.startsWith("/dashboard/")) return false;
      const { lang, cookie } = pickLanguage(req, url);
      if (cookie) res.setHeader("set-cookie", cookie);
      const w = words(lang);
      const method = req.method ?? "GET";

      const asset = /^\/dashboard\/assets\/([\w.-]+)$/.exec(route);
      if (asset && method === "GET") {
        const found = ASSETS[asset[1]!];
        if (!found) return html(res, 404, messagePage(w, undefined, w.d("errors.not_found"))), true;
        res.writeHead(200, { "content-type": found.type });
        res.end(await fs.promises.readFile(found.file));
        return true;
      }
      if (route === "/dashboard/login") {
        if (method === "POST") await login(req, res, w);
        else html(res, 200, loginPage(w));
        return true;
      }

      const session = await signedIn(req);
      if (!session) {
        if (method === "GET" && route === "/dashboard") redirect(res, "/dashboard/login");
        else html(res, 401, loginPage(w));
        return true;
      }
      const { account } = session;
      if (method === "POST" && !sameOrigin(req)) return html(res, 403, messagePage(w, account, w.d("errors.forbidden"))), true;

      if (route === "/dashboard" && method === "GET") await overview(req, res, url, w, account);
      else if (route === "/dashboard/export" && method === "GET") await exportView(res, url, account);
      else if (route === "/dashboard/logout" && method === "POST") {
        await accounts.endSession(session.token);
        redirect(res, "/dashboard/login", [`${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`]);
      } else if (route === "/dashboard/campaigns") {
        if (account.role !== "admin") html(res, 403, messagePage(w, account, w.d("errors.forbidden")));
        else if (method === "POST") await createCampaign(req, res, w, account);
        else await campaignsList(res, w, account);
      } else {
        const qrRoute = /^\/dashboard\/campaigns\/([a-z0-9]{1,32})\/qr\.(png|svg)$/.exec(route);
        if (qrRoute && method === "GET") {
          if (account.role !== "admin" && account.campaign !== qrRoute[1]) html(res, 403, messagePage(w, account, w.d("errors.forbidden")));
          else await qr(res, qrRoute[1]!, qrRoute[2]!, account, w);
        } else html(res, 404, messagePage(w, account, w.d("errors.not_found")));
      }
      return true;
    },
  };
}
