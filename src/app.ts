// Wires the bot, its database and its HTTP server from a Config. main.ts and the
// end-to-end tests both start the bot through createApp, so tests run what production runs.
import type { AddressInfo } from "node:net";
import { run, type RunnerHandle } from "@grammyjs/runner";
import type { Bot } from "grammy";
import { ALLOWED_UPDATES, registerWebhook } from "./server/webhook.js";
import type { Logger } from "pino";
import type { Config } from "./config.js";
import { openDatabase, isReachable, type OpenDatabase } from "./db/client.js";
import { closeHttpConnections } from "./bot/http-fetch.js";
import { migrate } from "./db/migrate.js";
import { createTranslations } from "./i18n/index.js";
import { assembleBot } from "./bot/assemble.js";
import type { BotContext } from "./bot/context.js";
import { syncBotProfile } from "./bot/profile.js";
import { createHttpServer, type HttpServer } from "./server/http.js";
import { purgeExpiredChatState, systemClock, type Clock } from "./session/storage.js";
import { errorFields } from "./bot/errors.js";
import { createInFlight } from "./bot/in-flight.js";
import { createTrends, type Trends } from "./analytics/trends.js";
import type { BufferStats } from "./analytics/buffer.js";
import { createRateLimiter } from "./bot/rate-limit.js";
import { createMetrics } from "./metrics.js";
import { createAccounts, type Accounts } from "./dashboard/accounts.js";
import { createDashboard } from "./dashboard/routes.js";
import { createLoginLimit } from "./dashboard/login-limit.js";
import { createCommitter } from "./server/commit.js";


const PURGE_EVERY_MS = 60 * 60 * 1000;

export interface AppDeps {
  logger: Logger;
  clock?: Clock;
  /** Preview mode only: the dashboard shows counts exactly (everyone there is the person trying it). */
  exactCounts?: boolean;
  /** Extra HTTP routes on the bot's server (preview mode's chat page). */
  routes?: Parameters<typeof createHttpServer>[0]["routes"];
}

export interface App {
  start(): Promise<AddressInfo>;
  stop(): Promise<void>;
  /** Resolves when no update is being handled (the updates in flight now are done). */
  settled(): Promise<void>;
  /** Waits for the updates in flight, then writes the buffered trend counters (a timer does it otherwise). */
  flushTrends(): Promise<boolean>;
  /** The sizes of what the process keeps in memory, each bounded (for tests and /metrics). */
  stats(): { trends: BufferStats | undefined; rateLimitedChats: number };
}

export function createApp(config: Config, deps: AppDeps): App {
  const { logger } = deps;
  const clock = deps.clock ?? systemClock;
  let database: OpenDatabase | undefined;
  let bot: Bot<BotContext> | undefined;
  let server: HttpServer | undefined;
  let runner: RunnerHandle | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  let trends: Trends | undefined;
  let accounts: Accounts | undefined;
  const inFlight = createInFlight();
  const rateLimiter = createRateLimiter(clock, config.rateLimit);
  const metrics = createMetrics({
    trendCounters: () => trends?.stats().counters ?? 0,
    trendPendingUpdates: () => trends?.stats().pendingUpdates ?? 0,
    trendFlushFailures: () => trends?.stats().flushFailures ?? 0,
    rateLimitedChats: () => rateLimiter.size,
  });

  const purge = async () => {
    try {
      const count = await purgeExpiredChatState(database!.db, clock);
      if (count > 0) logger.info({ count }, "purged expired chat state");
      await accounts!.purgeSessions();
      const old = await trends!.purge();
      if (old.counters + old.seen > 0) logger.info(old, "purged old trend counters and seen update ids");
    } catch (error) {
      logger.warn(errorFields(error), "purge failed");
    }
  };

  return {
    async start() {
      const applied = await migrate(config.databaseUrl);
      if (applied.length > 0) logger.info({ applied }, "database migrated");
      database = await openDatabase(config.databaseUrl, {
        backgroundCheckpoints: true,
        onCheckpointerFailure: (error) => logger.warn(errorFields(error), "the checkpoint worker failed: SQLite checkpoints on the bot's thread again"),
      });
      if (database.provider === "sqlite" && !database.checkpointer) logger.warn("the checkpoint worker did not start: SQLite checkpoints on the bot's thread");
      const { db } = database;
      accounts = createAccounts(db, clock);
      trends = createTrends({ db, sql: database.sql, provider: database.provider, clock, logger, ...config.trends });
      await trends.start();
      const assembled = await assembleBot(config, { db, sql: database.sql, provider: database.provider, clock, logger, inFlight, rateLimiter, trends, metrics, databaseWaitMs: config.databaseWaitMs });
      const { translations } = assembled;
      bot = assembled.bot;
      await bot.init();
      await syncBotProfile(bot.api, translations, db, logger);
      await purge();
      purgeTimer = setInterval(() => void purge(), PURGE_EVERY_MS);
      purgeTimer.unref();

      const activeBot = bot;
      const committer = createCommitter({ sql: database.sql, provider: database.provider, trends, clock, logger, metrics });

      const dashboard = createDashboard({
        db,
        accounts,
        campaigns: trends.campaigns,
        limit: createLoginLimit(clock),
        clock,
        logger,
        dashboardText: createTranslations(undefined, "dashboard"),
        botText: translations,
        botUsername: () => activeBot.botInfo.username,
        exactCounts: deps.exactCounts === true,
      });
      server = createHttpServer({
        logger,
        isReady: () => isReachable(db),
        dashboard,
        metrics: { registry: metrics.registry, token: config.metricsToken },
        ...(deps.routes ? { routes: deps.routes } : {}),
        ...(config.webhook
          ? {
              webhook: {
                path: config.webhook.path,
                secret: config.webhook.secret,
                handle: async (u) => ((await committer.handle(u.update_id, () => activeBot.handleUpdate(u))) === "retry" ? "retry" : "done"),
              },
            }
          : {}),
      });
      const address = await server.listen(config.port, config.host);

      if (config.mode === "webhook" && config.webhook) {
        if (config.webhook.register) await registerWebhook(bot.api, config.webhook);
      } else {
        await bot.api.deleteWebhook();
        runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      }
      logger.info({ mode: config.mode, port: address.port, bot: bot.botInfo.username }, "bot started");
      return address;
    },

    async stop() {
      if (runner?.isRunning()) await runner.stop();
      await server?.close();
      await inFlight.drained();
      if (purgeTimer) clearInterval(purgeTimer);
      await trends?.stop();
      await database?.close();
      await closeHttpConnections();
      logger.info("bot stopped");
    },

    settled: () => inFlight.drained(),
    stats: () => ({ trends: trends?.stats(), rateLimitedChats: rateLimiter.size }),
    flushTrends: async () => {
      await inFlight.drained();
      return trends?.flush() ?? true;
    },
  };
}
