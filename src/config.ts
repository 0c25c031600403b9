// The only place that reads the environment. Everything else gets a Config.
import { z } from "zod";
import { DATABASE_WAIT_MS } from "./session/storage.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optional = <T extends z.ZodType<string>>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const base = z.object({
  BOT_TOKEN: z
    .string({ error: "is missing: talk to @BotFather in Telegram, send /newbot, and put the token it gives you in BOT_TOKEN" })
    .regex(/^\d+:[A-Za-z0-9_-]+$/, "does not look like a bot token (digits, a colon, then letters): copy it again from @BotFather"),
  TELEGRAM_API_ROOT: z.url({ error: "must be a URL such as https://api.telegram.org" }).default("https://api.telegram.org"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|postgres(ql)?:\/\/.+)$/, "must be file:<path> for SQLite or postgres://user@host/db for PostgreSQL")
    .default("file:./data/bot.db"),
  BOT_MODE: z.enum(["polling", "webhook"], { error: "must be polling or webhook" }).default("polling"),
  WEBHOOK_URL: optional(z.url({ error: "must be the public https URL Telegram posts updates to" })),
  WEBHOOK_SECRET: optional(
    z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16 to 256 characters from A-Z, a-z, 0-9, _ and -"),
  ),
  WEBHOOK_REGISTER: z.enum(["true", "false"], { error: "must be true or false" }).default("true"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(3000),
  SESSION_SECRET: optional(z.string().min(32, "must be at least 32 characters (try: openssl rand -hex 32)")),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  TRENDS_FLUSH_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).min(1).max(300).default(5),
  RATE_LIMIT_BURST: z.coerce.number({ error: (issue) => (issue.code === "invalid_type" ? "must be a number" : "must be a whole number from 1 to 1000000") }).int().min(1).max(1_000_000).default(10),
  RATE_LIMIT_PER_SECOND: z.coerce.number({ error: (issue) => (issue.code === "invalid_type" ? "must be a number" : "must be above 0 and at most 1000000") }).positive().max(1_000_000).default(1),
  BOT_PUBLISHER: optional(z.string().max(100)),
  BOT_PUBLISHER_URL: optional(z.url({ error: "must be the https URL of the page where the NGO names this bot" })),
  METRICS_TOKEN: optional(z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, "must be 16 to 256 characters from A-Z, a-z, 0-9, _ and -")),
  TRENDS_RETENTION_MONTHS: z.coerce.number({ error: "must be a number of months" }).int().min(1).max(120).default(24),
  DATABASE_WAIT_SECONDS: z.coerce.number({ error: (issue) => (issue.code === "invalid_type" ? "must be a number of seconds" : "must be from 0.1 to 60 seconds") }).min(0.1).max(60).default(DATABASE_WAIT_MS / 1000),
});

const schema = base.superRefine((env, ctx) => {
  if (Boolean(env.BOT_PUBLISHER) !== Boolean(env.BOT_PUBLISHER_URL)) {
    const missing = env.BOT_PUBLISHER ? "BOT_PUBLISHER_URL" : "BOT_PUBLISHER";
    ctx.addIssue({ code: "custom", path: [missing], message: "is required with the other: the NGO's name and the page where it names this bot" });
  }
  if (env.BOT_MODE !== "webhook") return;
  for (const key of ["WEBHOOK_URL", "WEBHOOK_SECRET", "SESSION_SECRET"] as const) {
    if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when BOT_MODE=webhook" });
  }
});

export type Env = z.infer<typeof base>;

export interface Config {
  botToken: string;
  apiRoot: string;
  databaseUrl: string;
  mode: "polling" | "webhook";
  /** `register`: set the webhook at start (false when `npm run webhook:set` does it once at deploy). */
  webhook: { url: string; path: string; secret: string; register: boolean } | undefined;
  host: string;
  port: number;
  sessionSecret: string | undefined;
  logLevel: Env["LOG_LEVEL"];
  trends: { flushEveryMs: number; retentionMonths: number };
  rateLimit: { burst: number; perSecond: number };
  /** Who runs the bot and where they name it, so users can tell it from copies. */
  publisher: { name: string; url: string } | undefined;
  /** Bearer token for GET /metrics; without one, /metrics answers only on the loopback address. */
  metricsToken: string | undefined;
  /** PostgreSQL: how long an update waits for its chat's state before the bot answers without it. */
  databaseWaitMs: number;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`);
    return { ok: false, problems };
  }
  const e = parsed.data;
  const webhook =
    e.BOT_MODE === "webhook" && e.WEBHOOK_URL && e.WEBHOOK_SECRET
      ? { url: e.WEBHOOK_URL, path: new URL(e.WEBHOOK_URL).pathname, secret: e.WEBHOOK_SECRET, register: e.WEBHOOK_REGISTER === "true" }
      : undefined;
  return {
    ok: true,
    config: {
      botToken: e.BOT_TOKEN,
      apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
      databaseUrl: e.DATABASE_URL,
      mode: e.BOT_MODE,
      webhook,
      host: e.HOST,
      port: e.PORT,
      sessionSecret: e.SESSION_SECRET,
      logLevel: e.LOG_LEVEL,
      trends: { flushEveryMs: e.TRENDS_FLUSH_SECONDS * 1000, retentionMonths: e.TRENDS_RETENTION_MONTHS },
      rateLimit: { burst: e.RATE_LIMIT_BURST, perSecond: e.RATE_LIMIT_PER_SECOND },
      metricsToken: e.METRICS_TOKEN,
      databaseWaitMs: Math.round(e.DATABASE_WAIT_SECONDS * 1000),
      publisher: e.BOT_PUBLISHER && e.BOT_PUBLISHER_URL ? { name: e.BOT_PUBLISHER, url: e.BOT_PUBLISHER_URL } : undefined,
    },
  };
}

/** For tools that need only the database (npm run db:migrate). */
export function loadDatabaseUrl(env: Record<string, string | undefined>): { ok: true; url: string } | { ok: false; problem: string } {
  const parsed = base.shape.DATABASE_URL.safeParse(env.DATABASE_URL || undefined);
  return parsed.success ? { ok: true, url: parsed.data } : { ok: false, problem: parsed.error.issues[0]?.message ?? "is invalid" };
}

export function describeProblems(problems: string[]): string {
  return [
    "Before You Go cannot start: the configuration has problems.",
    ...problems.map((p) => `  - ${p}`),
    "Set these environment variables (see the Configuration table in README.md) and start again.",
  ].join("\n");
}

/** The token the preview's bot uses with the preview's own Bot API (never sent to Telegram). */
export const PREVIEW_TOKEN = "1000000001:preview-only-not-a-telegram-token";

/** No token, not webhook mode, not production: start the preview instead of exiting. */
export function previewRequested(env: Record<string, string | undefined>): boolean {
  return !env.BOT_TOKEN && env.BOT_MODE !== "webhook" && env.NODE_ENV !== "production";
}

/**
 * Preview mode: the real bot against a local Bot API. Refused in webhook mode and in
 * production; binds to 127.0.0.1 unless PREVIEW_HOST or HOST says otherwise; keeps its state in
 * ./data/preview.db unless DATABASE_URL says otherwise; logs only warnings unless LOG_LEVEL says.
 * `apiRoot` is filled in by the preview once its Bot API listens.
 */
export function loadPreviewConfig(env: Record<string, string | undefined>): ConfigResult {
  const refusals = [
    ...(env.BOT_MODE === "webhook" ? ["BOT_MODE=webhook: the preview runs only in polling mode, on this computer"] : []),
    ...(env.NODE_ENV === "production" ? ["NODE_ENV=production: the preview is for trying the bot, never for production"] : []),
  ];
  if (refusals.length > 0) return { ok: false, problems: refusals };
  const pick = (...values: (string | undefined)[]) => values.find((v) => v !== undefined && v !== "");
  return loadConfig({
    ...env,
    BOT_TOKEN: PREVIEW_TOKEN,
    BOT_MODE: "polling",
    TELEGRAM_API_ROOT: "http://127.0.0.1",
    DATABASE_URL: pick(env.DATABASE_URL, "file:./data/preview.db"),
    HOST: pick(env.PREVIEW_HOST, env.HOST, "127.0.0.1"),
    PORT: pick(env.PREVIEW_PORT, env.PORT, "3000"),
    LOG_LEVEL: pick(env.LOG_LEVEL, "warn"),
  });
}
