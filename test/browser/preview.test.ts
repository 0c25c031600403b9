// Someone with no Telegram token tries the real bot in a browser (headless Chromium): opens the
// preview, starts chats as new Telegram users (one from an outreach link, side by side), checks
// a job offer by tapping through the questions, forwards an ad and sees its warnings, switches
// the language, opens help and finds numbers to tap, erases the chat, and signs in to the
// dashboard with the preview's account. Nothing is fetched from anywhere but the preview.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { ARTIFACTS, launchBrowser } from "../support/browser.js";
import { loadPreviewConfig, PREVIEW_TOKEN } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createPreview, type Preview, type PreviewStarted } from "../../src/preview/start.js";
import { plainText } from "../../src/preview/telegram.js";
import { createTranslations } from "../../src/i18n/index.js";
import { openDatabase } from "../../src/db/client.js";

const t = createTranslations();
const en = t.t("en");
const ro = t.t("ro");
const uk = t.t("uk");
const shown = (text: string) => plainText(text).replace(/\s+/g, " ").trim();

const FEE_AD = `🇩🇪 GERMANIA – lucru la fabrică de ambalaje
Salariu 2.200 € net pe lună, 8 ore pe zi, 5 zile
Taxa de înscriere 200 euro, se achită înainte de plecare
Firma ProPack GmbH, www.propack.example`;

describe("the preview in a browser", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "byg-preview-"));
  let preview: Preview;
  let started: PreviewStarted;
  let browser: Browser;
  let base: string;
  let problems: string[] = [];
  beforeEach(() => void (problems = []));

  beforeAll(async () => {
    const env = { DATABASE_URL: `file:${dir}/preview.db`, PREVIEW_PORT: "0", LOG_LEVEL: "silent", RATE_LIMIT_BURST: "10000", TRENDS_FLUSH_SECONDS: "1" };
    const result = loadPreviewConfig(env);
    if (!result.ok) throw new Error(result.problems.join("; "));
    preview = createPreview(result.config, { logger: createLogger("silent") });
    started = await preview.start();
    base = new URL(started.url).origin;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("console", (m) => void (m.type() === "error" && problems.push(m.text())));
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => void (!r.url().startsWith(base) && problems.push(`external request: ${r.url()}`)));
    await page.goto(started.url);
    return page;
  }

  /** Starts a chat as a new Telegram user; resolves when the bot has answered /start. */
  async function openChat(page: Page, language: string, payload = ""): Promise<Locator> {
    const before = await page.locator("section.chat").count();
    await page.getByLabel("Telegram language").selectOption(language);
    await page.getByLabel("Start payload").fill(payload);
    await page.getByRole("button", { name: "New chat" }).click();
    const chat = page.locator("section.chat").nth(before);
    await chat.locator("li.message.bot").first().waitFor();
    return chat;
  }

  const botMessages = (chat: Locator) => chat.locator("li.message.bot");

  /** Taps a button under the bot's last message and waits for the bot's next message. */
  async function tap(chat: Locator, label: string): Promise<Locator> {
    const count = await botMessages(chat).count();
    await botMessages(chat).last().getByRole("button", { name: label, exact: true }).click();
    const next = botMessages(chat).nth(count);
    await next.waitFor();
    return next;
  }

  async function type(chat: Locator, text: string, forwarded = false): Promise<Locator> {
    const count = await botMessages(chat).count();
    await chat.getByLabel("Message", { exact: true }).fill(text);
    if (forwarded) await chat.getByLabel("Send as forwarded").check();
    await chat.getByRole("button", { name: "Send" }).click();
    const next = botMessages(chat).nth(count);
    await next.waitFor();
    return next;
  }

  const textOf = async (message: Locator) => ((await message.locator(".text").textContent()) ?? "").replace(/\s+/g, " ").trim();

  it("greets a new user in their Telegram language with the menu, and an outreach link in a second chat beside it", async () => {
    const page = await newPage();
    const first = await openChat(page, "en");
    expect(await first.locator("li.message.user").first().textContent()).toContain("/start");
    const greeting = botMessages(first).first();
    expect(await textOf(greeting)).toContain(shown(en("start.greeting")));
    expect(await greeting.locator(".keyboard .button").allTextContents()).toEqual(
      ["offer", "rights", "recruiter", "before_go", "help", "language", "about"].map((b) => en(`buttons.${b}`)),
    );

    const second = await openChat(page, "ro", "c-fair26_l-uk_d-DE");
    expect(await textOf(botMessages(second).first())).toContain(shown(uk("start.greeting"))); // the link's language wins
    const [a, b] = [await first.boundingBox(), await second.boundingBox()];
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1); // side by side
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-two-chats.png") });
    expect(problems).toEqual([]);
  });

  it("goes through a guided offer check to its result by tapping buttons", async () => {
    const page = await newPage();
    const chat = await openChat(page, "en");
    await tap(chat, en("buttons.offer"));
    expect(await textOf(await tap(chat, en("buttons.offer_questions")))).toBe(shown(en("offer.destination_prompt")));
    await tap(chat, en("countries.DE"));
    let message = await tap(chat, en("sectors.agriculture"));
    for (let step = 0; step < 25 && !(await textOf(message)).includes(shown(en("result.band_high"))); step++) {
      const yes = message.getByRole("button", { name: en("buttons.yes"), exact: true });
      message = await tap(chat, (await yes.count()) > 0 ? en("buttons.yes") : en("buttons.not_sure"));
    }
    const result = await textOf(message);
    expect(result).toContain(shown(en("result.band_high")));
    expect(result).toContain(shown(en("signs.upfront_fee.name")));
    expect(result).toContain(shown(en("signs.document_retention.name")));
    expect(await message.locator(".text b").count()).toBeGreaterThan(0); // the bot's bold, as Telegram shows it
    await message.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-guided-result.png") });
    expect(problems).toEqual([]);
  });

  it("forwards an ad and sees its warning signs, with the phrase that showed each", async () => {
    const page = await newPage();
    const chat = await openChat(page, "en");
    let message = await type(chat, FEE_AD, true);
    expect(await chat.locator("li.message.user .forwarded").first().textContent()).toBe("Forwarded message");
    expect(await textOf(message)).toContain(shown(en("offer.follow_up")));
    for (let step = 0; step < 6 && !(await textOf(message)).includes(shown(en("result.band_high"))); step++) {
      message = await tap(chat, en("buttons.yes"));
    }
    const result = await textOf(message);
    expect(result).toContain(shown(en("signs.upfront_fee.name")));
    expect(result).toContain("Taxa de înscriere 200 euro");
    expect(result).toContain(shown(en("signs.travel_debt.name")));
    await message.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-ad-warnings.png") });
    expect(problems).toEqual([]);
  });

  it("switches the language with the picker, and the next message and the command menu are in it", async () => {
    const page = await newPage();
    const chat = await openChat(page, "en");
    const picker = await tap(chat, en("buttons.language"));
    expect(await textOf(picker)).toBe(shown(en("language.choose")));
    expect(await textOf(await tap(chat, "Română"))).toContain(shown(ro("language.changed")));

    await chat.getByRole("button", { name: "Commands" }).click();
    const menu = chat.getByRole("list", { name: "Commands" });
    expect(await menu.getByRole("button").first().textContent()).toBe(`/start${en("commands.start")}`); // Telegram's list for an English user
    const count = await botMessages(chat).count();
    await menu.getByRole("button", { name: "/help" }).click();
    await botMessages(chat).nth(count).waitFor();
    expect(await textOf(botMessages(chat).nth(count))).toBe(shown(ro("help.text")));
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-language.png") });
    expect(problems).toEqual([]);
  });

  it("opens help and finds the numbers as links to tap", async () => {
    const page = await newPage();
    const chat = await openChat(page, "en");
    expect(await textOf(await tap(chat, en("buttons.help")))).toBe(shown(en("help.where")));
    const card = await tap(chat, en("countries.DE"));
    const numbers = await card.locator('a[href^="tel:+"]').evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(numbers.length).toBeGreaterThan(1);
    for (const href of numbers) expect(href).toMatch(/^tel:\+\d{6,}$/);
    expect(numbers.some((href) => href!.startsWith("tel:+49"))).toBe(true);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-help-numbers.png") });
    expect(problems).toEqual([]);
  });

  it("erases the chat: the messages disappear", async () => {
    const page = await newPage();
    const chat = await openChat(page, "en");
    await tap(chat, en("buttons.rights"));
    await type(chat, "/forget");
    await botMessages(chat).last().getByRole("button", { name: en("buttons.forget_yes"), exact: true }).click();
    // Everything before is deleted, both ways; what is left is the bot's last word.
    const id = await chat.getAttribute("data-chat");
    await page.waitForFunction(
      ([chatId, done]) => {
        const items = [...document.querySelectorAll(`section.chat[data-chat="${chatId}"] li.message`)];
        return items.length === 1 && items[0]!.textContent!.replace(/\s+/g, " ").includes(done!);
      },
      [id, shown(en("forget.done"))],
    );
    expect(problems).toEqual([]);
  });

  it("shows a message the bot edits in place, marked edited, and taps a /command in a message", async () => {
    const page = await newPage();
    const chat = await openChat(page, "en");
    const greeting = botMessages(chat).first();
    const id = Number(await greeting.getAttribute("data-id"));
    const edit = await fetch(`${started.apiRoot}/bot${PREVIEW_TOKEN}/editMessageText`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: Number(await chat.getAttribute("data-chat")), message_id: id, text: "<b>Edited</b>: see /help", parse_mode: "HTML" }),
    });
    expect(((await edit.json()) as { ok: boolean }).ok).toBe(true);
    await chat.locator(`li.message.bot[data-id="${id}"] .text b`, { hasText: "Edited" }).waitFor();
    expect(await botMessages(chat).count()).toBe(1); // the same bubble, not a new one
    expect(await greeting.locator(".meta").textContent()).toMatch(/^edited /);

    await greeting.getByRole("link", { name: "/help" }).click();
    await botMessages(chat).nth(1).waitFor();
    expect(await textOf(botMessages(chat).nth(1))).toBe(shown(en("help.text")));
    expect(problems).toEqual([]);
  });

  it("lets the preview account into the dashboard on the same server, with the preview's own counts shown exactly", async () => {
    expect(await preview.flushTrends()).toBe(true);
    const open = await openDatabase(`file:${dir}/preview.db`);
    const counted = await open.db.counter.aggregate({ where: { metric: "destination", value: "DE" }, _sum: { count: true } });
    await open.close();
    const germany = counted._sum.count ?? 0;
    expect(germany).toBeGreaterThan(0); // the checks and help above were for Germany
    const page = await newPage();
    await page.goto(`${base}/dashboard`);
    await page.getByLabel("Account name").fill(started.account.name);
    await page.getByLabel("Password").fill(started.account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/dashboard`);
    await page.waitForSelector("canvas[data-rendered]");
    await page.screenshot({ path: path.join(ARTIFACTS, "preview-dashboard.png"), fullPage: true });
    // Not "<10": in the preview everyone is the person trying it, and the page says so.
    expect(await page.locator('table[data-view="destinations"] td[data-key="DE"]').textContent()).toBe(String(germany));
    expect(await page.locator("p.note").first().textContent()).toBe(createTranslations(undefined, "dashboard").t("en")("preview_note"));
    expect(problems).toEqual([]);
  });
});
