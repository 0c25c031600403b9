// An NGO staff member uses the dashboard in a real browser (headless Chromium): signs in,
// sees the charts drawn with data, filters by campaign, downloads a CSV; and a stranger or a
// viewer is turned away from what they may not see.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { useBot } from "../support/suite.js";
import { addAccount, PASSWORD, signIn } from "../support/dashboard.js";
import { seedCounters, type SeedRow } from "../support/trends.js";
import { ARTIFACTS, launchBrowser } from "../support/browser.js";

const TODAY = "2026-11-28";
const clock = { now: () => new Date(`${TODAY}T09:30:00Z`) };
const day = (back: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);

/** Two weeks of activity from two campaigns and people who came without one. */
function twoWeeks(): SeedRow[] {
  const rows: SeedRow[] = [];
  for (let back = 0; back < 14; back++) {
    const d = day(back);
    rows.push(
      { day: d, campaign: "fair26", language: "ro", metric: "people", value: "all", count: 20 + back },
      { day: d, campaign: "radio", language: "uk", metric: "people", value: "all", count: 40 + 2 * back },
      { day: d, language: "en", metric: "people", value: "all", count: 15 },
      { day: d, campaign: "fair26", language: "ro", destination: "DE", metric: "flow_started", value: "offer_text", count: 18 },
      { day: d, campaign: "radio", language: "uk", destination: "PL", metric: "flow_started", value: "offer_guided", count: 30 },
      { day: d, campaign: "fair26", language: "ro", destination: "DE", metric: "band", value: "high", count: 12 },
      { day: d, campaign: "radio", language: "uk", destination: "PL", metric: "band", value: "medium", count: 25 },
      { day: d, campaign: "fair26", language: "ro", destination: "DE", metric: "sign", value: "upfront_fee", count: 11 },
      { day: d, campaign: "radio", language: "uk", destination: "PL", metric: "sign", value: "document_retention", count: 14 },
      { day: d, campaign: "fair26", language: "ro", destination: "DE", metric: "destination", value: "DE", count: 18 },
      { day: d, campaign: "radio", language: "uk", destination: "PL", metric: "destination", value: "PL", count: 30 },
    );
  }
  return rows;
}

describe("the dashboard in a browser", () => {
  const suite = useBot("sqlite", "polling", { clock });
  let browser: Browser;
  let base: string;
  /** Errors, failed loads and external requests of the pages opened by the current test. */
  let consoleProblems: string[] = [];
  beforeEach(() => void (consoleProblems = []));

  beforeAll(async () => {
    base = `http://127.0.0.1:${suite.bot.port}`;
    await addAccount(suite.database.url, "admin.ngo", "admin");
    await addAccount(suite.database.url, "viewer.ngo", "viewer");
    const admin = await signIn(base, "admin.ngo");
    await admin.post("/dashboard/campaigns", { code: "fair26", label: "Job fair", language: "ro", destination: "DE" });
    await admin.post("/dashboard/campaigns", { code: "radio", label: "Radio spot", language: "uk", destination: "" });
    await seedCounters(suite.database.url, twoWeeks());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true, locale: "en-GB" });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    page.on("console", (m) => void (m.type() === "error" && consoleProblems.push(m.text())));
    page.on("pageerror", (e) => consoleProblems.push(e.message));
    page.on("request", (r) => void (!r.url().startsWith(base) && consoleProblems.push(`external request: ${r.url()}`)));
    return page;
  }

  async function logIn(page: Page, name: string): Promise<void> {
    await page.goto(`${base}/dashboard`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/login");
    await page.getByLabel("Account name").fill(name);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/dashboard`);
  }

  /** What Chart.js holds for a chart: its labels and each dataset's numbers. */
  const chartOf = (page: Page, view: string) =>
    page.evaluate((id) => {
      const canvas = document.getElementById(`chart-${id}`) as HTMLCanvasElement;
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): { data: { labels: string[]; datasets: { label: string; data: number[] }[] } } } }).Chart.getChart(canvas);
      // Count the pixels the chart painted, so an empty canvas cannot pass.
      const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
      return { labels: chart.data.labels, datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })), painted };
    }, view);

  it("signs in and sees every chart drawn with the suppressed numbers", async () => {
    const page = await newPage();
    await logIn(page, "admin.ngo");
    await page.waitForSelector("canvas[data-rendered]");
    expect(await page.locator("canvas[data-rendered]").count()).toBe(10);

    const activity = await chartOf(page, "activity");
    expect(activity.labels).toHaveLength(30); // the last 30 days, by default
    const people = activity.datasets.find((d) => d.label === "People")!;
    expect(people.data.at(-1)).toBe(75); // 20 + 40 + 15 today
    expect(people.data[0]).toBe(0); // 30 days ago nobody: drawn as nothing, shown as <10
    expect(activity.painted).toBeGreaterThan(1000);

    const signs = await chartOf(page, "signs");
    expect(signs.labels.slice(0, 2)).toEqual(["Someone wants to keep your passport", "A fee to get the job"]); // the top first
    const fee = signs.labels.indexOf("A fee to get the job");
    expect(signs.datasets[0]!.data[fee]).toBe(155); // 14 days × 11 = 154, rounded to 5
    expect(signs.painted).toBeGreaterThan(1000);
    // The table under the chart says the same.
    const cell = page.locator('table[data-view="signs"] td[data-series="count"][data-key="upfront_fee"]');
    expect(await cell.textContent()).toBe("155");

    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard-overview.png"), fullPage: true });
    expect(consoleProblems).toEqual([]);
  });

  it("filters by campaign and the charts follow", async () => {
    const page = await newPage();
    await logIn(page, "admin.ngo");
    await page.getByRole("combobox", { name: "Campaign" }).selectOption("radio");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/campaign=radio/);
    await page.waitForSelector("canvas[data-rendered]");
    const activity = await chartOf(page, "activity");
    expect(activity.datasets.find((d) => d.label === "People")!.data.at(-1)).toBe(40);
    const destinations = await chartOf(page, "destinations");
    const data = destinations.datasets[0]!.data;
    expect(data[destinations.labels.indexOf("Poland")]).toBe(420); // 14 × 30
    expect(data[destinations.labels.indexOf("Germany")]).toBe(0); // the other campaign's
    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard-campaign.png"), fullPage: true });

    // Switching the language keeps the filter.
    await page.getByRole("link", { name: "Română" }).click();
    await page.waitForURL(/lang=ro/);
    expect(new URL(page.url()).searchParams.get("campaign")).toBe("radio");
    expect(await page.locator("html").getAttribute("lang")).toBe("ro");
    await page.waitForSelector("canvas[data-rendered]");
    expect((await chartOf(page, "activity")).datasets[0]!.data.at(-1)).toBe(40);
    expect(consoleProblems).toEqual([]);
  });

  it("downloads the view as CSV", async () => {
    const page = await newPage();
    await logIn(page, "admin.ngo");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const file = path.join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(lines[0]).toBe("view,series,key,value");
    expect(lines).toContain(`activity,people,${TODAY},75`);
    expect(lines).toContain("signs,count,upfront_fee,155");
    for (const line of lines.slice(1)) expect(line.split(",").at(-1)).toMatch(/^(<10|hidden|\d*[05])$/);
  });

  it("turns away a visitor without a session, and a viewer from the admin's campaigns page", async () => {
    const stranger = await newPage();
    const refused = await stranger.goto(`${base}/dashboard/campaigns`);
    expect(refused!.status()).toBe(401);
    expect(await stranger.getByRole("button", { name: "Sign in" }).count()).toBe(1);
    expect(await stranger.content()).not.toContain("Radio spot");

    const viewer = await newPage();
    await logIn(viewer, "viewer.ngo");
    expect(await viewer.getByRole("link", { name: "Campaigns" }).count()).toBe(0);
    const forbidden = await viewer.goto(`${base}/dashboard/campaigns`);
    expect(forbidden!.status()).toBe(403);
    expect(await viewer.getByRole("alert").textContent()).toBe("Your account cannot open this page.");
    await viewer.screenshot({ path: path.join(ARTIFACTS, "dashboard-viewer-refused.png") });
  });

  it("shows the admin each campaign's link and QR code", async () => {
    const page = await newPage();
    await logIn(page, "admin.ngo");
    await page.getByRole("link", { name: "Campaigns" }).click();
    const row = page.locator('tr[data-code="fair26"]');
    expect(await row.locator("a.link").textContent()).toMatch(/^https:\/\/t\.me\/\w+\?start=c-fair26_l-ro_d-DE$/);
    const qr = row.locator("img");
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "dashboard-campaigns.png"), fullPage: true });
    expect(consoleProblems).toEqual([]);
  });
});
