import { InlineKeyboard } from "grammy";
import type { Translate, Translations } from "../i18n/index.js";
import { LANGUAGES } from "../i18n/languages.js";
import { CALLBACK } from "./callbacks.js";

/**
 * Keyboards are the same for every user of a language: built once per language and kept
 * (a conversation replays its earlier steps on every update, rebuilding their keyboards).
 * Callers pass them to Telegram and never change them.
 */
const built = new WeakMap<Translate, Map<string, InlineKeyboard>>();
export function cachedKeyboard(t: Translate, key: string, build: () => InlineKeyboard): InlineKeyboard {
  let forLanguage = built.get(t);
  if (!forLanguage) built.set(t, (forLanguage = new Map()));
  let keyboard = forLanguage.get(key);
  if (!keyboard) forLanguage.set(key, (keyboard = build()));
  return keyboard;
}

export function menuKeyboard(t: Translate): InlineKeyboard {
  return cachedKeyboard(t, "menu", () => buildMenuKeyboard(t));
}

function buildMenuKeyboard(t: Translate): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("buttons.offer"), CALLBACK.offer)
    .row()
    .text(t("buttons.rights"), CALLBACK.rights)
    .row()
    .text(t("buttons.recruiter"), CALLBACK.recruiter)
    .text(t("buttons.before_go"), CALLBACK.beforeYouGo)
    .row()
    .text(t("buttons.help"), CALLBACK.help)
    .row()
    .text(t("buttons.language"), CALLBACK.language)
    .row()
    .text(t("buttons.about"), CALLBACK.about);
}

export function backToMenuKeyboard(t: Translate): InlineKeyboard {
  return cachedKeyboard(t, "back", () => new InlineKeyboard().text(t("buttons.menu"), CALLBACK.menu));
}

/** Each language is offered under its own name, in its own language. */
export function languageKeyboard(translations: Translations): InlineKeyboard {
  return cachedKeyboard(translations.t("en"), "languages", () => buildLanguageKeyboard(translations));
}

function buildLanguageKeyboard(translations: Translations): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  LANGUAGES.forEach((lang, i) => {
    keyboard.text(translations.t(lang)("language.name"), CALLBACK.pickLanguage(lang));
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard;
}

/** Buttons two to a row: one per country (named in the user's language) or per label. */
export function twoColumns(keyboard: InlineKeyboard, buttons: [label: string, data: string][]): InlineKeyboard {
  buttons.forEach(([label, data], i) => {
    keyboard.text(label, data);
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row();
}

/** A country picker: the countries two to a row, then the menu. */
export function countryKeyboard(t: Translate, codes: readonly string[], data: (code: string) => string): InlineKeyboard {
  return cachedKeyboard(t, `countries:${codes.map(data).join()}`, () =>
    twoColumns(new InlineKeyboard(), codes.map((code) => [t(`countries.${code}`), data(code)])).text(t("buttons.menu"), CALLBACK.menu),
  );
}
