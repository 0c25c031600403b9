// The export formats of the trends (documented in docs/trends.md; keep them stable).
// CSV: one header line, then one line per cell and one "total" line per series:
//   view,series,key,value
// JSON: { format, filters, views: [{ id, kind, series: [{ name, total, cells: [{ key, value }] }] }] }
// A value is a whole number (rounded to 5), "<10", or "hidden" (secondary suppression).
import type { ShownView } from "./suppress.js";
import type { Filters } from "./views.js";

export const EXPORT_FORMAT = "before-you-go.trends.v1";

export function toJson(views: ShownView[], filters: Filters): string {
  return JSON.stringify({ format: EXPORT_FORMAT, filters, views }, null, 2);
}

const csvField = (value: string | number) => (/[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

export function toCsv(views: ShownView[]): string {
  const lines = ["view,series,key,value"];
  for (const view of views) {
    for (const series of view.series) {
      for (const cell of series.cells) lines.push([view.id, series.name, cell.key, cell.value].map(csvField).join(","));
      lines.push([view.id, series.name, "total", series.total].map(csvField).join(","));
    }
  }
  return `${lines.join("\n")}\n`;
}
