import { InlineKeyboard } from "grammy";
import type { Translate, Translations } from "../i18n/index.js";
import { LANGUAGES } from "../i18n/languages.js";
import { CALLBACK } from "./callbacks.js";

export function menuKeyboard(t: Translate): InlineKeyboard {
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
  return new InlineKeyboard().text(t("buttons.menu"), CALLBACK.menu);
}

/** Each language is offered under its own name, in its own language. */
export function languageKeyboard(translations: Translations): InlineKeyboard {
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
  return twoColumns(new InlineKeyboard(), codes.map((code) => [t(`countries.${code}`), data(code)])).text(t("buttons.menu"), CALLBACK.menu);
}
