// The /start deep-link payload that outreach workers put in their links.
//
// Format: up to three parts joined by "_", each a one-letter key, "-", and a value, in any order:
//   c-<campaign>  campaign code, 1-32 letters or digits (stored lower-case)
//   l-<language>  one of en, ro, ru, uk, bg, sq, sr, mk
//   d-<country>   destination, an ISO 3166-1 alpha-2 code (upper or lower case)
// Example: t.me/<bot>?start=c-busfair26_l-ro_d-DE
// Anything else (unknown key, repeated key, bad value, over 64 characters) makes the whole
// payload invalid, and an invalid payload is ignored.
import { z } from "zod";
import { isLanguage, type Language } from "../i18n/languages.js";

export interface StartPayload {
  campaign?: string;
  language?: Language;
  destination?: string;
}

const shape = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export function parseStartPayload(raw: string | undefined): StartPayload | undefined {
  if (!raw || !shape.safeParse(raw).success) return undefined;
  const result: StartPayload = {};
  const seen = new Set<string>();
  for (const part of raw.split("_")) {
    const match = /^([cld])-(.+)$/.exec(part);
    if (!match || seen.has(match[1]!)) return undefined;
    const [, key, value] = match as unknown as [string, "c" | "l" | "d", string];
    seen.add(key);
    if (key === "c") {
      if (!/^[A-Za-z0-9]{1,32}$/.test(value)) return undefined;
      result.campaign = value.toLowerCase();
    } else if (key === "l") {
      const lang = value.toLowerCase();
      if (!isLanguage(lang)) return undefined;
      result.language = lang;
    } else {
      if (!/^[A-Za-z]{2}$/.test(value)) return undefined;
      result.destination = value.toUpperCase();
    }
  }
  return result;
}

export function formatStartPayload(payload: StartPayload): string {
  const parts = [
    payload.campaign && `c-${payload.campaign}`,
    payload.language && `l-${payload.language}`,
    payload.destination && `d-${payload.destination}`,
  ].filter(Boolean);
  return parts.join("_");
}
