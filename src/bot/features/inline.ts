// Inline mode: typing "@<bot> <country>" in any chat offers that country's help card, in the
// language of the person typing, to send there — so outreach workers and friends can share it
// in group chats. Inline queries come without a chat: no session is read or written.
import { FeatureComposer } from "../composer.js";
import type { InlineQueryResultArticle } from "grammy/types";
import type { BotContext } from "../context.js";
import type { Translations } from "../../i18n/index.js";
import { LANGUAGES, resolveLanguage } from "../../i18n/languages.js";
import { DESTINATIONS, type Pack } from "../../content/countries.js";
import { renderHelpCard } from "../../content/help-card.js";
import { fold } from "../../offer/normalize.js";

export interface InlineDeps {
  translations: Translations;
  packs: Pack[];
}

const MAX_RESULTS = 6;

export function inlineFeature(deps: InlineDeps): FeatureComposer<BotContext> {
  const { translations, packs } = deps;
  const key = (text: string) => fold(text).text.replace(/[^a-z0-9 ]/g, "").trim();
  // Every country's name in every language, and its code, folded for matching.
  const names = packs.map((pack) => ({
    pack,
    names: [pack.code.toLowerCase(), ...LANGUAGES.map((lang) => key(translations.t(lang)(`countries.${pack.code}`)))],
  }));

  const composer = new FeatureComposer<BotContext>();
  composer.on("inline_query", async (ctx) => {
    const lang = resolveLanguage({ telegram: ctx.from.language_code });
    const t = translations.t(lang);
    const query = key(ctx.inlineQuery.query);
    const found = query
      ? names.filter(({ names: n }) => n.some((name) => name.startsWith(query) || (query.length >= 4 && name.includes(query)))).map(({ pack }) => pack)
      : packs.filter((p) => (DESTINATIONS as readonly string[]).includes(p.code));
    const results: InlineQueryResultArticle[] = found.slice(0, MAX_RESULTS).map((pack) => {
      const name = t(`countries.${pack.code}`);
      return {
        type: "article",
        id: pack.code,
        title: t("help.title", { country: name }).replace(/<[^>]+>/g, ""),
        input_message_content: { message_text: renderHelpCard(t, lang, pack, name)[0]!, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      };
    });
    ctx.trends.count("flow_started", "inline_share", { language: lang });
    if (results.length > 0) ctx.trends.count("flow_finished", "inline_share", { language: lang });
    await ctx.answerInlineQuery(results, { cache_time: 300, is_personal: false });
  });
  return composer;
}
