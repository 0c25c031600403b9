import { describe, expect, it } from "vitest";
import { describeProblems, loadConfig, loadPreviewConfig, previewRequested } from "../../src/config.js";

const TOKEN = "123456:ABC-def_ghi";

describe("configuration from the environment", () => {
  it("needs only a bot token, and fills in the documented defaults", () => {
    const result = loadConfig({ BOT_TOKEN: TOKEN });
    expect(result).toEqual({
      ok: true,
      config: {
        botToken: TOKEN,
        apiRoot: "https://api.telegram.org",
        databaseUrl: "file:./data/bot.db",
        mode: "polling",
        webhook: undefined,
        host: "0.0.0.0",
        port: 3000,
        sessionSecret: undefined,
        logLevel: "info",
        trends: { flushEveryMs: 5000, retentionMonths: 24 },
        rateLimit: { burst: 10, perSecond: 1 },
        publisher: undefined,
        metricsToken: undefined,
        databaseWaitMs: 5000,
      },
    });
  });

  it("explains how to get a token from BotFather when there is none", () => {
    const result = loadConfig({});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^BOT_TOKEN is missing: .*@BotFather.*\/newbot/);
  });

  it("names every bad variable at once", () => {
    const result = loadConfig({
      BOT_TOKEN: "not a token",
      DATABASE_URL: "mysql://x",
      BOT_MODE: "push",
      PORT: "eighty",
      LOG_LEVEL: "loud",
      TELEGRAM_API_ROOT: "nowhere",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const named = result.problems.map((p) => p.split(" ")[0]).sort();
    expect(named).toEqual(["BOT_MODE", "BOT_TOKEN", "DATABASE_URL", "LOG_LEVEL", "PORT", "TELEGRAM_API_ROOT"]);
    const message = describeProblems(result.problems);
    expect(message).toContain("  - PORT must be a port number");
    expect(message).toContain("README.md");
  });

  it("requires the webhook URL, its secret and the session secret in webhook mode", () => {
    const result = loadConfig({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.sort()).toEqual([
      "SESSION_SECRET is required when BOT_MODE=webhook",
      "WEBHOOK_SECRET is required when BOT_MODE=webhook",
      "WEBHOOK_URL is required when BOT_MODE=webhook",
    ]);
  });

  it("serves the webhook at the path of WEBHOOK_URL, so a reverse proxy can map it", () => {
    const result = loadConfig({
      BOT_TOKEN: TOKEN,
      BOT_MODE: "webhook",
      WEBHOOK_URL: "https://bot.example.org/hooks/tg?x=1",
      WEBHOOK_SECRET: "s3cret_s3cret_s3cret",
      SESSION_SECRET: "x".repeat(32),
      PORT: "8080",
    });
    expect(result.ok && result.config.webhook).toEqual({
      url: "https://bot.example.org/hooks/tg?x=1",
      path: "/hooks/tg",
      secret: "s3cret_s3cret_s3cret",
      register: true,
    });
    expect(result.ok && result.config.port).toBe(8080);
  });

  it("rejects a short session secret and a webhook secret Telegram would refuse", () => {
    const result = loadConfig({ BOT_TOKEN: TOKEN, SESSION_SECRET: "short", WEBHOOK_SECRET: "has spaces in it!!" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(" ")[0]).sort()).toEqual(["SESSION_SECRET", "WEBHOOK_SECRET"]);
  });

  it("switches to PostgreSQL with a postgres URL and treats empty values as unset", () => {
    const result = loadConfig({ BOT_TOKEN: TOKEN, DATABASE_URL: "postgresql://u@db/bot", SESSION_SECRET: "" });
    expect(result.ok && result.config.databaseUrl).toBe("postgresql://u@db/bot");
    expect(result.ok && result.config.sessionSecret).toBeUndefined();
  });

  it("takes how long an update waits for the database in seconds, within reason", () => {
    const result = loadConfig({ BOT_TOKEN: TOKEN, DATABASE_WAIT_SECONDS: "0.5" });
    expect(result.ok && result.config.databaseWaitMs).toBe(500);
    for (const bad of ["0", "61", "soon"]) {
      const refused = loadConfig({ BOT_TOKEN: TOKEN, DATABASE_WAIT_SECONDS: bad });
      expect(refused.ok, bad).toBe(false);
      if (!refused.ok) expect(refused.problems[0]).toMatch(/^DATABASE_WAIT_SECONDS must be (from 0\.1 to 60 seconds|a number of seconds)$/);
    }
  });
});

describe("preview mode", () => {
  it("is what a start without a token means, except in webhook mode and in production", () => {
    expect(previewRequested({})).toBe(true);
    expect(previewRequested({ BOT_TOKEN: TOKEN })).toBe(false);
    expect(previewRequested({ BOT_MODE: "webhook" })).toBe(false);
    expect(previewRequested({ NODE_ENV: "production" })).toBe(false);
  });

  it("binds to this machine, polls, and keeps its own database unless told otherwise", () => {
    const result = loadPreviewConfig({});
    expect(result.ok && result.config).toMatchObject({ host: "127.0.0.1", port: 3000, mode: "polling", databaseUrl: "file:./data/preview.db", logLevel: "warn", webhook: undefined });
    const told = loadPreviewConfig({ PREVIEW_HOST: "0.0.0.0", PREVIEW_PORT: "8080", DATABASE_URL: "file:/tmp/x.db" });
    expect(told.ok && told.config).toMatchObject({ host: "0.0.0.0", port: 8080, databaseUrl: "file:/tmp/x.db" });
  });

  it("is refused in webhook mode and in production", () => {
    const result = loadPreviewConfig({ BOT_MODE: "webhook", NODE_ENV: "production" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.split(":")[0])).toEqual(["BOT_MODE=webhook", "NODE_ENV=production"]);
  });
});
