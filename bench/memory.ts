// node --expose-gc --import tsx bench/memory.ts [N]: where the memory goes as N people (default
// 20,000) each send /start: RSS, the V8 heap after a full GC, and memory outside it.
import { migrate } from "../src/db/migrate.js";
import { openDatabase } from "../src/db/client.js";
import { createTestDatabase } from "../test/support/databases.js";
import { startFakeBotApi } from "../test/support/fake-bot-api.js";
import { fullBot, replay } from "./load.js";

const people = Number(process.argv[2] ?? 20_000);
const mb = (bytes: number) => Math.round(bytes / 1e6);

function show(label: string): void {
  (globalThis as { gc?: () => void }).gc?.();
  const u = process.memoryUsage();
  process.stdout.write(`${label.padEnd(22)} rss ${mb(u.rss)} MB, heap ${mb(u.heapUsed)} of ${mb(u.heapTotal)} MB, outside the heap ${mb(u.rss - u.heapTotal)} MB\n`);
}

const start = (chat: number) => [
  { update_id: chat - 7_000_000_000, message: { message_id: 1, date: 1, chat: { id: chat, type: "private" }, from: { id: chat, is_bot: false, first_name: "P" }, text: "/start", entities: [{ type: "bot_command", offset: 0, length: 6 }] } },
];

const api = await startFakeBotApi();
api.record = false;
const database = await createTestDatabase("sqlite");
await migrate(database.url);
const open = await openDatabase(database.url);
show("loaded");
const bot = await fullBot(open, api);
show("bot built");
for (let done = 0; done < people; done += 10_000) {
  const batch = Array.from({ length: Math.min(10_000, people - done) }, (_x, i) => start(7_900_000_000 + done + i));
  await replay(bot, batch as never, 32);
  show(`after ${done + batch.length} people`);
}
await bot.stop();
await open.close();
await database.drop();
await api.stop();
