// Statutory minimum wages of the destinations, and the exchange rates to compare pay with them.
import { z } from "zod";
import { CURRENCIES } from "../offer/pay.js";
import { loadContent } from "./files.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
const sourced = { source: z.url(), checkedOn: isoDate, confidence: z.enum(["high", "medium"]), note: z.string().min(1) };

const figure = {
  amount: z.number().positive(),
  currency: z.enum(CURRENCIES),
  per: z.enum(["hour", "day", "month"]),
  paymentsPerYear: z.number().int().min(12).max(14),
  standardWeeklyHours: z.number().min(20).max(60),
  hourly: z.number().positive().optional(),
  appliesFrom: isoDate,
  ageFrom: z.number().int().optional(),
};

export const minimumWageSchema = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("statutory"), ...figure, ...sourced }),
  /** The last confirmed figure; a newer one could not be confirmed. Minimums here only rise, so it is a floor. */
  z.strictObject({ status: z.literal("unconfirmed"), ...figure, ...sourced }),
  z.strictObject({ status: z.literal("none"), setBy: z.literal("collective_agreements").optional(), ...sourced }),
]);
export type MinimumWage = z.infer<typeof minimumWageSchema>;
export type MinimumWageFigure = Extract<MinimumWage, { amount: number }>;

export const minimumWagesSchema = z.record(z.string().regex(/^[A-Z]{2}$/), minimumWageSchema);

export const exchangeRatesSchema = z.strictObject({
  base: z.literal("EUR"),
  date: isoDate,
  source: z.url(),
  checkedOn: isoDate,
  // Every currency we read, in units per euro.
  rates: z.record(z.enum(CURRENCIES).exclude(["EUR"]), z.number().positive()),
  notes: z.record(z.string(), z.string()).optional(),
});
export type ExchangeRates = z.infer<typeof exchangeRatesSchema>;

export interface WageData {
  minimumWages: Record<string, MinimumWage>;
  rates: ExchangeRates;
}

export function loadWageData(dir?: string): WageData {
  return {
    minimumWages: loadContent("minimum-wages.json", minimumWagesSchema, dir),
    rates: loadContent("exchange-rates.json", exchangeRatesSchema, dir),
  };
}

/** Converts between currencies through the euro. */
export function convert(amount: number, from: string, to: string, rates: ExchangeRates): number | undefined {
  const rate = (c: string) => (c === "EUR" ? 1 : rates.rates[c as keyof typeof rates.rates]);
  const a = rate(from);
  const b = rate(to);
  return a === undefined || b === undefined ? undefined : (amount / a) * b;
}

/**
 * The minimum as an hourly gross figure. Where the law also states an hourly rate (Poland's for
 * civil-law contracts, Czechia's), the lower of the two is used, so that no offer is called
 * below the minimum on a figure that does not apply to it.
 */
export function minimumHourly(m: MinimumWageFigure): number {
  const perYear = m.per === "month" ? m.amount * m.paymentsPerYear : m.per === "day" ? m.amount * 5 * 52 : m.amount * m.standardWeeklyHours * 52;
  const derived = perYear / (m.standardWeeklyHours * 52);
  return m.hourly ? Math.min(m.hourly, derived) : derived;
}

/** The minimum as a gross monthly figure for full-time work (over 12 months). */
export function minimumMonthly(m: MinimumWageFigure): number {
  return (minimumHourly(m) * m.standardWeeklyHours * 52) / 12;
}
