// Stopping: updates being handled are finished, then the database closes; the process exits
// 0 on SIGTERM; without a token in production, start-up explains how to get one and exits 2.
import { spawn } from "node:child_process";
import { once } from "node:events";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, TEST_TOKEN, type Harness } from "../support/telegram.js";
import { botConfig, startBot } from "../support/bot.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { createTranslations } from "../../src/i18n/index.js";
import { openDatabase } from "../../src/db/client.js";

const en = createTranslations().t("en");

function runMain(env: Record<string, string>, preload: string[] = []) {
  const child = spawn(process.execPath, ["--import", "tsx", ...preload.flatMap((p) => ["--import", p]), "src/main.ts"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const lines = readline.createInterface({ input: child.stdout });
  const log: Record<string, unknown>[] = [];
  lines.on("line", (line) => log.push(JSON.parse(line) as Record<string, unknown>));
  const logged = (msg: string) =>
    new Promise<void>((resolve) => lines.on("line", (line) => JSON.parse(line).msg === msg && resolve()));
  const exited = once(child, "exit").then(([code]) => code as number);
  return { child, logged, exited, log, stderr: () => stderr };
}

describe("stopping the bot", () => {
  let telegram: Harness;
  let database: TestDatabase;

  beforeAll(async () => {
    telegram = await startTelegram();
    database = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    await telegram?.stop();
    await database?.drop();
  });

  it("finishes the update it is handling before it closes the database", async () => {
    const bot = await startBot(await botConfig(telegram, database.url, "polling"));
    const user = telegram.user({ languageCode: "en" });
    const held = telegram.hold("sendMessage");
    await user.send("/language");
    await held.reached; // the bot is in the middle of answering
    let stopped = false;
    const stopping = bot.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    held.release();
    await stopping;
    expect((await user.nextReply()).text).toBe(en("language.choose"));
    // The conversation's state was written before the database closed.
    const open = await openDatabase(database.url);
    const rows = await open.db.chatState.findMany();
    expect(rows.filter((r) => (JSON.parse(r.value) as { conversation?: { state?: object } }).conversation?.state)).toHaveLength(1);
    await open.close();
  });

  it("exits 0 on SIGTERM", async () => {
    const config = await botConfig(telegram, database.url, "polling");
    const main = runMain({
      BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_URL: database.url,
      HOST: "127.0.0.1",
      PORT: String(config.port),
    });
    await main.logged("bot started");
    const user = telegram.user({ languageCode: "en" });
    await user.send("/start");
    await user.nextReply();
    main.child.kill("SIGTERM");
    expect(await main.exited).toBe(0);
  });

  it("on an error nothing caught, logs only its class and stack, stops cleanly and exits 1 for a restart", async () => {
    const config = await botConfig(telegram, database.url, "polling");
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, DATABASE_URL: database.url, HOST: "127.0.0.1", PORT: String(config.port) };
    const main = runMain(env, ["./test/support/reject-on-signal.ts"]);
    await main.logged("bot started");
    main.child.kill("SIGUSR2");
    expect(await main.exited).toBe(1);
    const fatal = main.log.find((l) => l.level === 60)!;
    expect(fatal).toMatchObject({ msg: "unhandled promise rejection; stopping for a restart", errorClass: "Error" });
    expect(String(fatal.stack)).toMatch(/^\s+at /);
    expect(JSON.stringify(main.log)).not.toContain("secret");
    expect(main.log.map((l) => l.msg)).toContain("bot stopped"); // a clean stop, not a crash
  });

  it("without a token in production, explains how to get one from BotFather and exits 2 (no preview there)", async () => {
    const main = runMain({ NODE_ENV: "production" });
    expect(await main.exited).toBe(2);
    expect(main.stderr()).toContain("BOT_TOKEN is missing");
    expect(main.stderr()).toContain("@BotFather");
  });

  it("with bad settings, names each of them and exits 2", async () => {
    const main = runMain({ BOT_TOKEN: TEST_TOKEN, BOT_MODE: "webhook", PORT: "-1" });
    expect(await main.exited).toBe(2);
    for (const name of ["PORT", "WEBHOOK_URL", "WEBHOOK_SECRET", "SESSION_SECRET"]) expect(main.stderr()).toContain(name);
  });
});
