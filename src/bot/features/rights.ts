// "Know your rights abroad": pick a destination, then a topic; each answer is short, ends with
// its source and check date, and offers the other topics and help for that country.
import { InlineKeyboard } from "grammy";
import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { DESTINATIONS, type Pack } from "../../content/countries.js";
import { renderRights, TOPICS, type Topic } from "../../content/rights.js";
import type { MinimumWage } from "../../content/wages.js";
import { CALLBACK, parseCallback } from "../callbacks.js";
import { countryKeyboard, twoColumns } from "../keyboards.js";
import { leaveFlows } from "../flows.js";

export interface RightsDeps {
  packs: Pack[];
  minimumWages: Record<string, MinimumWage>;
}

function topicKeyboard(ctx: BotContext, country: string, except?: Topic): InlineKeyboard {
  const topics = TOPICS.filter((topic) => topic !== except);
  const keyboard = twoColumns(new InlineKeyboard(), topics.map((topic) => [ctx.t(`rights_topics.${topic}`), CALLBACK.rightsTopic(country, topic)]));
  return keyboard.text(ctx.t("buttons.help"), CALLBACK.helpFor(country)).row().text(ctx.t("buttons.menu"), CALLBACK.menu);
}

export function rightsFeature(deps: RightsDeps): FeatureComposer<BotContext> {
  const byCode = new Map(deps.packs.map((p) => [p.code as string, p]));
  const composer = new FeatureComposer<BotContext>();

  composer.callbackQuery(CALLBACK.rights, async (ctx) => {
    await leaveFlows(ctx);
    ctx.trends.count("flow_started", "rights");
    await ctx.reply(ctx.t("rights.country_prompt"), { reply_markup: countryKeyboard(ctx.t, DESTINATIONS, CALLBACK.rightsFor) });
  });

  composer.callbackQuery(/^rights:/, async (ctx) => {
    const callback = parseCallback(ctx.callbackQuery.data);
    if (callback?.kind !== "rightsFor" || !byCode.has(callback.country)) return;
    await leaveFlows(ctx);
    ctx.trends.count("destination", callback.country, { destination: callback.country });
    ctx.trends.count("flow_finished", "rights", { destination: callback.country });
    await ctx.reply(ctx.t("rights.topic_prompt", { country: ctx.t(`countries.${callback.country}`) }), {
      parse_mode: "HTML",
      reply_markup: topicKeyboard(ctx, callback.country),
    });
  });

  composer.callbackQuery(/^rt:/, async (ctx) => {
    const callback = parseCallback(ctx.callbackQuery.data);
    const pack = callback?.kind === "rightsTopic" ? byCode.get(callback.country) : undefined;
    if (callback?.kind !== "rightsTopic" || !pack) return;
    await leaveFlows(ctx);
    ctx.trends.count("topic", callback.topic, { destination: pack.code });
    const messages = renderRights(ctx.t, ctx.lang, callback.topic, pack, ctx.t(`countries.${pack.code}`), deps.minimumWages[pack.code]);
    messages[messages.length - 1] += `\n\n${ctx.t("rights.other_topics")}`;
    for (const [i, text] of messages.entries()) {
      await ctx.reply(text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(i === messages.length - 1 ? { reply_markup: topicKeyboard(ctx, pack.code, callback.topic) } : {}),
      });
    }
  });
  return composer;
}
