// The pay check: the offered pay, for the hours stated, against the destination's minimum wage.
import { convert, minimumHourly, minimumMonthly, type MinimumWageFigure, type WageData } from "../content/wages.js";
import { weeklyHours, type Hours, type Pay, type Period } from "./pay.js";

/** Net pay is at least this share of gross at minimum-wage level in our destinations, so net pay
 * below this share of the gross minimum is below the minimum whatever the deductions. A monthly,
 * weekly or daily amount whose basis is not stated is read as net, as ads in our region usually
 * mean ("in hand"); an hourly rate whose basis is not stated is read as gross, as hourly rates and
 * the minimum wages themselves are quoted. */
export const NET_SHARE = 0.7;
/** Work "24/7" or live-in is at least seven days of eight hours, whatever the ad leaves unsaid. */
export const ROUND_THE_CLOCK_WEEKLY_HOURS = 56;
/** Pay above this multiple of the full-time gross minimum, for work that asks for no skills, is
 * far above the going rate ("too good to be true"); lower when the ad also says that no
 * experience or language is needed. A heuristic, not a legal figure. It is set for the pay ads
 * usually quote, in hand: an amount stated as gross is weighed by the net it leaves at least
 * (NET_SHARE of it), so "38 000 Kč brutto" for a skilled job is not read as 38 000 in hand. */
export const UNREALISTIC_MULTIPLE = 1.6;
export const UNREALISTIC_MULTIPLE_NO_SKILLS = 1.3;

const WEEKS_PER_MONTH = 52 / 12;

export interface WageCheck {
  country: string;
  minimum: MinimumWageFigure;
  /** Offered pay per hour, in the minimum's currency (the low end of a range). */
  offeredHourly: number;
  minimumHourly: number;
  /** The weekly hours the hourly figure assumes, and whether the ad stated them. */
  weeklyHours: number;
  hoursStated: boolean;
  below: boolean;
  unrealistic: boolean;
}

/** Reads an amount with no stated period: a month's pay if large, an hour's if small, else unknown. */
function inferPeriod(pay: Pay, data: WageData): Period | null {
  const euros = convert(pay.amount, pay.currency, "EUR", data.rates);
  if (euros === undefined) return null;
  if (euros >= 400) return "month";
  if (euros <= 40) return "hour";
  return null;
}

export function minimumWageCheck(
  pay: Pay | null,
  hours: Hours,
  country: string | null,
  data: WageData,
  noSkillsAsked = false,
): WageCheck | null {
  const minimum = country ? data.minimumWages[country] : undefined;
  if (!pay || !minimum || minimum.status === "none") return null;
  const per = pay.per ?? inferPeriod(pay, data);
  if (!per) return null;
  const stated = weeklyHours(hours);
  const weekly = stated ?? (hours.roundTheClock ? Math.max(ROUND_THE_CLOCK_WEEKLY_HOURS, minimum.standardWeeklyHours) : minimum.standardWeeklyHours);
  const daily = hours.perDay ?? (stated && hours.daysPerWeek ? stated / hours.daysPerWeek : 8);
  // pay for a month, paid 14 times a year (Spain, Greece), is 14/12 of it a month
  const monthly = (amount: number) => (amount * (pay.paymentsPerYear ?? 12)) / 12;
  const perHour = (amount: number) =>
    per === "hour" ? amount : per === "day" ? amount / daily : per === "week" ? amount / weekly : monthly(amount) / (weekly * WEEKS_PER_MONTH);
  const inLocal = (amount: number) => convert(amount, pay.currency, minimum.currency, data.rates);

  const low = inLocal(pay.amount);
  const high = inLocal(pay.upTo ?? pay.amount);
  if (low === undefined || high === undefined) return null;
  const offeredHourly = perHour(low);
  const floor = minimumHourly(minimum);
  const share = pay.basis === "gross" || (pay.basis === "unstated" && per === "hour") ? 1 : NET_SHARE;
  const monthlyAtTop = perHour(high) * weekly * WEEKS_PER_MONTH;
  const multiple = noSkillsAsked ? UNREALISTIC_MULTIPLE_NO_SKILLS : UNREALISTIC_MULTIPLE;
  return {
    country: country!,
    minimum,
    offeredHourly,
    minimumHourly: floor,
    weeklyHours: weekly,
    hoursStated: stated !== undefined,
    below: offeredHourly < floor * share,
    unrealistic:
      Math.min(monthlyAtTop, perHour(high) * minimum.standardWeeklyHours * WEEKS_PER_MONTH) * (pay.basis === "gross" ? NET_SHARE : 1) >
      minimumMonthly(minimum) * multiple,
  };
}
