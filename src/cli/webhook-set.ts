// npm run --silent webhook:set: registers the webhook once, at deploy, for every replica
// (which then start with WEBHOOK_REGISTER=false). Reads the same environment as the bot.
import { Api } from "grammy";
import { describeProblems, loadConfig } from "../config.js";
import { registerWebhook } from "../server/webhook.js";

const result = loadConfig({ ...process.env, BOT_MODE: "webhook" });
if (!result.ok) {
  process.stderr.write(`${describeProblems(result.problems)}\n`);
  process.exit(2);
}
const { config } = result;
await registerWebhook(new Api(config.botToken, { apiRoot: config.apiRoot }), config.webhook!);
process.stdout.write(`Telegram will post updates to ${config.webhook!.url}\n`);
