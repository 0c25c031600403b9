// "Get help now" and SOS: the numbers for where the user is, at any moment. Registered before
// the conversations, so /sos, a word like "help" or "ajutor", and the help buttons answer at
// once without ending or breaking a conversation; the user carries on, or leaves with /menu.
import { InlineKeyboard } from "grammy";
import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { Translations } from "../../i18n/index.js";
import { DESTINATIONS, ORIGINS, type Pack } from "../../content/countries.js";
import { renderHelpCard } from "../../content/help-card.js";
import { CALLBACK, parseCallback } from "../callbacks.js";
import { cachedKeyboard, twoColumns } from "../keyboards.js";
import { inFlow } from "../flows.js";

export interface HelpDeps {
  translations: Translations;
  packs: Pack[];
  isSos: (text: string) => boolean;
}

function whereKeyboard(ctx: BotContext): InlineKeyboard {
  return cachedKeyboard(ctx.t, "help:where", () => buildWhereKeyboard(ctx));
}

function buildWhereKeyboard(ctx: BotContext): InlineKeyboard {
  const countries = (codes: readonly string[]) => codes.map((code) => [ctx.t(`countries.${code}`), CALLBACK.helpFor(code)] as [string, string]);
  const keyboard = twoColumns(twoColumns(new InlineKeyboard(), countries(DESTINATIONS)), countries(ORIGINS));
  return keyboard.text(ctx.t("buttons.other_country"), CALLBACK.helpFor("other")).row().text(ctx.t("buttons.menu"), CALLBACK.menu);
}

export function helpFeature(deps: HelpDeps): FeatureComposer<BotContext> {
  const byCode = new Map(deps.packs.map((p) => [p.code as string, p]));

  async function sendCard(ctx: BotContext, country: string | null, flow: "help" | "sos"): Promise<void> {
    const pack = country ? byCode.get(country) : undefined;
    if (pack) ctx.trends.count(pack.role, pack.code, pack.role === "destination" ? { destination: pack.code } : {});
    ctx.trends.count("flow_finished", flow, pack?.role === "destination" ? { destination: pack.code } : {});
    const inConversation = inFlow(ctx);
    const after = new InlineKeyboard().text(ctx.t("buttons.help"), CALLBACK.help).row().text(ctx.t("buttons.menu"), CALLBACK.menu);
    const messages = pack ? renderHelpCard(ctx.t, ctx.lang, pack, ctx.t(`countries.${pack.code}`)) : [ctx.t("help.other_country")];
    if (inConversation) messages[messages.length - 1] += `\n\n${ctx.t("help.back_to_conversation")}`;
    for (const [i, text] of messages.entries()) {
      await ctx.reply(text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(i === messages.length - 1 ? { reply_markup: after } : {}),
      });
    }
  }

  async function askWhere(ctx: BotContext, intro?: string): Promise<void> {
    await ctx.reply(intro ? `${intro}\n\n${ctx.t("help.where")}` : ctx.t("help.where"), { reply_markup: whereKeyboard(ctx) });
  }

  /** The card for the last country the user named, or the question where they are. */
  async function sos(ctx: BotContext): Promise<void> {
    const known = ctx.session.country ?? ctx.session.destination;
    ctx.trends.count("flow_started", "sos");
    if (known && byCode.has(known)) await sendCard(ctx, known, "sos");
    else await askWhere(ctx, ctx.t("help.unknown_country"));
  }

  const composer = new FeatureComposer<BotContext>();
  composer.command("sos", sos);
  composer.on("message:text", (ctx, next) => (deps.isSos(ctx.message.text) ? sos(ctx) : next()));
  composer.callbackQuery(CALLBACK.help, async (ctx) => {
    ctx.trends.count("flow_started", "help");
    await askWhere(ctx);
  });
  composer.callbackQuery(/^help:/, async (ctx) => {
    const callback = parseCallback(ctx.callbackQuery.data);
    if (callback?.kind !== "helpFor") return;
    if (callback.country) ctx.session.country = callback.country;
    await sendCard(ctx, callback.country, "help");
  });
  return composer;
}
