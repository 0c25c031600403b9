// A bot process's last moments: it commits chats' state on its SQLite connection (the
// checkpoint worker on a timer that never fires in time), says so, and is killed at once,
// with nothing closed or checkpointed. Used by test/unit/sqlite-durability.test.ts.
import { openDatabase } from "../../src/db/client.js";
import { saveChatState } from "../../src/session/storage.js";

const [url, count] = process.argv.slice(2) as [string, string];
const open = await openDatabase(url, { backgroundCheckpoints: { everyMs: 3_600_000 } });
const clock = { now: () => new Date("2026-12-07T00:00:00Z") };
for (let i = 0; i < Number(count); i++) await saveChatState(open.sql, open.provider, `s:${i}`, JSON.stringify({ step: i }), clock);
process.stdout.write("committed\n", () => process.kill(process.pid, "SIGKILL"));
