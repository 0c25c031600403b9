// Builds the bot. Importing this file starts nothing.
//
// Middleware order, top to bottom:
//   0. in flight         counts updates being handled, for graceful shutdown
//   1. sequentialize     one update at a time per chat (the runner's, used in both modes)
//      trends            ctx.trends counts events for this update (once, even if delivered twice)
//   2. error boundary    any failure below: a translated apology with a way back to the menu
//   3. inline queries    "@bot <country>" from any chat: a help card to share (no session)
//      private chats     the bot answers only in private chats; everything else stops here
//   4. session           chat state, keyed by an HMAC of the chat id, never the id itself
//   5. language          ctx.lang and ctx.t; after the update, the chat counts once a day
//   6. conversations     ctx.conversation (state in the same table, also keyed by HMAC)
//   7. global escapes    /start, /menu, /cancel leave any conversation; /help, /privacy answer;
//                        SOS (/sos, "help", "ajutor", …) and the help buttons answer without leaving it
//   8. conversations' own middleware and the features
//   9. unhandled         the menu for anything no feature took
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
import { languageFeature } from "./features/language.js";
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

export interface BotDeps {
  translations: Translations;
  /** Holds sessions ("s:" keys) and conversations ("c:" keys). */
  storage: StateStorage<unknown>;
  sessionSecret: string;
  logger: Logger;
  apiRoot: string;
  inFlight: InFlight;
  trends: Trends;
  offer: Omit<OfferDeps, "translations">;
  help: Omit<HelpDeps, "translations">;
  rights: RightsDeps;
  botInfo?: UserFromGetMe;
}

export function createBot(token: string, deps: BotDeps): Bot<BotContext> {
  const { translations, storage, sessionSecret, logger } = deps;
  const client: BotConfig<BotContext>["client"] = { apiRoot: deps.apiRoot };
  const bot = new Bot<BotContext>(token, { client, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  const keyOf = (chatId: number | undefined) => (chatId === undefined ? undefined : chatKey(sessionSecret, chatId));

  bot.use(deps.inFlight.middleware);
  bot.use(sequentialize((ctx) => ctx.chatId?.toString()));
  bot.use((ctx, next) => {
    const context = () => ({ campaign: ctx.session?.campaign, language: ctx.lang, destination: ctx.session?.destination });
    ctx.trends = deps.trends.recorder(ctx.update.update_id, context);
    return next();
  });
  const safe = bot.errorBoundary((error) => apologise(error, translations, logger));

  // Inline queries come from any chat and carry no chat: answered here, with no session.
  safe.use(inlineFeature({ translations, packs: deps.rights.packs }));
  safe.filter((ctx) => ctx.chat?.type === "private").use(
    session<SessionData, BotContext>({
      initial: () => ({}),
      getSessionKey: (ctx) => {
        const key = keyOf(ctx.chatId);
        return key && `s:${key}`;
      },
      storage: storage as StateStorage<SessionData>,
    }),
    async (ctx, next) => {
      ctx.lang = resolveLanguage({ saved: ctx.session.language, telegram: ctx.from?.language_code });
      ctx.t = translations.t(ctx.lang);
      try {
        await next();
      } finally {
        // After the update, so that a /start link's campaign and language count for the day.
        if (ctx.chatId !== undefined) deps.trends.see(ctx.chatId, { campaign: ctx.session.campaign, language: ctx.lang });
      }
    },
    conversations<BotContext, BotContext>({
      storage: { type: "key", adapter: storage as never, getStorageKey: (ctx) => keyOf(ctx.chatId), prefix: "c:" },
    }),
    escapesFeature(translations),
    helpFeature({ translations, ...deps.help }),
    languageFeature(translations),
    offerFeature({ translations, ...deps.offer }),
    rightsFeature(deps.rights),
    prepareFeature({ packs: deps.rights.packs }),
    menuFeature(),
    privacyFeature(),
    unhandledFeature(),
  );

  bot.catch((error) => apologise(error, translations, logger));
  return bot;
}
