// Prometheus metrics (prom-client), one registry per app: what an operator watches when a
// campaign brings a crowd or the database stumbles. Served at GET /metrics (server/http.ts).
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Transformer } from "grammy";

export interface Metrics {
  registry: Registry;
  updates: Counter<"type" | "outcome">;
  handlerSeconds: Histogram<"type">;
  telegramErrors: Counter<"method" | "code">;
  databaseErrors: Counter<"operation">;
  /** Records each Bot API attempt that failed; installed below the retries, it sees every one. */
  apiTransformer: Transformer;
}

export interface Gauges {
  trendCounters(): number;
  trendPendingUpdates(): number;
  trendFlushFailures(): number;
  rateLimitedChats(): number;
}

export function createMetrics(gauges: Gauges): Metrics {
  const registry = new Registry();
  const updates = new Counter({ name: "byg_updates_total", help: "Updates handled, by type and outcome (ok, error, dropped by the rate limit)", labelNames: ["type", "outcome"], registers: [registry] });
  const handlerSeconds = new Histogram({
    name: "byg_update_handler_seconds",
    help: "Time to handle an update, Bot API calls and database included",
    labelNames: ["type"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const telegramErrors = new Counter({ name: "byg_telegram_api_errors_total", help: "Bot API calls that failed (each attempt; 429 and 5xx are retried)", labelNames: ["method", "code"], registers: [registry] });
  const databaseErrors = new Counter({ name: "byg_database_errors_total", help: "Database operations that failed", labelNames: ["operation"], registers: [registry] });
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
  gauge("byg_trends_buffer_counters", "Trend counters waiting in memory for the next flush", gauges.trendCounters);
  gauge("byg_trends_buffer_pending_updates", "Updates whose trend counts wait for their dedupe", gauges.trendPendingUpdates);
  gauge("byg_trends_flush_failures", "Trend flushes the database refused since start", gauges.trendFlushFailures);
  gauge("byg_rate_limited_chats", "Chats the rate limiter remembers", gauges.rateLimitedChats);

  const apiTransformer: Transformer = async (prev, method, payload, signal) => {
    try {
      const response = await prev(method, payload, signal);
      if (!response.ok) telegramErrors.inc({ method, code: String(response.error_code) });
      return response;
    } catch (error) {
      telegramErrors.inc({ method, code: "network" });
      throw error;
    }
  };
  return { registry, updates, handlerSeconds, telegramErrors, databaseErrors, apiTransformer };
}

/** The kind of an update, for labels: message, callback_query, inline_query… */
export const updateType = (update: object): string => Object.keys(update).find((k) => k !== "update_id") ?? "unknown";
