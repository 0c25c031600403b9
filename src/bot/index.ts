// Builds the bot. Importing this file starts nothing.
//
// Middleware order, top to bottom:
//   0. in flight         counts updates being handled, for graceful shutdown
//   1. rate limit        per chat: over the limit, the update is dropped without a reply
//   2. sequentialize     one update at a time per chat (the runner's, used in both modes)
//   3. trends            ctx.trends counts events for this update (once, even if delivered twice)
//   4. error boundary    any failure below: a translated apology with a way back to the menu
//   5. inline queries    "@bot <country>" from any chat: a help card to share (no session)
//      private chats     the bot answers only in private chats; everything else stops here
//   6. session           chat state, keyed by an HMAC of the chat id, never the id itself
//   7. language          ctx.lang and ctx.t; after the update, the chat counts once a day
//   8. recent messages   ids of the last 48 hours' messages, for /forget
//   9. conversations     ctx.conversation, for the language picker (its state rides in the
//                        session row, scrubbed of ids); run only where a conversation is stored
//                        or opened (conversing.ts)
//  10. bad buttons       callback data outside the known patterns: answered, counted, ignored
//      without memory    if the database could not be read: help, rights and the menu still
//                        answer; anything that needs the chat's state says "try again in a minute"
//  11. global escapes    /start, /menu, /cancel leave any check or conversation; /help, /privacy answer;
//                        /forget, SOS (/sos, "help", "ajutor", …) and the help buttons answer
//                        without leaving it
//  12. the language picker's conversation and the features (the two offer checks keep their
//      state in the session and take a chat's updates first while they run: features/guided.ts,
//      features/pasted.ts)
//  13. unhandled         the menu for anything no feature took
import { Bot, session, type BotConfig } from "grammy";
import { sequentialize } from "@grammyjs/runner";
import { conversations } from "@grammyjs/conversations";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { BotContext, SessionData } from "./context.js";
import type { Translations } from "../i18n/index.js";
import { resolveLanguage } from "../i18n/languages.js";
import type { StateStorage } from "../session/storage.js";
import { chatKey } from "../session/keys.js";
import { escapesFeature } from "./features/escapes.js";
import { languageFeature, opensLanguagePicker } from "./features/language.js";
import { conversing } from "./conversing.js";
import { menuFeature } from "./features/menu.js";
import { privacyFeature } from "./features/privacy.js";
import { unhandledFeature } from "./features/unhandled.js";
import { offerFeature, type OfferDeps } from "./features/offer.js";
import { helpFeature, type HelpDeps } from "./features/help.js";
import { rightsFeature, type RightsDeps } from "./features/rights.js";
import { prepareFeature } from "./features/prepare.js";
import { inlineFeature } from "./features/inline.js";
import { apologise } from "./errors.js";
import type { InFlight } from "./in-flight.js";
import type { Trends } from "../analytics/trends.js";
import { degradableStorage, type Clock } from "../session/storage.js";
import { createSentMessages, installTransformers, retryTransformer } from "./api-transformers.js";
import { recentMessages } from "./recent-messages.js";
import { conversationStorage } from "../session/conversation-storage.js";
import { rateLimit, type RateLimiter } from "./rate-limit.js";
import { forgetFeature } from "./features/forget.js";
import { withoutMemory } from "./features/without-memory.js";
import { FeatureComposer } from "./composer.js";
import { answerButtons } from "./answer-buttons.js";
import { parseCallback } from "./callbacks.js";
import type { Official } from "./features/privacy.js";
import { updateType, type Metrics } from "../metrics.js";
import { httpFetch } from "./http-fetch.js";

export interface BotDeps {
  translations: Translations;
  /** Holds sessions ("s:" keys), each with its chat's conversation under way. */
  storage: StateStorage<unknown>;
  sessionSecret: string;
  logger: Logger;
  apiRoot: string;
  inFlight: InFlight;
  trends: Trends;
  clock: Clock;
  rateLimiter: RateLimiter;
  publisher: Official["publisher"];
  metrics?: Metrics;
  offer: OfferDeps;
  help: Omit<HelpDeps, "translations">;
  rights: RightsDeps;
  botInfo?: UserFromGetMe;
}

export function createBot(token: string, deps: BotDeps): Bot<BotContext> {
  const { translations, storage, sessionSecret, logger } = deps;
  // undici's pool rather than grammY's node-fetch: less CPU per call (http-fetch.ts).
  const client: BotConfig<BotContext>["client"] = { apiRoot: deps.apiRoot, fetch: httpFetch as never };
  const bot = new Bot<BotContext>(token, { client, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  const keyOf = (chatId: number | undefined) => (chatId === undefined ? undefined : chatKey(sessionSecret, chatId));
  const sent = createSentMessages();
  // Installed in this order, each wraps the one before: the metrics see every attempt the retries make.
  const transformers = [...(deps.metrics ? [deps.metrics.apiTransformer] : []), retryTransformer(), sent.transformer];
  installTransformers(bot.api, transformers);
  const official: Official = { username: () => bot.botInfo.username, publisher: deps.publisher };

  const failed = new WeakSet<object>();
  const dropped = new WeakSet<object>();
  // One chain walked by index (composer.ts), used once: each of grammY's own `bot.use` would
  // wrap the chain so far in two more async functions, alive for as long as the update is.
  const top = new FeatureComposer<BotContext>();
  bot.use(top);
  top.use(deps.inFlight.middleware);
  if (deps.metrics) {
    const { updates, handlerSeconds } = deps.metrics;
    top.use(async (ctx, next) => {
      const type = updateType(ctx.update);
      const done = handlerSeconds.startTimer({ type });
      try {
        await next();
      } finally {
        done();
        updates.inc({ type, outcome: dropped.has(ctx) ? "dropped" : failed.has(ctx) ? "error" : "ok" });
      }
    });
  }
  top.use(rateLimit<BotContext>(deps.rateLimiter, (ctx) => dropped.add(ctx)));
  top.use(answerButtons(logger));
  top.use(sequentialize((ctx) => ctx.chatId?.toString()));
  top.use((ctx, next) => {
    // Passed unnamed: a named closure made per update costs a name set on it under tsx (npm start).
    ctx.trends = deps.trends.recorder(ctx.update.update_id, () => ({ campaign: ctx.session?.campaign, language: ctx.lang, destination: ctx.session?.destination }));
    return next();
  });
  const safe = new FeatureComposer<BotContext>();
  top.errorBoundary((error) => {
    failed.add(error.ctx);
    return apologise(error, translations, logger);
  }, safe);

  // Inline queries come from any chat and carry no chat: answered here, with no session.
  safe.use(inlineFeature({ translations, packs: deps.rights.packs }));
  safe.filter((ctx) => ctx.chat?.type === "private").use(
    session<SessionData, BotContext>({
      initial: () => ({}),
      getSessionKey: (ctx) => {
        const key = keyOf(ctx.chatId);
        return key && `s:${key}`;
      },
      storage: degradableStorage(storage as StateStorage<SessionData>),
    }),
    async (ctx, next) => {
      ctx.lang = resolveLanguage({ saved: ctx.session.language, telegram: ctx.from?.language_code });
      ctx.t = translations.t(ctx.lang);
      try {
        await next();
      } finally {
        // After the update, so that a /start link's campaign and language count for the day.
        if (ctx.chatId !== undefined) deps.trends.see(ctx.chatId, { campaign: ctx.session?.campaign, language: ctx.lang });
      }
    },
    recentMessages(sent, deps.clock),
    conversing(
      conversations<BotContext, BotContext>({
        storage: conversationStorage<BotContext, never>() as never,
        // Contexts inside conversations get a fresh Api: the same transformers go on it.
        plugins: [
          (ctx, next) => {
            installTransformers(ctx.api, transformers);
            return next();
          },
        ],
      }),
      opensLanguagePicker,
    ),
    // A button the bot never made (answered at the top, as every button is): counted, no more.
    async (ctx, next) => {
      if (!ctx.callbackQuery || parseCallback(ctx.callbackQuery.data) !== undefined) return next();
      ctx.trends.count("invalid", "button");
    },
    withoutMemory(deps.help.isSos),
    escapesFeature(translations, official),
    forgetFeature(logger),
    helpFeature({ translations, ...deps.help }),
    languageFeature(translations),
    offerFeature(deps.offer),
    rightsFeature(deps.rights),
    prepareFeature({ packs: deps.rights.packs }),
    menuFeature(),
    privacyFeature(official),
    unhandledFeature(),
  );

  bot.catch((error) => apologise(error, translations, logger));
  return bot;
}
