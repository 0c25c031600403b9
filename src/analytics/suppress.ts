// Small counts are never shown. Every count under 10 is shown as "<10", every other count is
// rounded to the nearest 5, and where a series shows its total, a single "<10" cell could be
// worked out from the total and the other cells: then the next smallest cell is hidden too.
// The dashboard, the exports and the report CLI all go through here; raw counts never leave.
import type { Series, View } from "./views.js";

export type Shown = number | "<10" | "hidden";

export interface ShownCell {
  key: string;
  value: Shown;
}
export interface ShownSeries {
  name: string;
  cells: ShownCell[];
  total: Shown;
}
export interface ShownView {
  id: View["id"];
  kind: View["kind"];
  series: ShownSeries[];
}

export const THRESHOLD = 10;
export const ROUND_TO = 5;

/** One count as it may be shown. */
export function shown(count: number): Shown {
  return count < THRESHOLD ? "<10" : Math.round(count / ROUND_TO) * ROUND_TO;
}

export function suppressSeries(series: Series): ShownSeries {
  const cells: ShownCell[] = series.cells.map((c) => ({ key: c.key, value: shown(c.count) }));
  const small = cells.filter((c) => c.value === "<10");
  // Secondary suppression: one small cell next to a shown total could be worked out.
  if (small.length === 1 && cells.length > 1) {
    const others = series.cells.map((c, i) => ({ ...c, i })).filter((c) => cells[c.i]!.value !== "<10");
    others.sort((a, b) => a.count - b.count || (a.key < b.key ? -1 : 1));
    cells[others[0]!.i]!.value = "hidden";
  }
  return { name: series.name, cells, total: shown(series.cells.reduce((sum, c) => sum + c.count, 0)) };
}

export function suppressView(view: View): ShownView {
  return { id: view.id, kind: view.kind, series: view.series.map(suppressSeries) };
}

/**
 * Preview mode only: every count as it is. Everyone in a preview is the person trying it on
 * their own computer; the real dashboard never calls this.
 */
export function exactView(view: View): ShownView {
  return {
    id: view.id,
    kind: view.kind,
    series: view.series.map((s) => ({ name: s.name, cells: s.cells.map((c) => ({ key: c.key, value: c.count })), total: s.cells.reduce((sum, c) => sum + c.count, 0) })),
  };
}

/** The number a chart draws for a shown value: "<10" and "hidden" draw as nothing. */
export const plotted = (value: Shown): number => (typeof value === "number" ? value : 0);
