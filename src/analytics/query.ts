// Reads the counter rows a set of filters selects, summed over what the views do not split by.
import type { Database } from "../db/client.js";
import type { Filters, Row } from "./views.js";

export async function loadRows(db: Database, filters: Filters): Promise<Row[]> {
  const groups = await db.counter.groupBy({
    by: ["day", "campaign", "language", "metric", "value"],
    where: {
      day: { gte: filters.from, lte: filters.to },
      ...(filters.destination ? { destination: filters.destination } : {}),
      ...(filters.campaign ? { campaign: filters.campaign } : {}),
      ...(filters.language ? { language: filters.language } : {}),
    },
    _sum: { count: true },
  });
  return groups.map((g) => ({ day: g.day, campaign: g.campaign, language: g.language, metric: g.metric, value: g.value, count: g._sum.count ?? 0 }));
}
