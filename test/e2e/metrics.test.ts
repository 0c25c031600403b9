// What an operator watches: GET /metrics in Prometheus' format, for this machine or a token.
import { describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { createTranslations } from "../../src/i18n/index.js";

const en = createTranslations().t("en");
const TOKEN = "metrics_token_0123456789abcdef";

/** The value of a sample line such as `byg_updates_total{type="message",outcome="ok"} 3`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false);
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("/metrics on this machine", () => {
  const suite = useBot();

  it("counts updates by type and outcome, times them, and counts Telegram's errors and the retries they cause", async () => {
    const user = suite.telegram.user({ languageCode: "en" });
    await user.send("/menu");
    await user.tap(await user.nextReply(), en("buttons.rights"));
    await user.nextReply();
    suite.telegram.failNext("sendMessage", 429, "Too Many Requests: retry after 0", { retry_after: 0 });
    await user.send("/menu");
    expect((await user.nextReply()).text).toBe(en("menu.title")); // retried, and delivered
    await suite.bot.app.settled();

    const response = await fetch(`http://127.0.0.1:${suite.bot.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, "byg_updates_total", { type: "message", outcome: "ok" })).toBe(2);
    expect(sample(text, "byg_updates_total", { type: "callback_query", outcome: "ok" })).toBe(1);
    expect(sample(text, "byg_update_handler_seconds_count", { type: "message" })).toBe(2);
    expect(sample(text, "byg_telegram_api_errors_total", { method: "sendMessage", code: "429" })).toBe(1);
    for (const gauge of ["byg_trends_buffer_counters", "byg_trends_buffer_pending_updates", "byg_trends_flush_failures", "byg_rate_limited_chats"]) expect(text).toContain(`\n${gauge} `);
    expect(text).toContain("byg_database_errors_total");
  });
});

describe("/metrics with a token", () => {
  const suite = useBot("sqlite", "polling", { env: { METRICS_TOKEN: TOKEN } });

  it("answers only with the token", async () => {
    const url = `http://127.0.0.1:${suite.bot.port}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: "Bearer wrong_token_0123456789" } })).status).toBe(401);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("byg_updates_total");
  });
});
