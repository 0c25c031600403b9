export const LANGUAGES = ["en", "ro", "ru", "uk", "bg", "sq", "sr", "mk"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** Telegram language codes that map to one of ours although they are not spelled the same. */
const NEIGHBOURS: Record<string, Language> = {
  mo: "ro", // Moldovan
  hr: "sr", // Croatian, Bosnian, Montenegrin and Serbo-Croatian read Serbian Latin script
  bs: "sr",
  cnr: "sr",
  sh: "sr",
};

/** Maps Telegram's `language_code` (an IETF tag such as "ro", "uk-UA", "sr-Latn") to ours. */
export function languageFromTelegram(code: string | undefined): Language | undefined {
  const primary = code?.toLowerCase().split(/[-_]/)[0];
  if (!primary) return undefined;
  if (isLanguage(primary)) return primary;
  return NEIGHBOURS[primary];
}

export interface LanguageSources {
  payload?: Language | undefined;
  saved?: Language | undefined;
  telegram?: string | undefined;
}

/** Payload first, then the saved choice, then Telegram's language, then English. */
export function resolveLanguage(sources: LanguageSources): Language {
  return sources.payload ?? sources.saved ?? languageFromTelegram(sources.telegram) ?? DEFAULT_LANGUAGE;
}
