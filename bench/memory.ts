// node --expose-gc --import tsx bench/memory.ts [N]: where the memory goes as N people (default
// 20,000) each send /start: RSS, the V8 heap after a full GC, and memory outside it.
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/client.js";
import { createTestDatabase } from "../test/support/databases.js";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";
import { fullBot, replay } from "./load.js";
const n = Number(process.argv[2] ?? 20000);
const api = await startFakeBotApi(); api.record = false;
const database = await createTestDatabase("sqlite"); await migrate(database.url);
const db = await openDatabase(database.url);
const show = (label: string) => { (globalThis as { gc?: () => void }).gc?.(); const u = process.memoryUsage(); console.log(label, "rss", Math.round(u.rss / 1e6), "heapTotal", Math.round(u.heapTotal / 1e6), "heapUsed", Math.round(u.heapUsed / 1e6), "external", Math.round(u.external / 1e6)); };
show("loaded");
const bot = await fullBot(db, api);
show("bot built");
for (let batch = 0; batch < n / 10000; batch++) {
  const many = Array.from({ length: 10000 }, (_x, i) => { const chat = 7_900_000_000 + batch * 10000 + i; return [{ update_id: chat - 7_000_000_000, message: { message_id: 1, date: 1, chat: { id: chat, type: "private" }, from: { id: chat, is_bot: false, first_name: "P" }, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] } }]; });
  await replay(bot, many as never, 32);
  show(`after ${(batch + 1) * 10000} people`);
}
await bot.stop(); await db.close(); await database.drop(); await api.stop();
