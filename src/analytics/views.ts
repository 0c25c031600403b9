// The views of the trends, built from counter rows. Pure: the dashboard, the exports and the
// report CLI share it. Every view lists every value of its fixed list (zeros included), so
// whether something happened at all is never revealed by a row appearing.
import { z } from "zod";
import { LANGUAGES } from "../i18n/languages.js";
import { DESTINATIONS } from "../content/countries.js";
import { METRICS, NONE, OTHER, type Metric } from "./events.js";

export const VIEW_IDS = ["activity", "risk", "flows", "signs", "destinations", "origins", "languages", "campaigns", "topics", "invalid"] as const;
export type ViewId = (typeof VIEW_IDS)[number];

/** A counter row with the destination already filtered and summed away. */
export interface Row {
  day: string;
  campaign: string;
  language: string;
  metric: string;
  value: string;
  count: number;
}

export interface Cell {
  key: string;
  count: number;
}
export interface Series {
  name: string;
  cells: Cell[];
}
export interface View {
  id: ViewId;
  /** "time": cells are days or weeks; "categories": cells are values of a list. */
  kind: "time" | "categories";
  series: Series[];
}

const day = z.iso.date();
export const MAX_DAYS = 800;

export const filtersSchema = z
  .object({
    from: day,
    to: day,
    period: z.enum(["day", "week"]).default("day"),
    destination: z.enum([...DESTINATIONS, OTHER, NONE]).optional(),
    campaign: z.string().regex(/^[a-z0-9]{1,32}$|^other$|^none$/).optional(),
    language: z.enum(LANGUAGES).optional(),
  })
  .refine((f) => f.from <= f.to, { message: "from must not be after to", path: ["from"] })
  .refine((f) => daysBetween(f.from, f.to) <= MAX_DAYS, { message: `at most ${MAX_DAYS} days`, path: ["to"] });
export type Filters = z.infer<typeof filtersSchema>;

const DAY_MS = 86_400_000;
const toDate = (d: string) => new Date(`${d}T00:00:00Z`);
function daysBetween(from: string, to: string): number {
  return Math.round((toDate(to).getTime() - toDate(from).getTime()) / DAY_MS);
}

/** The Monday (UTC) of a day's ISO week. */
export function weekOf(d: string): string {
  const date = toDate(d);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/** Every period from `from` to `to`: days, or the Mondays of their weeks. */
export function periods(filters: Pick<Filters, "from" | "to" | "period">): string[] {
  const out: string[] = [];
  for (let t = toDate(filters.from).getTime(); t <= toDate(filters.to).getTime(); t += DAY_MS) {
    const d = new Date(t).toISOString().slice(0, 10);
    const key = filters.period === "week" ? weekOf(d) : d;
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}

function sumBy(rows: Row[], keyOf: (r: Row) => string | undefined): Map<string, number> {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key !== undefined) sums.set(key, (sums.get(key) ?? 0) + r.count);
  }
  return sums;
}

const cellsOf = (keys: readonly string[], sums: Map<string, number>): Cell[] => keys.map((key) => ({ key, count: sums.get(key) ?? 0 }));

/** Builds every view. `campaigns` lists the known campaign codes (the campaign view's rows). */
export function buildViews(rows: Row[], filters: Filters, campaigns: readonly string[]): View[] {
  const timeKeys = periods(filters);
  const period = (r: Row) => (filters.period === "week" ? weekOf(r.day) : r.day);
  const of = (metric: Metric, value?: string) => rows.filter((r) => r.metric === metric && (value === undefined || r.value === value));
  const overTime = (name: string, selected: Row[]): Series => ({ name, cells: cellsOf(timeKeys, sumBy(selected, period)) });
  const byValue = (metric: Metric, list: readonly string[] = [...METRICS[metric], OTHER]): Series => ({
    name: "count",
    cells: cellsOf(list, sumBy(of(metric), (r) => r.value)),
  });
  const campaignKeys = [...campaigns, OTHER, NONE];
  // People are counted per day, not per destination: with a destination filter they are left out.
  const people = (series: Series): Series[] => (filters.destination ? [] : [series]);

  return [
    {
      id: "activity",
      kind: "time",
      series: [...people(overTime("people", of("people"))), overTime("started", of("flow_started")), overTime("finished", of("flow_finished"))],
    },
    { id: "risk", kind: "time", series: METRICS.band.map((band) => overTime(band, of("band", band))) },
    {
      id: "flows",
      kind: "categories",
      series: [
        { name: "started", cells: cellsOf(METRICS.flow_started, sumBy(of("flow_started"), (r) => r.value)) },
        { name: "finished", cells: cellsOf(METRICS.flow_finished, sumBy(of("flow_finished"), (r) => r.value)) },
      ],
    },
    { id: "signs", kind: "categories", series: [byValue("sign", METRICS.sign)] },
    { id: "destinations", kind: "categories", series: [byValue("destination")] },
    { id: "origins", kind: "categories", series: [byValue("origin")] },
    {
      id: "languages",
      kind: "categories",
      series: [
        ...people({ name: "people", cells: cellsOf([...LANGUAGES, OTHER], sumBy(of("people"), (r) => r.language)) }),
        { name: "started", cells: cellsOf([...LANGUAGES, OTHER], sumBy(of("flow_started"), (r) => r.language)) },
      ],
    },
    {
      id: "campaigns",
      kind: "categories",
      series: [
        ...people({ name: "people", cells: cellsOf(campaignKeys, sumBy(of("people"), (r) => r.campaign)) }),
        { name: "started", cells: cellsOf(campaignKeys, sumBy(of("flow_started"), (r) => r.campaign)) },
      ],
    },
    { id: "topics", kind: "categories", series: [byValue("topic", METRICS.topic)] },
    { id: "invalid", kind: "categories", series: [byValue("invalid", METRICS.invalid)] },
  ];
}
