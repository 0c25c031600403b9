// The views list every value of their fixed lists, by day or by week, from counter rows.
import { describe, expect, it } from "vitest";
import { buildViews, filtersSchema, periods, weekOf, type Row } from "../../src/analytics/views.js";

const row = (day: string, metric: string, value: string, count: number, extra: Partial<Row> = {}): Row => ({ day, campaign: "none", language: "en", metric, value, count, ...extra });
const filters = (f: Record<string, string>) => filtersSchema.parse(f);

describe("trend views", () => {
  it("count by day over the whole range, zero days included", () => {
    const rows = [row("2026-11-02", "flow_started", "rights", 3), row("2026-11-02", "flow_started", "help", 2), row("2026-11-04", "flow_started", "sos", 1)];
    const [activity] = buildViews(rows, filters({ from: "2026-11-01", to: "2026-11-04" }), []);
    const started = activity!.series.find((s) => s.name === "started")!;
    expect(started.cells).toEqual([
      { key: "2026-11-01", count: 0 },
      { key: "2026-11-02", count: 5 },
      { key: "2026-11-03", count: 0 },
      { key: "2026-11-04", count: 1 },
    ]);
  });

  it("group days into ISO weeks starting on Monday", () => {
    expect(weekOf("2026-11-29")).toBe("2026-11-23"); // a Sunday
    expect(weekOf("2026-11-30")).toBe("2026-11-30"); // a Monday
    expect(periods({ from: "2026-11-26", to: "2026-12-02", period: "week" })).toEqual(["2026-11-23", "2026-11-30"]);
    const rows = [row("2026-11-27", "band", "high", 4), row("2026-11-29", "band", "high", 6), row("2026-11-30", "band", "high", 1)];
    const risk = buildViews(rows, filters({ from: "2026-11-26", to: "2026-12-02", period: "week" }), []).find((v) => v.id === "risk")!;
    expect(risk.series.find((s) => s.name === "high")!.cells).toEqual([
      { key: "2026-11-23", count: 10 },
      { key: "2026-11-30", count: 1 },
    ]);
  });

  it("list every warning sign, language and campaign, even those nobody met", () => {
    const views = buildViews([row("2026-11-02", "sign", "upfront_fee", 12)], filters({ from: "2026-11-02", to: "2026-11-02" }), ["fair26"]);
    const signs = views.find((v) => v.id === "signs")!.series[0]!.cells;
    expect(signs.find((c) => c.key === "upfront_fee")!.count).toBe(12);
    expect(signs.length).toBeGreaterThan(10);
    expect(views.find((v) => v.id === "campaigns")!.series[0]!.cells.map((c) => c.key)).toEqual(["fair26", "other", "none"]);
    expect(views.find((v) => v.id === "languages")!.series[0]!.cells.map((c) => c.key)).toEqual(["en", "ro", "ru", "uk", "bg", "sq", "sr", "mk", "other"]);
  });

  it("leave people out when filtering by destination: they are counted per day, not per destination", () => {
    const views = buildViews([], filters({ from: "2026-11-02", to: "2026-11-02", destination: "DE" }), []);
    expect(views.find((v) => v.id === "activity")!.series.map((s) => s.name)).toEqual(["started", "finished"]);
  });

  it("refuse filters that are not dates, run backwards or span more than 800 days", () => {
    expect(filtersSchema.safeParse({ from: "yesterday", to: "2026-11-02" }).success).toBe(false);
    expect(filtersSchema.safeParse({ from: "2026-11-03", to: "2026-11-02" }).success).toBe(false);
    expect(filtersSchema.safeParse({ from: "2020-01-01", to: "2026-11-02" }).success).toBe(false);
    expect(filtersSchema.safeParse({ from: "2026-11-01", to: "2026-11-02", campaign: "Robert'); DROP" }).success).toBe(false);
  });
});
