// Starts the bot the way production does (createApp from a Config) against the test Telegram.
import { Writable } from "node:stream";
import { loadConfig, type Config } from "../../src/config.js";
import { createApp, type App } from "../../src/app.js";
import { createLogger } from "../../src/logger.js";
import type { Clock } from "../../src/session/storage.js";
import { TEST_TOKEN, type Harness } from "./telegram.js";
import { freePort } from "./ports.js";

export const WEBHOOK_SECRET = "test_webhook_secret_0123456789";

export interface RunningBot {
  app: App;
  config: Config;
  port: number;
  /** Every log line the bot wrote, parsed. */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function botConfig(telegram: Harness, databaseUrl: string, mode: "polling" | "webhook", extra: Record<string, string> = {}) {
  const port = await freePort();
  const env: Record<string, string> = {
    BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_URL: databaseUrl,
    BOT_MODE: mode,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "info",
    // Test users tap faster than people; the rate limit has its own tests.
    RATE_LIMIT_BURST: "10000",
    ...(mode === "webhook"
      ? {
          WEBHOOK_URL: `http://127.0.0.1:${port}/telegram/webhook`,
          WEBHOOK_SECRET,
          SESSION_SECRET: "a-test-session-secret-that-is-long-enough",
        }
      : {}),
    ...extra,
  };
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join("; "));
  return result.config;
}

/** `logs` collects the log lines; pass the same array to keep them across restarts. */
export async function startBot(config: Config, logs: Record<string, unknown>[] = [], clock?: Clock): Promise<RunningBot> {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = createApp(config, { logger: createLogger(config.logLevel, sink), ...(clock ? { clock } : {}) });
  const address = await app.start();
  return { app, config, port: address.port, logs, stop: () => app.stop() };
}
