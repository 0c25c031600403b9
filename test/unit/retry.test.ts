// Telegram's "429 Too Many Requests, retry after N": waited out and retried, within bounds.
import { describe, expect, it } from "vitest";
import type { ApiCallFn } from "grammy";
import { retryTransformer } from "../../src/bot/api-transformers.js";

function telegramSaying(...answers: { ok: boolean; retry_after?: number }[]) {
  const calls: string[] = [];
  const prev = (async (method: string) => {
    calls.push(method);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    return answer.ok
      ? { ok: true, result: { message_id: calls.length } }
      : { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: answer.retry_after } };
  }) as unknown as ApiCallFn;
  return { prev, calls };
}

describe("the Bot API retries", () => {
  it("wait out a 429 and send again", async () => {
    const { prev, calls } = telegramSaying({ ok: false, retry_after: 0 }, { ok: true });
    const response = await retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never);
    expect(response.ok).toBe(true);
    expect(calls).toEqual(["sendMessage", "sendMessage"]);
  });

  it("give up after 3 retries", async () => {
    const { prev, calls } = telegramSaying({ ok: false, retry_after: 0 });
    const response = await retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never);
    expect(response.ok).toBe(false);
    expect(calls).toHaveLength(4);
  });

  it("do not wait longer than 30 seconds: a longer retry_after fails at once", async () => {
    const { prev, calls } = telegramSaying({ ok: false, retry_after: 600 });
    const response = await retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never);
    expect(response.ok).toBe(false);
    expect(calls).toHaveLength(1);
  });

  it("never retry getUpdates (the runner does, and a retry would outlive a stop)", async () => {
    const { prev, calls } = telegramSaying({ ok: false, retry_after: 0 });
    await retryTransformer()(prev, "getUpdates", {} as never);
    expect(calls).toEqual(["getUpdates"]);
  });
});
