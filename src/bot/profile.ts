// The command list and the bot's descriptions, in every language, as Telegram shows them.
// Sent at start-up only when they changed since the last time (a hash kept in the Setting table),
// so restarts and replicas do not repeat 27 API calls.
import crypto from "node:crypto";
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "pino";
import type { Database } from "../db/client.js";
import type { Translate, Translations } from "../i18n/index.js";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "../i18n/languages.js";
import { errorFields } from "./errors.js";

export const COMMANDS = ["start", "sos", "menu", "language", "help", "privacy", "forget", "cancel"] as const;

export interface LanguageProfile {
  /** undefined: the default, for users whose language has no list of its own. */
  languageCode: Language | undefined;
  commands: BotCommand[];
  description: string;
  shortDescription: string;
}

export function botProfiles(translations: Translations): LanguageProfile[] {
  const profile = (t: Translate, languageCode: Language | undefined): LanguageProfile => ({
    languageCode,
    commands: COMMANDS.map((command) => ({ command, description: t(`commands.${command}`) })),
    description: t("profile.description"),
    shortDescription: t("profile.short_description"),
  });
  return [profile(translations.t(DEFAULT_LANGUAGE), undefined), ...LANGUAGES.map((lang) => profile(translations.t(lang), lang))];
}

/** The Setting that holds the hash of what was last sent. */
export const PROFILE_HASH_KEY = "bot_profile_hash";

export async function syncBotProfile(api: Api, translations: Translations, db: Database, logger: Logger): Promise<boolean> {
  const profiles = botProfiles(translations);
  const hash = crypto.createHash("sha256").update(JSON.stringify(profiles)).digest("hex");
  const stored = await db.setting.findUnique({ where: { key: PROFILE_HASH_KEY } });
  if (stored?.value === hash) return false;
  try {
    for (const p of profiles) {
      const language = p.languageCode ? { language_code: p.languageCode } : {};
      await api.setMyCommands(p.commands, language);
      await api.setMyDescription(p.description, language);
      await api.setMyShortDescription(p.shortDescription, language);
    }
  } catch (error) {
    logger.warn(errorFields(error), "could not set the command list and descriptions; will try at next start");
    return false;
  }
  await db.setting.upsert({ where: { key: PROFILE_HASH_KEY }, create: { key: PROFILE_HASH_KEY, value: hash }, update: { value: hash } });
  return true;
}
