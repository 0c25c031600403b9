// Every callback_data the bot puts on a button, and the one parser that reads them back.
import { z } from "zod";
import { LANGUAGES, type Language } from "../i18n/languages.js";

export const CALLBACK = {
  menu: "menu",
  language: "menu:language",
  about: "menu:about",
  pickLanguage: (lang: Language) => `lang:${lang}`,
} as const;

const schema = z.union([
  z.literal(CALLBACK.menu).transform(() => ({ kind: "menu" as const })),
  z.literal(CALLBACK.language).transform(() => ({ kind: "language" as const })),
  z.literal(CALLBACK.about).transform(() => ({ kind: "about" as const })),
  z
    .string()
    .regex(new RegExp(`^lang:(${LANGUAGES.join("|")})$`))
    .transform((data) => ({ kind: "pickLanguage" as const, language: data.slice(5) as Language })),
]);

export type Callback = z.infer<typeof schema>;

export function parseCallback(data: string | undefined): Callback | undefined {
  if (data === undefined || Buffer.byteLength(data) > 64) return undefined;
  const parsed = schema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
