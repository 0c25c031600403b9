// Getting ready: "Before you go" (a safety checklist to forward, with the numbers to save for
// the destination) and "Check the recruiter" (the official list of licensed agencies at home,
// and how to check an employer abroad).
import { InlineKeyboard } from "grammy";
import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../../i18n/index.js";
import { isEmergency, isHotline, ORIGINS, type Pack } from "../../content/countries.js";
import { siteLink } from "../../content/rights.js";
import { CALLBACK, parseCallback } from "../callbacks.js";
import { countryKeyboard } from "../keyboards.js";
import { leaveFlows } from "../flows.js";

export interface PrepareDeps {
  packs: Pack[];
}

export function prepareFeature(deps: PrepareDeps): FeatureComposer<BotContext> {
  const byCode = new Map(deps.packs.map((p) => [p.code as string, p]));
  const composer = new FeatureComposer<BotContext>();
  const menu = (ctx: BotContext) => new InlineKeyboard().text(ctx.t("buttons.menu"), CALLBACK.menu);

  composer.callbackQuery(CALLBACK.beforeYouGo, async (ctx) => {
    await leaveFlows(ctx);
    const destination = ctx.session.destination ?? ctx.session.country;
    ctx.trends.count("flow_started", "before_go");
    ctx.trends.count("flow_finished", "before_go");
    const pack = destination ? byCode.get(destination) : undefined;
    const parts = [ctx.t("before.title"), ctx.t("before.items")];
    if (pack?.role === "destination") {
      const save = [...pack.contacts.filter((c) => isEmergency(c) && c.confirmed).slice(0, 2), ...pack.contacts.filter((c) => isHotline(c) && c.confirmed && c.phone).slice(0, 2)];
      parts.push([ctx.t("before.numbers", { country: ctx.t(`countries.${pack.code}`) }), ...save.map((c) => `• ${escapeHtml(c.name)}: <b>${escapeHtml(c.phone!)}</b>`)].join("\n"));
    } else parts.push(ctx.t("before.numbers_unknown"));
    parts.push(`<i>${ctx.t("before.forward")}</i>`);
    await ctx.reply(parts.join("\n\n"), { parse_mode: "HTML", reply_markup: menu(ctx) });
  });

  composer.callbackQuery(CALLBACK.recruiter, async (ctx) => {
    await leaveFlows(ctx);
    ctx.trends.count("flow_started", "recruiter");
    await ctx.reply(ctx.t("recruiter.origin_prompt"), { reply_markup: countryKeyboard(ctx.t, ORIGINS, CALLBACK.recruiterFor) });
  });

  composer.callbackQuery(/^agency:/, async (ctx) => {
    const callback = parseCallback(ctx.callbackQuery.data);
    const pack = callback?.kind === "recruiterFor" ? byCode.get(callback.country) : undefined;
    if (!pack || pack.role !== "origin") return;
    ctx.trends.count("origin", pack.code);
    ctx.trends.count("flow_finished", "recruiter");
    const country = ctx.t(`countries.${pack.code}`);
    const register = pack.facts.agencyRegister;
    const first = register
      ? [
          ctx.t("recruiter.register", { country, authority: escapeHtml(register.authority), url: siteLink(register.url), interpolation: { escapeValue: false } }),
          ...(register.confirmed ? [] : [ctx.t("rights.unconfirmed")]),
          ctx.t("rights.source", { link: `<a href="${escapeHtml(register.source)}">${ctx.t("rights.source_link")}</a>`, date: register.checkedOn, interpolation: { escapeValue: false } }),
        ].join("\n")
      : ctx.t("recruiter.no_register", { country });
    const text = [first, ctx.t("recruiter.look_for"), ctx.t("recruiter.employer")].join("\n\n");
    await ctx.reply(text, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: menu(ctx) });
  });
  return composer;
}
