// The bot with everything it needs loaded: translations, content, the offer engine, session
// storage. app.ts starts it for real; the benchmark drives the very same bot in-process.
import type { Logger } from "pino";
import type { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Provider } from "../db/provider.js";
import type { Sql } from "../db/sql.js";
import { createTranslations, type Translations } from "../i18n/index.js";
import { loadPacks } from "../content/countries.js";
import { loadOfferEngine } from "../offer/engine.js";
import { loadQuestions } from "../offer/questions.js";
import { loadSosWords } from "../content/sos.js";
import { resolveSessionSecret } from "../session/secret.js";
import { createChatStateStorage, DATABASE_WAIT_MS, withReadWait, type Clock } from "../session/storage.js";
import type { Trends } from "../analytics/trends.js";
import type { InFlight } from "./in-flight.js";
import type { RateLimiter } from "./rate-limit.js";
import type { BotContext } from "./context.js";
import { createBot } from "./index.js";
import type { Metrics } from "../metrics.js";
import type { StateStorage } from "../session/storage.js";

/** The storage, with each failure counted for /metrics. */
function counted<T>(storage: StateStorage<T>, metrics: Metrics | undefined): StateStorage<T> {
  if (!metrics) return storage;
  const count = <R>(operation: string, run: () => Promise<R>) =>
    run().catch((error: unknown) => {
      metrics.databaseErrors.inc({ operation });
      throw error;
    });
  return {
    read: (key) => count("session_read", () => storage.read(key)),
    write: (key, value) => count("session_write", () => storage.write(key, value)),
    delete: (key) => count("session_delete", () => storage.delete(key)),
  };
}

export interface AssembleDeps {
  db: Database;
  /** Where chat state is read and written (the adapter, past Prisma's client: src/db/sql.ts). */
  sql: Sql;
  provider: Provider;
  clock: Clock;
  logger: Logger;
  inFlight: InFlight;
  rateLimiter: RateLimiter;
  trends: Trends;
  /** Known already (the benchmark): no getMe call. */
  botInfo?: UserFromGetMe;
  metrics?: Metrics;
  /** PostgreSQL: how long an update waits for its chat's state (DATABASE_WAIT_SECONDS). SQLite reads never wait on a network. */
  databaseWaitMs?: number;
}

export async function assembleBot(
  config: Pick<Config, "botToken" | "apiRoot" | "sessionSecret" | "publisher">,
  deps: AssembleDeps,
): Promise<{ bot: Bot<BotContext>; translations: Translations }> {
  const translations = createTranslations();
  const packs = loadPacks();
  const engine = loadOfferEngine();
  const chatState = createChatStateStorage(deps.sql, deps.provider, deps.clock);
  const bot = createBot(config.botToken, {
    translations,
    storage: counted(deps.provider === "postgres" ? withReadWait(chatState, deps.databaseWaitMs ?? DATABASE_WAIT_MS) : chatState, deps.metrics),
    sessionSecret: await resolveSessionSecret(deps.db, config.sessionSecret),
    logger: deps.logger,
    apiRoot: config.apiRoot,
    inFlight: deps.inFlight,
    trends: deps.trends,
    clock: deps.clock,
    rateLimiter: deps.rateLimiter,
    publisher: config.publisher,
    offer: { engine, questions: loadQuestions() },
    help: { packs, isSos: loadSosWords() },
    rights: { packs, minimumWages: engine.wages.minimumWages },
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  return { bot, translations };
}
