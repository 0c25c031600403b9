// Country packs (content/countries/<CC>.json): sourced facts and contacts for each destination
// and home country. Every fact and every contact carries its source and the date it was checked;
// what could not be confirmed says so (confirmed: false) and is shown as unconfirmed, never as fact.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { CONTENT_DIR, loadContent } from "./files.js";

export const DESTINATIONS = ["DE", "IT", "AT", "GB", "NL", "PL", "CZ", "ES", "GR", "CY", "IL", "AE"] as const;
export const ORIGINS = ["MD", "RO", "BG", "AL", "BA", "RS", "ME", "MK", "XK", "UA"] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const sourced = {
  source: z.url(),
  checkedOn: isoDate,
  /** false: could not be confirmed in a reliable source; shown as unconfirmed. */
  confirmed: z.boolean(),
};

/**
 * A number as it is dialled: international form (+ country code, digits in groups, e.g.
 * "+49 30 60 28 00 28"), or a documented national short number (112, 116 006, 0 800 77777)
 * with `dialledFrom` saying where it works.
 */
export const PHONE = /^(\+[1-9]\d{0,2}( ?\d{1,4}){2,6}|\*?(?!00)\d{1,6}( \d{1,5}){0,4})$/;
export const phone = z
  .string()
  .regex(PHONE, "must be +<country code> <digits> or a short number like 112 or 116 006")
  .refine((p) => p.replace(/\D/g, "").length >= 3 && p.replace(/\D/g, "").length <= 15, "must have 3 to 15 digits");

const hours = z.union([
  z.literal("24/7"),
  z.strictObject({ days: z.enum(["mon-fri", "mon-sat", "mon-sun", "mon-thu"]), from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }),
]);

export const contactSchema = z
  .strictObject({
    kind: z.enum(["emergency", "police", "trafficking_hotline", "labour_inspectorate", "migrant_counselling", "embassy", "ngo"]),
    /** The organisation's own name (not translated). */
    name: z.string().min(2),
    phone: phone.optional(),
    /** For emergency numbers: which service answers (shown in the user's language). */
    service: z.enum(["all", "police", "ambulance", "fire"]).optional(),
    /** For a short number: where it can be dialled ("national" or "eu"). */
    dialledFrom: z.enum(["national", "eu", "international"]).default("international"),
    url: z.url().optional(),
    email: z.email().optional(),
    hours: hours.optional(),
    /** ISO 639-1 codes of the languages it answers in. */
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).default([]),
    /** Embassies: whose embassy it is (an origin country code). */
    of: z.enum(ORIGINS).optional(),
    free: z.boolean().optional(),
    ...sourced,
  })
  .refine((c) => c.phone || c.url || c.email, "needs a phone number, a website or an e-mail address");
export type Contact = z.infer<typeof contactSchema>;

/** An emergency number: the general one, or the police's where that is the number to call (999, 100). */
export const isEmergency = (c: Contact): boolean =>
  Boolean(c.phone) && (c.kind === "emergency" || (c.kind === "police" && c.dialledFrom !== "international"));

/** Someone to turn to about trafficking or exploitation, beyond the emergency number. */
export const isHotline = (c: Contact): boolean =>
  ["trafficking_hotline", "ngo", "migrant_counselling"].includes(c.kind) || (c.kind === "police" && c.dialledFrom === "international");

const fact = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...shape, ...sourced });

export const destinationFactsSchema = z.strictObject({
  workingHours: fact({ maxWeekly: z.number().min(20).max(80), averagedOverWeeks: z.number().int().positive().optional(), maxDaily: z.number().min(4).max(16).optional() }).optional(),
  overtime: fact({ paidExtra: z.boolean(), premiumPercent: z.number().min(0).max(200).optional() }).optional(),
  passportRetention: fact({ forbidden: z.boolean(), law: z.string().min(2) }).optional(),
  recruitmentFees: fact({ forbiddenForWorkers: z.boolean(), law: z.string().min(2) }).optional(),
  writtenContract: fact({ required: z.boolean(), law: z.string().min(2) }).optional(),
  workPermit: fact({ euCitizensFree: z.boolean(), authority: z.string().min(2), url: z.url() }).optional(),
});

export const originFactsSchema = z.strictObject({
  /** How to check that a recruitment agency is licensed. */
  agencyRegister: fact({ authority: z.string().min(2), url: z.url() }).optional(),
});

export const packSchema = z.discriminatedUnion("role", [
  z.strictObject({ code: z.enum(DESTINATIONS), role: z.literal("destination"), facts: destinationFactsSchema, contacts: z.array(contactSchema) }),
  z.strictObject({ code: z.enum(ORIGINS), role: z.literal("origin"), facts: originFactsSchema, contacts: z.array(contactSchema) }),
]);
export type Pack = z.infer<typeof packSchema>;

export function loadPacks(dir = CONTENT_DIR): Pack[] {
  const folder = path.join(dir, "countries");
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => {
      const pack = loadContent(path.join("countries", file), packSchema, dir);
      if (`${pack.code}.json` !== file) throw new Error(`content/countries/${file} holds ${pack.code}`);
      return pack;
    });
}
