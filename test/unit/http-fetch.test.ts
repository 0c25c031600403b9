// The bot's own HTTP client for the Bot API (src/bot/http-fetch.ts), through grammY's Api as
// the bot uses it: answers, Telegram's refusals, a call given up, a server that is not there.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api, GrammyError, HttpError } from "grammy";
import { closeHttpConnections, httpFetch, MAX_CONNECTIONS } from "../../src/bot/http-fetch.js";

const requests: { url: string; body: unknown; contentType: string | undefined }[] = [];
let arrived: () => void = () => undefined;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { text?: string };
    requests.push({ url: req.url ?? "", body, contentType: req.headers["content-type"] });
    if (body.text === "hold") return arrived(); // never answered: the caller gives up
    if (body.text === "slow down") {
      res.writeHead(429, { "content-type": "application/json" });
      return res.end(JSON.stringify({ ok: false, error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } }));
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ok: true, result: { message_id: 17, date: 1, chat: { id: 5, type: "private" }, text: body.text } }));
  });
});
let apiRoot = "";

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("the bot's HTTP client for the Bot API", () => {
  it("sends a method's JSON and gives back Telegram's answer", async () => {
    const api = new Api("1:token", { apiRoot, fetch: httpFetch as never });
    const sent = await api.sendMessage(5, "Привіт ✓");
    expect(sent.message_id).toBe(17);
    expect(sent.text).toBe("Привіт ✓");
    expect(requests.at(-1)).toEqual({ url: "/bot1:token/sendMessage", body: { chat_id: 5, text: "Привіт ✓" }, contentType: "application/json" });
  });

  it("turns Telegram's refusal into the error grammY's retries read", async () => {
    const api = new Api("1:token", { apiRoot, fetch: httpFetch as never });
    const error = await api.sendMessage(5, "slow down").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(429);
    expect((error as GrammyError).parameters.retry_after).toBe(7);
  });

  it("connects again after its connections were closed at a shutdown (another bot in the same process)", async () => {
    const api = new Api("1:token", { apiRoot, fetch: httpFetch as never });
    expect((await api.sendMessage(5, "before")).text).toBe("before");
    await closeHttpConnections();
    expect((await api.sendMessage(5, "after")).text).toBe("after");
  });

  it("gives up a call when told to, and when the server is not there", async () => {
    const api = new Api("1:token", { apiRoot, fetch: httpFetch as never });
    const controller = new AbortController();
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    const held = api.sendMessage(5, "hold", {}, controller.signal as never).catch((e: unknown) => e);
    await reached;
    controller.abort();
    expect(await held).toBeInstanceOf(HttpError);

    const nowhere = new Api("1:token", { apiRoot: "http://127.0.0.1:1", fetch: httpFetch as never });
    expect(await nowhere.sendMessage(5, "hello").catch((e: unknown) => e)).toBeInstanceOf(HttpError);
  });

  it(`opens at most ${MAX_CONNECTIONS} connections in a burst, and the calls beyond them wait their turn`, async () => {
    // A server of its own that holds every answer until the bot has as many calls open as it
    // will open connections, then answers them all and everything after at once.
    let sockets = 0;
    const held: (() => void)[] = [];
    let holding = true;
    const burst = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const answer = () => {
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: true, result: true }));
        };
        if (!holding) return answer();
        held.push(answer);
        if (held.length === MAX_CONNECTIONS) {
          holding = false;
          for (const release of held.splice(0)) release();
        }
      });
    });
    burst.on("connection", () => sockets++);
    burst.listen(0, "127.0.0.1");
    await once(burst, "listening");
    try {
      const api = new Api("1:token", { apiRoot: `http://127.0.0.1:${(burst.address() as AddressInfo).port}`, fetch: httpFetch as never });
      const answers = await Promise.all(Array.from({ length: 3 * MAX_CONNECTIONS }, (_, i) => api.answerCallbackQuery(String(i))));
      expect(answers.every((a) => a === true)).toBe(true);
      expect(sockets).toBe(MAX_CONNECTIONS);
    } finally {
      await closeHttpConnections();
      burst.close();
    }
  });
});
