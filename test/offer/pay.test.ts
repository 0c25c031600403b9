// Reading the pay and the hours out of what people write, and checking them against the
// destination's minimum wage at its edges.
import { describe, expect, it } from "vitest";
import { findHours, findPay, hoursAreExcessive, weeklyHours } from "../../src/offer/pay.js";
import { minimumWageCheck } from "../../src/offer/wage-check.js";
import { loadWageData } from "../../src/content/wages.js";

type Expect = [string, { amount: number; currency: string; per?: string | null; basis?: string; upTo?: number }];

const formats: Expect[] = [
  ["1200 euro a month", { amount: 1200, currency: "EUR", per: "month" }],
  ["1.200 € pe lună", { amount: 1200, currency: "EUR", per: "month" }],
  ["1200 de euro pe lună", { amount: 1200, currency: "EUR", per: "month" }],
  ["1 200 евро в месяц", { amount: 1200, currency: "EUR", per: "month" }],
  ["1,200 EUR monthly", { amount: 1200, currency: "EUR", per: "month" }],
  ["1200€/lună net", { amount: 1200, currency: "EUR", per: "month", basis: "net" }],
  ["EUR 1200 per month gross", { amount: 1200, currency: "EUR", per: "month", basis: "gross" }],
  ["€1200 a month", { amount: 1200, currency: "EUR", per: "month" }],
  ["12€/h", { amount: 12, currency: "EUR", per: "hour" }],
  ["12 €/h", { amount: 12, currency: "EUR", per: "hour" }],
  ["12,50 € pe oră", { amount: 12.5, currency: "EUR", per: "hour" }],
  ["12.50 euro per hour", { amount: 12.5, currency: "EUR", per: "hour" }],
  ["6 евро на час", { amount: 6, currency: "EUR", per: "hour" }],
  ["10 евра на час", { amount: 10, currency: "EUR", per: "hour" }],
  ["9 eura po satu", { amount: 9, currency: "EUR", per: "hour" }],
  ["zarplata 1500 evro v mesyac", { amount: 1500, currency: "EUR", per: "month" }],
  ["plata 1.800 eura mesečno", { amount: 1800, currency: "EUR", per: "month" }],
  ["paga 1500 euro në muaj", { amount: 1500, currency: "EUR", per: "month" }],
  ["плата 1.500 евра месечно", { amount: 1500, currency: "EUR", per: "month" }],
  ["заплата 1400 евро на месец", { amount: 1400, currency: "EUR", per: "month" }],
  ["зарплата від 1500 до 2000 євро на місяць", { amount: 1500, upTo: 2000, currency: "EUR", per: "month" }],
  ["1500-2000€ net", { amount: 1500, upTo: 2000, currency: "EUR", basis: "net" }],
  ["de la 1500 la 2000 euro", { amount: 1500, upTo: 2000, currency: "EUR" }],
  ["80 € pe zi", { amount: 80, currency: "EUR", per: "day" }],
  ["EUR 80 per day", { amount: 80, currency: "EUR", per: "day" }],
  ["100 euro dnevno", { amount: 100, currency: "EUR", per: "day" }],
  ["500 € pe săptămână", { amount: 500, currency: "EUR", per: "week" }],
  ["£12.85/hour", { amount: 12.85, currency: "GBP", per: "hour" }],
  ["£450 per week", { amount: 450, currency: "GBP", per: "week" }],
  ["12 фунтов в час", { amount: 12, currency: "GBP", per: "hour" }],
  ["24 zł/h", { amount: 24, currency: "PLN", per: "hour" }],
  ["5000 zl netto в месяц", { amount: 5000, currency: "PLN", per: "month", basis: "net" }],
  ["4 806 PLN brutto miesięcznie", { amount: 4806, currency: "PLN", basis: "gross" }],
  ["24 500 Kč měsíčně", { amount: 24500, currency: "CZK" }],
  ["150 CZK/h", { amount: 150, currency: "CZK", per: "hour" }],
  ["3000 lei pe lună", { amount: 3000, currency: "RON", per: "month" }],
  ["1800 лв. на месец", { amount: 1800, currency: "BGN", per: "month" }],
  ["2500 CHF pro Monat", { amount: 2500, currency: "CHF" }],
  ["$2,500 a month", { amount: 2500, currency: "USD", per: "month" }],
  ["2500 долларов в месяц", { amount: 2500, currency: "USD", per: "month" }],
  ["4000 AED per month", { amount: 4000, currency: "AED", per: "month" }],
  ["3500 дирхам в месяц", { amount: 3500, currency: "AED", per: "month" }],
  ["40 шекелей в час", { amount: 40, currency: "ILS", per: "hour" }],
  ["6500 ₪ לחודש", { amount: 6500, currency: "ILS" }],
  ["35 NIS/h", { amount: 35, currency: "ILS", per: "hour" }],
  ["320 000 HUF havonta", { amount: 320000, currency: "HUF" }],
  ["25000 круна месечно", { amount: 25000, currency: "CZK", per: "month" }],
  ["зп 2к€", { amount: 2000, currency: "EUR" }],
  ["Salariu: 2.300,00 EUR brut", { amount: 2300, currency: "EUR", basis: "gross" }],
  ["💶 1800€ 💶 /lună", { amount: 1800, currency: "EUR" }],
];

describe("reading the offered pay", () => {
  it.each(formats)("%s", (text, expected) => {
    const pay = findPay(text);
    expect(pay).not.toBeNull();
    expect(pay).toMatchObject(expected);
  });

  it("covers at least 40 ways of writing pay", () => {
    expect(formats.length).toBeGreaterThanOrEqual(40);
  });

  it("finds no pay where there is none", () => {
    expect(findPay("Work in Germany, call 0049 123 456, 3 rooms, 2 people per room")).toBeNull();
    expect(findPay("Лучшая работа! Звоните!")).toBeNull();
  });
});

describe("reading the hours", () => {
  it.each([
    ["10 hours a day, 6 days a week", { perDay: 10, daysPerWeek: 6 }, 60],
    ["12 ore pe zi, 7 zile din 7", { perDay: 12, daysPerWeek: 7 }, 84],
    ["10-12 часов в день", { perDay: 12 }, 60],
    ["10 годин на день, 6 днів на тиждень", { perDay: 10, daysPerWeek: 6 }, 60],
    ["12 часа на ден", { perDay: 12 }, 60],
    ["10 sati dnevno, 6 dana nedeljno", { perDay: 10, daysPerWeek: 6 }, 60],
    ["10 orë në ditë", { perDay: 10 }, 50],
    ["40 hours/week", { perWeek: 40 }, 40],
    ["48 ore pe săptămână", { perWeek: 48 }, 48],
    ["6/7", { daysPerWeek: 6 }, 48],
    ["без выходных", { daysPerWeek: 7 }, 56],
    ["6 дена по 10 часа", { perDay: 10, daysPerWeek: 6 }, 60],
    ["6 days × 10 hours", { perDay: 10, daysPerWeek: 6 }, 60],
    ["12-hour shifts, 6 days a week", { perDay: 12, daysPerWeek: 6 }, 72],
    ["6,5 часа на ден", { perDay: 6.5 }, 32.5],
  ] as const)("%s", (text, expected, weekly) => {
    const hours = findHours(text);
    expect(hours).toMatchObject(expected);
    expect(weeklyHours(hours)).toBe(weekly);
  });

  it("does not take a denial of round-the-clock work, or living in a caravan, for live-in work", () => {
    expect(findHours("NIJE 24h nega, 8 sati dnevno").roundTheClock).toBeUndefined();
    expect(findHours("you live in the caravan on site").roundTheClock).toBeUndefined();
  });

  it.each(["24/7", "24/24", "live-in, round the clock", "круглосуточно", "цілодобово", "non-stop"])("knows '%s' means round the clock", (text) => {
    const hours = findHours(text);
    expect(hours.roundTheClock).toBe(true);
    expect(hoursAreExcessive(hours)).toBe(true);
  });

  it("calls 10 hours a day for 6 days excessive, and a normal week not", () => {
    expect(hoursAreExcessive(findHours("10 hours a day, 6 days a week"))).toBe(true);
    expect(hoursAreExcessive(findHours("8 hours a day, 5 days a week"))).toBe(false);
    expect(hoursAreExcessive(findHours("40 hours/week"))).toBe(false);
  });
});

describe("the minimum-wage check", () => {
  const data = loadWageData();
  const check = (text: string, country: string, noSkills = false) => minimumWageCheck(findPay(text), findHours(text), country, data, noSkills);

  it("is not below exactly at the minimum, and is just below it", () => {
    expect(check("13.90 € gross per hour", "DE")?.below).toBe(false);
    expect(check("13.89 € gross per hour", "DE")?.below).toBe(true);
  });

  it("reads net pay against 70% of the gross minimum, and an hourly rate with no basis as gross", () => {
    expect(check("10 € per hour net", "DE")?.below).toBe(false); // net 10 can be gross 13.90+
    expect(check("9 € per hour net", "DE")?.below).toBe(true);
    expect(check("6 €/h", "DE")?.below).toBe(true);
  });

  it("turns a monthly wage into an hourly one with the hours stated", () => {
    const full = check("2500 € gross per month, 40 hours a week", "DE")!;
    expect(full.offeredHourly).toBeCloseTo(2500 / (40 * 52 / 12), 5);
    expect(full.below).toBe(false);
    const long = check("2500 € gross per month, 12 hours a day, 6 days a week", "DE")!;
    expect(long.weeklyHours).toBe(72);
    expect(long.below).toBe(true);
  });

  it("treats part-time pay by its hours, not as a full-time wage", () => {
    const partTime = check("1300 € gross per month, 20 hours a week", "DE")!;
    expect(partTime.offeredHourly).toBeCloseTo(1300 / (20 * 52 / 12), 5);
    expect(partTime.below).toBe(false);
  });

  it("converts currencies through the dated table", () => {
    const pl = check("24 zł/h brutto", "PL")!;
    expect(pl.below).toBe(true);
    const inEuro = check("1500 € gross per month", "PL")!; // about 6,300 zł
    expect(inEuro.below).toBe(false);
  });

  it("uses Spain's monthly minimum paid 14 times a year", () => {
    expect(check("1000 € gross per month, 40 hours a week", "ES")?.below).toBe(true);
    expect(check("1450 € gross per month, 40 hours a week", "ES")?.below).toBe(false);
  });

  it("has nothing to compare with where there is no statutory minimum", () => {
    expect(check("5 € per hour", "IT")).toBeNull();
    expect(check("5 € per hour", "AT")).toBeNull();
    expect(check("5 € per hour", null as unknown as string)).toBeNull();
  });

  it("finds pay far above the going rate, sooner when no skills are asked", () => {
    expect(check("4500 € net per month", "DE")?.unrealistic).toBe(true);
    expect(check("2600 € net per month", "DE")?.unrealistic).toBe(false);
    expect(check("3300 € net per month", "DE")?.unrealistic).toBe(false);
    expect(check("3300 € net per month", "DE", true)?.unrealistic).toBe(true);
  });

  it("judges a gross wage as too good by the net it leaves, so skilled pay is not flagged", () => {
    expect(check("38 000 Kč brutto měsíčně", "CZ")?.unrealistic).toBe(false);
    expect(check("4500 € gross per month", "DE")?.unrealistic).toBe(false); // 4500 net would be
    expect(check("9000 € gross per month", "DE")?.unrealistic).toBe(true);
  });
});
