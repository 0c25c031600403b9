// Translations: locales/<language>/<namespace>.json, loaded once at start-up, synchronously.
// "bot" holds what the bot says; "dashboard" what the NGO dashboard shows.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type TFunction } from "i18next";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "./languages.js";

export const LOCALES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../locales");
export const NAMESPACE = "bot";

export type Translate = TFunction;

export interface Translations {
  t(lang: Language): Translate;
}

export function escapeHtml(value: unknown): string {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function readLocale(lang: string, dir = LOCALES_DIR, namespace = NAMESPACE): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, lang, `${namespace}.json`), "utf8")) as Record<string, unknown>;
}

export function createTranslations(dir = LOCALES_DIR, namespace = NAMESPACE): Translations {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(LANGUAGES.map((lang) => [lang, { [namespace]: readLocale(lang, dir, namespace) }]));
  void instance.init({
    initAsync: false,
    resources,
    ns: [namespace],
    defaultNS: namespace,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // Messages are sent as Telegram HTML: escape exactly what it needs escaped.
    interpolation: { escapeValue: true, escape: escapeHtml },
    returnNull: false,
  });
  const fixed = new Map(LANGUAGES.map((lang) => [lang, remembering(instance.getFixedT(lang, namespace))]));
  return { t: (lang) => fixed.get(lang) ?? instance.getFixedT(DEFAULT_LANGUAGE, namespace) };
}

/** A text without variables is the same every time: looked up once (the keys are finite). */
function remembering(t: TFunction): TFunction {
  const texts = new Map<string, string>();
  const remembered = ((key: string | string[], options?: unknown) => {
    if (options !== undefined || typeof key !== "string") return (t as (k: unknown, o?: unknown) => string)(key, options);
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = t(key)));
    return text;
  }) as unknown as TFunction;
  return remembered;
}
