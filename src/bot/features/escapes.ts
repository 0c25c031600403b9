// Commands that work at any moment, even in the middle of a conversation.
// Registered before the conversations: /start, /menu and /cancel leave whatever is running;
// /help and /privacy answer and leave the conversation where it was.
import { FeatureComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import { parseStartPayload } from "../../links/payload.js";
import type { Translations } from "../../i18n/index.js";
import { showMenu } from "./menu.js";
import { sendPrivacy, type Official } from "./privacy.js";
import { backToMenuKeyboard } from "../keyboards.js";
import { inFlow, leaveFlows } from "../flows.js";

export function escapesFeature(translations: Translations, official: Official): FeatureComposer<BotContext> {
  const composer = new FeatureComposer<BotContext>();

  composer.command("start", async (ctx) => {
    await leaveFlows(ctx);
    const payload = parseStartPayload(ctx.match);
    if (payload?.campaign) ctx.session.campaign = payload.campaign;
    if (payload?.destination) ctx.session.destination = payload.destination;
    if (payload?.language) {
      ctx.session.language = payload.language;
      ctx.lang = payload.language;
      ctx.t = translations.t(payload.language);
    }
    ctx.trends.count("start", payload ? "link" : "plain");
    await showMenu(ctx, `${ctx.t("start.greeting")}\n${ctx.t("start.keeps")}\n${ctx.t("start.safety")}`);
  });

  composer.command("menu", async (ctx) => {
    await leaveFlows(ctx);
    await showMenu(ctx);
  });

  composer.command("cancel", async (ctx) => {
    const running = inFlow(ctx);
    await leaveFlows(ctx);
    await showMenu(ctx, running ? ctx.t("cancel.done") : ctx.t("cancel.nothing"));
  });

  composer.command("help", async (ctx) => {
    await ctx.reply(ctx.t("help.text"), { parse_mode: "HTML", reply_markup: backToMenuKeyboard(ctx.t) });
  });

  composer.command("privacy", (ctx) => sendPrivacy(ctx, official));

  return composer;
}
