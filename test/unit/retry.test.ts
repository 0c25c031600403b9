// Telegram's "429 Too Many Requests, retry after N": waited out and retried, within bounds.
import { afterEach, describe, expect, it, vi } from "vitest";
import { HttpError, type ApiCallFn } from "grammy";
import { retryTransformer } from "../../src/bot/api-transformers.js";

type Saying = { ok: boolean; retry_after?: number; error_code?: number } | "network down";

function telegramSaying(...answers: Saying[]) {
  const calls: string[] = [];
  const prev = (async (method: string) => {
    calls.push(method);
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)]!;
    if (answer === "network down") throw new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNRESET"));
    if (answer.ok) return { ok: true, result: { message_id: calls.length } };
    if (answer.error_code) return { ok: false, error_code: answer.error_code, description: "Bad Gateway" };
    return { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: answer.retry_after } };
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

  it("send a call Telegram answers once, and pass its answer on as it came", async () => {
    const { prev, calls } = telegramSaying({ ok: true });
    const response = await retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never);
    expect(response).toEqual({ ok: true, result: { message_id: 1 } });
    expect(calls).toEqual(["sendMessage"]);
  });

  it("pass on a refusal that waiting would not change, without retrying it", async () => {
    const { prev, calls } = telegramSaying({ ok: false, error_code: 400 });
    const response = await retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never);
    expect(response).toMatchObject({ ok: false, error_code: 400 });
    expect(calls).toHaveLength(1);
  });

  describe("when Telegram or the network fails", () => {
    afterEach(() => void vi.useRealTimers());

    it("retry Telegram's 5xx after a pause of 3 s", async () => {
      vi.useFakeTimers();
      const { prev, calls } = telegramSaying({ ok: false, error_code: 502 }, { ok: true });
      const answering = retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never);
      await vi.advanceTimersByTimeAsync(2_999);
      expect(calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect((await answering).ok).toBe(true);
      expect(calls).toHaveLength(2);
    });

    it("retry a call the network lost, after 3 s, then 6 s", async () => {
      vi.useFakeTimers();
      const { prev, calls } = telegramSaying("network down", "network down", { ok: true });
      const answering = retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never);
      await vi.advanceTimersByTimeAsync(3_000);
      expect(calls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(6_000);
      expect((await answering).ok).toBe(true);
      expect(calls).toHaveLength(3);
    });

    it("give up at once on a call the bot itself aborted", async () => {
      const { prev, calls } = telegramSaying("network down");
      const stop = new AbortController();
      stop.abort();
      await expect(retryTransformer()(prev, "sendMessage", { chat_id: 1, text: "x" } as never, stop.signal as never)).rejects.toBeInstanceOf(HttpError);
      expect(calls).toHaveLength(1);
    });
  });
});
