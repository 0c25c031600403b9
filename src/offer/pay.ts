// Reads the offered pay and the working hours out of an ad or a typed answer
// ("1200 euro a month, 10 hours a day, 6 days"), in any of the eight languages.
// Works on folded text (see normalize.ts): lower case, no diacritics, Latin letters.
import { allMatches, fold, foldedRegExp, quote, type Folded } from "./normalize.js";

export const CURRENCIES = ["EUR", "GBP", "PLN", "CZK", "RON", "BGN", "HUF", "CHF", "USD", "AED", "ILS"] as const;
export type Currency = (typeof CURRENCIES)[number];
export type Period = "hour" | "day" | "week" | "month";
export type Basis = "gross" | "net" | "unstated";

export interface Pay {
  amount: number;
  /** The top of a range ("1500-2000"), when one is given. */
  upTo?: number;
  currency: Currency;
  per: Period | null;
  basis: Basis;
  /** Monthly pay paid more than 12 times a year ("1.300 € brut/lună (14 plăți)"). */
  paymentsPerYear?: number;
  evidence: string;
}

export interface Hours {
  perDay?: number;
  perWeek?: number;
  daysPerWeek?: number;
  roundTheClock?: boolean;
  evidence: string[];
}

const CURRENCY_WORDS: [Currency, string][] = [
  ["EUR", "€|eur(?:o|os|a)?|i?evr(?:o|a)|euro?s?"],
  ["GBP", "£|gbp|pounds?|paund(?:a|ov|iv)?|funt(?:a|ov|iv|y)?|sterlin[ge]?|lir[ae](?: sterline?)?|лир[аи]"],
  ["PLN", "pln|zl(?:oty|otych|otyh|otykh|otih|ote|otys|oti|otego)?"],
  ["CZK", "czk|kc|korun[ay]?|kron[ai]?|krun[aeiu]?"],
  ["RON", "ron|lei|leu"],
  ["BGN", "bgn|lv|leva"],
  ["HUF", "huf|ft|forint(?:s|i|a|ov)?"],
  ["CHF", "chf|frank(?:en|a|ov|iv)?|franci|francs?"],
  ["USD", "\\$|usd|dollars?|dolar(?:i|a|ov|e)?|dollar(?:a|ov|iv)"],
  ["AED", "aed|dhs?|dirham(?:s|a|ov|i|iv)?"],
  ["ILS", "₪|ils|nis|shekel(?:s|ei|ey|iv|ov|a|i)?|shekal(?:s|im)?"],
];

const CURRENCY = `(${CURRENCY_WORDS.map(([, w]) => w).join("|")})`;
/** 1200 · 1.200 · 1 200 · 1,200 · 12,50 · 12.5 · 1.200,00 */
const NUMBER = "(\\d{1,3}(?:[.,\\s]\\d{3})+(?:[.,]\\d{1,2})?|\\d+(?:[.,]\\d{1,2})?)(k)?";
const SEPARATOR = "\\s?(?:-|–|—|do|to|la|deri|dо)\\s?";
/** A currency said again between the two ends of a range: "$8,000 - $12,000", "8 000 € – 12 000 €". */
const AGAIN = `(?:${CURRENCY_WORDS.map(([, w]) => w).join("|")})`;
const FROM = "(?:ot|od|de la|from|nga|vid|from)\\s";

// "1200 de euro": Romanian puts "de" between a number from 20 up and its unit.
const AMOUNT_AFTER = foldedRegExp(`(?<![\\w.,])(?:${FROM})?${NUMBER}(?:(?:\\s?${AGAIN})?${SEPARATOR}${NUMBER})?\\s?(?:de )?${CURRENCY}(?![a-z])`);
const AMOUNT_BEFORE = foldedRegExp(`(?<![a-z])${CURRENCY}\\s?${NUMBER}(?:${SEPARATOR}(?:${AGAIN}\\s?)?${NUMBER})?(?![\\d])`);

const PREFIX = String.raw`^ ?(?:/ ?|pe |na |v |za |po |u |ne |në |per |pro |an |a |in |в |на |за |по |у |во )?`;
const PERIODS: [Period, RegExp][] = [
  ["hour", foldedRegExp(String.raw`${PREFIX}(?:h\b|hr\b|hour|or[aăe]\b|час|godin|годин|sat\b|satu\b|sata\b|stund|std\b|orë|or[eë]s)|^ ?(?:почасов|pochasov)|^ ?/ ?(?:год|god)\b`, "")],
  ["day", foldedRegExp(String.raw`${PREFIX}(?:zi\b|ziua|day|день|ден\b|дан\b|dan\b|danu|dit[eë]|tag\b)|^ ?(?:zilnic|dnevno|дневно|daily|täglich)`, "")],
  ["week", foldedRegExp(String.raw`${PREFIX}(?:s[aă]pt[aă]m[aâ]n|s[aă]pt\b|week|недел|нед[іе]л|тижд|tyzhd|tizhd|sedmic|седмиц|jav[eë]|woche)|^ ?(?:s[aă]pt[aă]m[aâ]nal|седмично|nedeljno|недељно|неделно|weekly|wöchentlich)`, "")],
  ["month", foldedRegExp(String.raw`${PREFIX}(?:lun[aăi]\b|lun[aă]|month|месяц|місяц|месец|mesec|mjesec|muaj|monat|mo\b)|^ ?(?:lunar|monthly|месечно|mesečno|mjesečno|місячно|ежемесячно|mujore|miesięcznie|měsíčně|havonta|monatlich)`, "")],
];

const NET = foldedRegExp(String.raw`\b(?:net|neto|netto|чист(?:ыми|ими|о|и)|на руки|на руку|в руки|na ruce|на рака|čist\w*|u ruke|neto)\b`, "");
const GROSS = foldedRegExp(String.raw`\b(?:brut|bruto|brutto|gross|брутто|бруто|pre tax|before tax)\b`, "");

function toNumber(digits: string, k?: string): number {
  let s = digits.replace(/\s/g, "");
  const decimal = /[.,](\d{1,2})$/.exec(s);
  let fraction = 0;
  if (decimal && !/[.,]\d{3}$/.test(s)) {
    fraction = Number(`0.${decimal[1]}`);
    s = s.slice(0, -decimal[0].length);
  }
  const value = Number(s.replace(/[.,]/g, "")) + fraction;
  return k ? value * 1000 : value;
}

const CURRENCY_TESTS = CURRENCY_WORDS.map(([currency, words]) => [currency, foldedRegExp(`^(?:${words})$`, "")] as const);

function currencyOf(word: string): Currency {
  return CURRENCY_TESTS.find(([, test]) => test.test(word))?.[0] ?? "EUR";
}

const BASIS_WORDS = foldedRegExp("^[ ,]*(?:net\\w*|neto|brut\\w*|gross|чистыми|на руки|чисти|cist\\w*)[ ,]*", "");

function periodAfter(folded: string, index: number): Period | null {
  const window = folded.slice(index, index + 40).replace(/^\.+/, "").replace(BASIS_WORDS, " ").slice(0, 24);
  for (const [period, pattern] of PERIODS) if (pattern.test(window)) return period;
  return null;
}

function basisAround(folded: string, start: number, end: number): Basis {
  const window = folded.slice(Math.max(0, start - 20), end + 30);
  if (NET.test(window)) return "net";
  if (GROSS.test(window)) return "gross";
  return "unstated";
}

interface Candidate extends Pay {
  start: number;
  end: number;
}

function candidates(original: string, f: Folded): Candidate[] {
  const found: Candidate[] = [];
  const add = (start: number, end: number, low: number, high: number | undefined, word: string) => {
    if (!(low > 0) || found.some((c) => c.start === start)) return;
    found.push({
      start,
      end,
      amount: low,
      ...(high !== undefined && high > low ? { upTo: high } : {}),
      currency: currencyOf(word),
      per: periodAfter(f.text, end),
      basis: basisAround(f.text, start, end),
      evidence: quote(original, f, start, end),
    });
  };
  for (const m of allMatches(AMOUNT_AFTER, f.text)) {
    const high = m[3] ? toNumber(m[3], m[4]) : undefined;
    add(m.index, m.index + m[0].length, toNumber(m[1]!, m[2]), high, m[5]!);
  }
  for (const m of allMatches(AMOUNT_BEFORE, f.text)) {
    const high = m[4] ? toNumber(m[4], m[5]) : undefined;
    add(m.index, m.index + m[0].length, toNumber(m[2]!, m[3]), high, m[1]!);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Words that name the pay itself: "salary 1500", "ставка 24 zł", "дневница 50 €". */
const PAY_WORD = foldedRegExp(
  String.raw`\b(?:salary|wages?|earn\w*|income|rate|salariu\w*|plat[aă]|c[aâ]știg\w*|venit\w*|зарплат\w*|заработ\w*|ставк\w*|доход\w*|zarplat\w*|zp|з/п|зп|заробіт\w*|заробок|stavk\w*|заплат\w*|възнаграждени\w*|plat[aeiu]|zarad\w*|dnevnic\w*|satnic\w*|primanj\w*|плат[аеиу]|платата|дневниц\w*|pag[aeë]\w*|rrog\w*|stawk\w*|wynagrodz\w*|lohn\w*|gehalt\w*)\b`,
);
/** "Payment" words, which name the pay or a cost alike ("Оплата 800 евро в месяц", "Житло, оплата 300 €"). */
const PAYMENT_WORD = foldedRegExp(String.raw`\b(?:pay|payment|оплат\w*|oplat\w*)\b`);
/** Words that say an amount is a cost to the worker, not the pay: housing, fees, deductions, travel, food. */
const COST_WORD = foldedRegExp(
  String.raw`\b(?:housing|accommodation|room|rent|caravan|deposit|fees?|charge[sd]?|deduct\w*|ticket|flight|transport\w*|travel|visa|cazare|chirie|camer[aă]|tax[aăe]\w*|comision\w*|re[tț]ine\w*|scade\w*|bilet\w*|viz[aăe]|жиль\w*|жил[её]\w*|проживани\w*|общежити\w*|квартир\w*|хостел\w*|комисси\w*|оформлени\w*|услуг\w*|вычит\w*|удерж\w*|билет\w*|дорог\w*|проезд\w*|виз[аыу]|житл\w*|гуртожит\w*|оформленн\w*|послуг\w*|внесок|утрим\w*|вирахов\w*|квит\w*|проїзд\w*|oformlen\w*|нощувк\w*|такс[аи]\w*|удържа\w*|приспада\w*|smeštaj\w*|smestaj\w*|smještaj\w*|kirij\w*|stan|stana|stanu|стан|стана|kotizacij\w*|naknad\w*|provizij\w*|odbij\w*|odbija\w*|skida\w*|prevoz\w*|сместувањ\w*|сместување|кирија|провизи\w*|одбива\w*|превоз\w*|akomodim\w*|qira\w*|tarif\w*|zbrit\w*|bilet[aë]\w*|храна|храната|mâncare|mancare|food|meals?|питани\w*|харчуванн\w*|hran[aeu]|ushqim\w*|udh[eë]tim\w*|rrug[eë]tim\w*|patot|патувањ\w*|патни\w*|пътят|пътни\w*|пътуван\w*|putovanj\w*|putn\w*|путовањ\w*|airfare|перел[её]т\w*|переліт\w*)\b`,
);
/** An amount taken off the pay ("se reține din salariu 120 lire/săpt") is a cost, even next to a pay word. */
const DEDUCTED = foldedRegExp(
  String.raw`(?<!(?:after|dup[aă]|после|після|след|nakon|posle|pas|f[aă]r[aă]|without|no|bez|без|pa) )\b(?:deduct\w*|taken (?:off|from|out of)|re[tț]ine\w*|scade\w*|sc[aă]zut\w*|вычит\w*|вычет\w*|удерж\w*|утрим\w*|вирахов\w*|вирахуван\w*|удържа\w*|приспада\w*|odbij\w*|odbija\w*|skida\w*|zbrit\w*|zbres\w*|одбива\w*|одзема\w*|вычт\w*|відніма\w*|oduzima\w*|(?:heq|hiq)\w* nga)`,
  "",
);
/** Words for a day's pay, so "дневница 50 €" is per day. */
const DAY_PAY_WORD = foldedRegExp(String.raw`\b(?:dnevnic\w*|дневниц\w*|diurn[aă]\w*|day rate|daily rate|per diem|pag[eë] ditore)\b`, "");
/** "14 plăți", "14 pagas", "14 salaries": monthly pay paid more than 12 times a year. */
const PAYMENTS_PER_YEAR = foldedRegExp(
  String.raw`(?<!\d)(1[34]) ?(?:x ?)?(?:pl[aă][tț]i|salari\w*|payments|pagas|pagos|mensualidades|плащания|заплати|плат|зарплат\w*|выплат|виплат|isplat\w*|plat[ae]|pagesa|paga|monatsgeh[aä]lter)\b`,
  "",
);

/** "600 € + food and housing", "1500 € plus accommodation": after a plus come things given on top of the pay. */
const GIVEN_TOO = foldedRegExp(String.raw`\+|\b(?:plus|плюс)\b`, "");

/** The sentence or line around an amount, and the part of it (between commas or dashes) it is in. */
function clauseAround(text: string, start: number, end: number): { clause: [number, number]; part: [number, number] } {
  const before = text.slice(0, start);
  const clauseStart = Math.max(before.lastIndexOf("\n"), ...[". ", "! ", "? ", "; "].map((s) => before.lastIndexOf(s))) + 1;
  const restClause = text.slice(end).search(/\n|[.!?;](?:\s|$)/);
  const clauseEnd = restClause < 0 ? text.length : end + restClause;
  const partStart = Math.max(clauseStart, before.lastIndexOf(",") + 1, before.lastIndexOf(" – ") + 1, before.lastIndexOf(" — ") + 1);
  const restPart = text.slice(end, clauseEnd).search(/,| – | — /);
  return { clause: [clauseStart, clauseEnd], part: [partStart, restPart < 0 ? clauseEnd : end + restPart] };
}

function lastMatch(pattern: RegExp, text: string): number {
  let at = -1;
  for (const m of allMatches(pattern, text)) at = m.index;
  return at;
}

/** An amount given as a cost (housing, a fee, a deduction, a ticket), unless a pay word names it:
 * a cost word in its own part of the sentence, or earlier in the sentence ("Житло за бажанням, …, 110 €/тиждень"). */
function isCost(text: string, start: number, end: number): boolean {
  const { clause, part } = clauseAround(text, start, end);
  if (DEDUCTED.test(text.slice(part[0], part[1]))) return true;
  const lead = text.slice(part[0], start);
  const payAt = lastMatch(PAY_WORD, lead);
  if (payAt >= 0 && lastMatch(COST_WORD, lead) < payAt) return false;
  const plus = text.slice(end, part[1]).search(GIVEN_TOO);
  return lastMatch(COST_WORD, text.slice(clause[0], plus < 0 ? part[1] : end + plus)) >= 0;
}

function isPayNamed(text: string, start: number): boolean {
  const { part } = clauseAround(text, start, start);
  const lead = text.slice(part[0], start);
  return lastMatch(PAY_WORD, lead) >= 0 || lastMatch(PAYMENT_WORD, lead) >= 0;
}

/** The offered pay: the first amount with a currency that is not a cost, preferring one named as
 * pay and with its period stated. */
export function findPay(original: string, folded: Folded = fold(original)): Pay | null {
  const text = folded.text;
  const pool = candidates(original, folded).filter((c) => !/^\s*[-+]/.test(c.evidence) && !isCost(text, c.start, c.end));
  const pick =
    pool.find((c) => c.per !== null && isPayNamed(text, c.start)) ??
    pool.find((c) => c.per !== null) ??
    pool.find((c) => isPayNamed(text, c.start)) ??
    pool[0];
  if (!pick) return null;
  const { start, end, ...pay } = pick;
  const { part } = clauseAround(text, start, end);
  if (pay.per === null && DAY_PAY_WORD.test(text.slice(part[0], start))) pay.per = "day";
  const payments = PAYMENTS_PER_YEAR.exec(text.slice(end, end + 50));
  if (payments && pay.per !== "hour" && pay.per !== "day" && pay.per !== "week") pay.paymentsPerYear = Number(payments[1]);
  return pay;
}

const HOUR_UNIT = String.raw`(?:h|hrs?|hours?|ore|ora|orë|часов|часа|часів|час|ч|годин\w*|godin\w*|hodin\w*|год|sati|sata|sat|stunden|std)`;
const PER_DAY = String.raw`(?: ?/ ?| (?:pe|na|v|u|ne|në|per|a|in|za|на|в|у|во|за) )?(?:zi|ziua|day|день|ден|дан|dan|dit[eë]|diten|tag)\b| ?(?:dnevno|дневно|zilnic|daily|täglich)`;
const PER_WEEK = String.raw`(?: ?/ ?| (?:pe|na|v|u|ne|në|per|a|in|za|на|в|у|во|за) )?(?:s[aă]pt[aă]m[aâ]n[aă]|s[aă]pt|week|wk|неделю|неделя|неделе|недел[иу]|nedelj[au]|nedela|недела|тиждень|тижд|tyzhden|седмица|sedmic[au]|jav[eë]|woche)\b| ?(?:s[aă]pt[aă]m[aâ]nal|nedeljno|недељно|неделно|седмично|weekly|wöchentlich)`;
const DAY_UNIT = String.raw`(?:zile|zi|days?|дни|дней|днів|дні|dana|дана|дена|дни|dit[eë]|tage)`;

const HOURS_PER_DAY = foldedRegExp(String.raw`(?<![\d.,])(\d{1,2}(?:[.,]\d)?)(?: ?(?:-|–|do|to|la|deri|до) ?(\d{1,2}(?:[.,]\d)?))? ?${HOUR_UNIT}\.?(?:${PER_DAY})`);
/** The length of a shift or of each day, with no "a day" after it: "shifts of 8 hours",
 * "6 днів на тиждень по 10 годин", "smene po 8 sati", "câte 10 ore". */
const NOT_PER_LONGER = String.raw`(?! ?(?:/|pe|na|per|a|в|на|u|у|во|in|ne|në) ?(?:week|wk|s[aă]pt|недел|тижд|tyzd|sedmic|седмиц|jav|woche|month|lun|месяц|місяц|месец|mesec|mjesec|muaj|monat))`;
const SHIFT_HOURS = foldedRegExp(
  String.raw`(?:\bshifts? (?:of )?|\bsmen[aeiu]? (?:od |po )?|\bсмен[аиы]? (?:по )?|\bзмін[аи]? (?:по )?|\bсмяна (?:от |по )?|\bсмени (?:по |од )?|\bturn[aeu]?r?i? (?:de |nga )?|\bnd[eë]rrim\w* (?:nga |prej )?|\bschicht\w* (?:von )?|(?<![a-z])(?:по|po|c[aâ]te|nga) )(\d{1,2}(?:[.,]\d)?)(?: ?(?:-|–|do|to|la|deri|до) ?(\d{1,2}(?:[.,]\d)?))? ?${HOUR_UNIT}\b${NOT_PER_LONGER}|(?<![\d.,])(\d{1,2})[- ]?(?:hours?|hr|h|ore|часов\w*|годин\w*|sat\w*|or[eë]sh) (?:shifts?|ture?|smen\w*|смен\w*|змін\w*|ndërrim\w*)`,
);
const HOURS_PER_WEEK = foldedRegExp(String.raw`(?<!\d)(\d{2})(?: ?(?:-|–|do|to|la|deri|до) ?(\d{2}))? ?${HOUR_UNIT}\.?(?:${PER_WEEK})`);
const DAYS_PER_WEEK = foldedRegExp(
  String.raw`(?<!\d)([1-7])(?: ?(?:-|–) ?([1-7]))? ?${DAY_UNIT}(?:(?: ?/ ?| (?:pe|na|v|u|ne|në|per|a|in|za|din|iz|from|of|out of|od|nga|на|в|у|во|за|из|од|з) ?)(?:7|s[aă]pt[aă]m[aâ]n[aă]|week|неделю|неделя|недел[иу]|nedelj[au]|nedela|недела|тиждень|седмица|sedmic[au]|jav[eë])\b| ?(?:nedeljno|недељно|неделно|седмично|weekly|s[aă]pt[aă]m[aâ]nal))`,
);
/** Days a week with each day's hours: "6 дена по 10 часа", "6 days x 10 hours", "10 hours x 6 days". */
const DAYS_BY_HOURS = foldedRegExp(
  String.raw`([1-7])(?<![\d.,][1-7]) ?${DAY_UNIT} ?(?:x|×|\*|a|à|of|po|по|c[aâ]te|a c[aâ]te|nga|me|od|од|za) ?(\d{1,2})(?: ?(?:-|–) ?(\d{1,2}))? ?${HOUR_UNIT}\b|(?<![\d.,])(\d{1,2}) ?${HOUR_UNIT} ?(?:x|×|\*) ?([1-7]) ?${DAY_UNIT}\b`,
);
const DAYS_OF_SEVEN = foldedRegExp(String.raw`(?<![\d/])([5-7]) ?(?:/|din|из|z|з|od|од|nga|out of|of|from) ?7(?!\d)`);
const NO_DAY_OFF = foldedRegExp(
  String.raw`\b(?:без выходных|без вихідних|f[aă]r[aă] (?:zile )?libere|without (?:a )?days? off|no days? off|bez slobodnih dana|bez slobodnog dana|без почивни дни|без слободни денови|pa dit[eë] pushimi|pa pushim)\b|` +
    // "вихідних під час турне нема", "zile libere nu sunt", "slobodnih dana nema"
    String.raw`\b(?:выходн\w*|вихідн\w*|почивн\w* дн\w*|слободн\w* ден\w*|slobodn\w* dan\w*|zile libere|dit[eë] pushimi|days? off)(?:[^.!?;,\n]){0,20}\b(?:нет|нема|немає|няма|nema|none|nu (?:sunt|avem|exist[aă])|nuk ka|s'?ka)\b`,
);
const ROUND_THE_CLOCK = foldedRegExp(
  String.raw`(?<!\d)24 ?/ ?(?:7|24)(?!\d)|(?<!\d)24 (?:din|из|od|з|nga|of|on) 24(?!\d)|(?<!\d)24 ?(?:h|ore|часа|часов|sata|sati|hours|годин)\b(?! ?(?:/|pe|na|v|per|a|на|в) ?(?:week|s[aă]pt|недел|тижд))|\bnon-?stop\b|\bround[- ]the[- ]clock\b|\bкруглосуточн|\bцілодобов|\bденонощн|\bdanono[cć]n|\bденоноќн|\b24 din 24\b|\bpermanent la domiciliu\b|` +
    // "live-in care", "carer, live in": not "you live in the caravan"
    String.raw`\blive-in\b|\blive in(?= (?:care\w*|position|job|role|nanny|housekeep\w*|helper|domestic|basis|24)\b|[,.;:!)\n–—-]|$)`,
);
/** "Not 24h care", "nu 24/24": what comes just before a round-the-clock phrase that denies it. */
const DENIED = foldedRegExp(String.raw`\b(?:not|no|never|nije|nu|ne|не|nuk|jo|без|bez|f[aă]r[aă]|pa)(?: (?:e|este|je|е|is|it'?s|[eë]sht[eë]|a|o|je to|more|any))? $`, "");

function maxOf(a: string, b: string | undefined): number {
  const n = (s: string) => Number(s.replace(",", "."));
  return Math.max(n(a), b ? n(b) : 0);
}

export function findHours(original: string, folded: Folded = fold(original)): Hours {
  const hours: Hours = { evidence: [] };
  const note = (m: RegExpMatchArray) => hours.evidence.push(quote(original, folded, m.index!, m.index! + m[0].length));
  for (const m of allMatches(HOURS_PER_DAY, folded.text)) {
    const value = maxOf(m[1]!, m[2]);
    if (value >= 1 && value <= 24 && value > (hours.perDay ?? 0)) {
      hours.perDay = value;
      note(m);
    }
  }
  if (hours.perDay === undefined) {
    for (const m of allMatches(SHIFT_HOURS, folded.text)) {
      const value = m[3] ? Number(m[3]) : maxOf(m[1]!, m[2]);
      if (value >= 1 && value <= 24 && value > (hours.perDay ?? 0)) {
        hours.perDay = value;
        note(m);
      }
    }
  }
  for (const m of allMatches(HOURS_PER_WEEK, folded.text)) {
    const value = maxOf(m[1]!, m[2]);
    if (value >= 10 && value <= 168) {
      hours.perWeek = Math.max(value, hours.perWeek ?? 0);
      note(m);
    }
  }
  for (const m of allMatches(DAYS_BY_HOURS, folded.text)) {
    const days = Number(m[1] ?? m[5]);
    const perDay = m[1] ? maxOf(m[2]!, m[3]) : Number(m[4]);
    if (perDay < 1 || perDay > 24) continue;
    hours.daysPerWeek = Math.max(days, hours.daysPerWeek ?? 0);
    hours.perDay = Math.max(perDay, hours.perDay ?? 0);
    note(m);
  }
  for (const pattern of [DAYS_PER_WEEK, DAYS_OF_SEVEN]) {
    for (const m of allMatches(pattern, folded.text)) {
      hours.daysPerWeek = Math.max(maxOf(m[1]!, m[2]), hours.daysPerWeek ?? 0);
      note(m);
    }
  }
  for (const m of allMatches(NO_DAY_OFF, folded.text)) {
    hours.daysPerWeek = 7;
    note(m);
  }
  for (const m of allMatches(ROUND_THE_CLOCK, folded.text)) {
    if (DENIED.test(folded.text.slice(Math.max(0, m.index - 16), m.index))) continue;
    hours.roundTheClock = true;
    note(m);
  }
  // "по 10 часа" is already in "6 дена по 10 часа"
  hours.evidence = hours.evidence.filter((e, i, all) => all.indexOf(e) === i && !all.some((other) => other !== e && other.includes(e)));
  return hours;
}

/** Weekly hours, from what is stated: per week, or per day × days (5 days when unstated). */
export function weeklyHours(hours: Hours): number | undefined {
  if (hours.perWeek) return hours.perWeek;
  if (hours.perDay) return hours.perDay * (hours.daysPerWeek ?? 5);
  if (hours.daysPerWeek) return 8 * hours.daysPerWeek;
  return undefined;
}

/** Hours beyond what the law allows anywhere in our destinations, as the sign describes them. */
export function hoursAreExcessive(hours: Hours): boolean {
  const weekly = weeklyHours(hours);
  return Boolean(hours.roundTheClock) || (hours.perDay ?? 0) >= 12 || hours.daysPerWeek === 7 || (weekly ?? 0) > 55;
}
