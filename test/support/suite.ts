// One bot, its Telegram and its database for a whole test file, started as production starts
// it and stopped afterwards.
import { afterAll, beforeAll } from "vitest";
import { startTelegram, type Harness } from "./telegram.js";
import { botConfig, startBot, type RunningBot } from "./bot.js";
import { createTestDatabase, type Kind, type TestDatabase } from "./databases.js";
import type { Clock } from "../../src/session/storage.js";

export interface BotSuite {
  telegram: Harness;
  database: TestDatabase;
  bot: RunningBot;
  /** Every log line of every bot started in the suite. */
  logs: Record<string, unknown>[];
  /** Stops the bot and starts it again on the same database, as a deploy or a crash would. */
  restart(): Promise<void>;
}

export function useBot(kind: Kind = "sqlite", mode: "polling" | "webhook" = "polling", options: { clock?: Clock; env?: Record<string, string> } = {}): BotSuite {
  const suite = { logs: [] } as unknown as BotSuite;
  beforeAll(async () => {
    suite.telegram = await startTelegram();
    suite.database = await createTestDatabase(kind);
    suite.bot = await startBot(await botConfig(suite.telegram, suite.database.url, mode, options.env), suite.logs, options.clock);
    suite.restart = async () => {
      await suite.bot.stop();
      suite.bot = await startBot(suite.bot.config, suite.logs, options.clock);
    };
  });
  afterAll(async () => {
    await suite.bot?.stop();
    await suite.telegram?.stop();
    await suite.database?.drop();
  });
  return suite;
}
