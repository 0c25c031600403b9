// Choosing the language: /language or the menu entry opens a short conversation that waits
// for a tap on a language (or its name or code typed out) and remembers the choice.
import type { Context } from "grammy";
import { FeatureComposer } from "../composer.js";
import { createConversation, type Conversation } from "@grammyjs/conversations";
import type { BotContext } from "../context.js";
import type { Translate, Translations } from "../../i18n/index.js";
import { LANGUAGES, type Language } from "../../i18n/languages.js";
import { CALLBACK, isNavigation, parseCallback } from "../callbacks.js";
import { languageKeyboard, menuKeyboard } from "../keyboards.js";
import { leaveFlows } from "../flows.js";
import { whenConversing } from "../conversing.js";

const CONVERSATION = "language";

/** What opens the picker: /language, or the menu's button (the conversations plugin runs for these: conversing.ts). */
export const opensLanguagePicker = (ctx: BotContext): boolean => ctx.hasCommand("language") || ctx.callbackQuery?.data === CALLBACK.language;

const fold = (s: string) =>
  s.normalize("NFD").replace(/\p{M}/gu, "").trim().toLowerCase();

/** Says the new language is set, in the new language, with the menu. */
async function confirm(ctx: Context, t: Translate): Promise<void> {
  await ctx.reply(`${t("language.changed")}\n\n${t("menu.title")}`, { parse_mode: "HTML", reply_markup: menuKeyboard(t) });
}

export function languageFeature(translations: Translations): FeatureComposer<BotContext> {
  const names = new Map<string, Language>();
  for (const lang of LANGUAGES) {
    names.set(lang, lang);
    names.set(fold(translations.t(lang)("language.name")), lang);
  }
  const picked = (ctx: Context): Language | undefined => {
    const callback = parseCallback(ctx.callbackQuery?.data);
    if (callback?.kind === "pickLanguage") return callback.language;
    const text = ctx.message?.text;
    return text === undefined ? undefined : names.get(fold(text));
  };

  async function chooseLanguage(conversation: Conversation<BotContext, Context>, ctx: Context, current: Language) {
    const t = translations.t(current);
    await ctx.reply(t("language.choose"), { reply_markup: languageKeyboard(translations) });
    const answer = await conversation.waitUntil((c) => picked(c) !== undefined, {
      otherwise: async (c) => {
        if (isNavigation(parseCallback(c.callbackQuery?.data))) await conversation.halt({ next: true });
        await c.reply(t("language.not_understood"), { reply_markup: languageKeyboard(translations) });
      },
    });
    const chosen = picked(answer)!;
    await conversation.external((outside) => {
      outside.session.language = chosen;
      outside.trends.count("language", chosen, { language: chosen });
    });
    await confirm(answer, translations.t(chosen));
  }

  const composer = new FeatureComposer<BotContext>();
  composer.use(whenConversing(createConversation(chooseLanguage, CONVERSATION)));
  composer.filter(opensLanguagePicker, async (ctx) => {
    await leaveFlows(ctx);
    await ctx.conversation.enter(CONVERSATION, ctx.lang);
  });
  // A language button on an old picker, after its conversation ended, still works.
  composer.callbackQuery(/^lang:/, async (ctx) => {
    const chosen = picked(ctx);
    if (!chosen) return;
    ctx.session.language = chosen;
    ctx.trends.count("language", chosen, { language: chosen });
    await confirm(ctx, translations.t(chosen));
  });
  return composer;
}
