// Several replicas: the webhook is registered once at deploy (npm run webhook:set), and the
// replicas start with WEBHOOK_REGISTER=false.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { TEST_TOKEN } from "../support/telegram.js";
import { WEBHOOK_SECRET } from "../support/bot.js";

/** Runs the CLI without blocking this process (the test Telegram it calls runs here). */
function webhookSet(env: Record<string, string>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "src/cli/webhook-set.ts"], { env: { PATH: process.env.PATH ?? "", ...env } }, (error, stdout, stderr) =>
      resolve({ status: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe("registering the webhook once, at deploy", () => {
  const suite = useBot("sqlite", "webhook", { env: { WEBHOOK_REGISTER: "false" } });
  const setWebhooks = () => suite.telegram.calls.filter((c) => c.method === "setWebhook");

  it("a replica started with WEBHOOK_REGISTER=false does not register it", () => {
    expect(setWebhooks()).toEqual([]);
  });

  it("npm run webhook:set registers it with the secret and only the update types the bot handles", async () => {
    const env = { BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: suite.telegram.apiRoot, WEBHOOK_URL: "https://bot.example.org/telegram/webhook", WEBHOOK_SECRET, SESSION_SECRET: "a-test-session-secret-that-is-long-enough" };
    const run = await webhookSet(env);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("Telegram will post updates to https://bot.example.org/telegram/webhook\n");
    expect(setWebhooks().map((c) => c.body)).toEqual([
      expect.objectContaining({ url: "https://bot.example.org/telegram/webhook", secret_token: WEBHOOK_SECRET, allowed_updates: ["message", "callback_query", "inline_query"] }),
    ]);
  });

  it("npm run webhook:set names what is missing and exits 2", async () => {
    const run = await webhookSet({ BOT_TOKEN: TEST_TOKEN });
    expect(run.status).toBe(2);
    for (const name of ["WEBHOOK_URL", "WEBHOOK_SECRET", "SESSION_SECRET"]) expect(run.stderr).toContain(name);
  });
});
