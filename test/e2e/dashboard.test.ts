// The NGO dashboard over HTTP: who may see what, how sign-in is protected, and what every
// response carries. (test/browser/ drives the same pages in Chromium.)
import { beforeAll, describe, expect, it } from "vitest";
import { useBot } from "../support/suite.js";
import { addAccount, client, PASSWORD, signIn, type Browserless } from "../support/dashboard.js";
import { seedCounters } from "../support/trends.js";
import { openDatabase } from "../../src/db/client.js";
import { MAX_FAILURES } from "../../src/dashboard/login-limit.js";

const TODAY = "2026-11-28";
const clock = { now: () => new Date(`${TODAY}T09:30:00Z`) };

describe("the dashboard", () => {
  const suite = useBot("sqlite", "polling", { clock });
  let base: string;
  let admin: Browserless;

  beforeAll(async () => {
    base = `http://127.0.0.1:${suite.bot.port}`;
    await addAccount(suite.database.url, "admin.ngo", "admin");
    await addAccount(suite.database.url, "viewer.ngo", "viewer");
    await addAccount(suite.database.url, "outreach.ana", "viewer", "fair26");
    admin = await signIn(base, "admin.ngo");
    await admin.post("/dashboard/campaigns", { code: "fair26", label: "Job fair", language: "ro", destination: "DE" });
    await admin.post("/dashboard/campaigns", { code: "radio", label: "Radio spot", language: "uk", destination: "" });
    await seedCounters(suite.database.url, [
      { day: TODAY, campaign: "fair26", language: "ro", metric: "people", value: "all", count: 23 },
      { day: TODAY, campaign: "radio", language: "uk", metric: "people", value: "all", count: 41 },
      { day: TODAY, campaign: "fair26", language: "ro", destination: "DE", metric: "flow_started", value: "offer_text", count: 18 },
      { day: TODAY, campaign: "radio", language: "uk", destination: "PL", metric: "flow_started", value: "offer_text", count: 36 },
    ]);
  });

  it("sends strict security headers with every response", async () => {
    for (const path of ["/dashboard/login", "/dashboard", "/dashboard/export", "/healthz", "/nowhere", "/dashboard/assets/dashboard.js"]) {
      const response = await client(base).get(path);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toContain("script-src 'self'");
      expect(response.headers.get("strict-transport-security"), path).toMatch(/max-age=\d{7,}/);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("sends a visitor without a session to sign in, and shows them nothing", async () => {
    const anonymous = client(base);
    const page = await anonymous.get("/dashboard");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/dashboard/login");
    for (const path of ["/dashboard/export?format=csv", "/dashboard/campaigns", "/dashboard/campaigns/fair26/qr.png"]) {
      const response = await anonymous.get(path);
      expect(response.status, path).toBe(401);
      expect(await response.text(), path).not.toContain("fair26");
    }
    expect((await anonymous.post("/dashboard/campaigns", { code: "sneaky", label: "x", language: "en" })).status).toBe(401);
  });

  it("keeps the session in an HttpOnly, Secure, SameSite=Strict cookie and only a hash of it in the database", async () => {
    const response = await client(base).post("/dashboard/login", { name: "viewer.ngo", password: PASSWORD });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-byg-session="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    const token = cookie.split(";")[0]!.split("=")[1]!;
    const database = await openDatabase(suite.database.url);
    const sessions = await database.db.dashboardSession.findMany();
    const users = await database.db.dashboardUser.findMany();
    await database.close();
    expect(JSON.stringify(sessions)).not.toContain(token);
    for (const user of users) expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("lets a viewer see the trends and export them, but not open or change campaigns", async () => {
    const viewer = await signIn(base, "viewer.ngo");
    expect((await viewer.get("/dashboard")).status).toBe(200);
    expect((await viewer.get("/dashboard/export?format=csv")).status).toBe(200);
    expect((await viewer.get("/dashboard/campaigns")).status).toBe(403);
    expect((await viewer.post("/dashboard/campaigns", { code: "sneaky", label: "x", language: "en" })).status).toBe(403);
    expect((await viewer.get("/dashboard/campaigns/fair26/qr.svg")).status).toBe(403);
  });

  it("shows an outreach worker their own campaign's reach only, whatever they ask for", async () => {
    const outreach = await signIn(base, "outreach.ana");
    const asked = await outreach.get(`/dashboard/export?format=json&from=${TODAY}&to=${TODAY}&campaign=radio`);
    const body = (await asked.json()) as { filters: { campaign: string }; views: { id: string; series: { name: string; cells: { key: string; value: unknown }[] }[] }[] };
    expect(body.filters.campaign).toBe("fair26");
    const campaigns = body.views.find((v) => v.id === "campaigns")!;
    expect(campaigns.series.find((s) => s.name === "people")!.cells).toEqual([
      { key: "fair26", value: 25 },
      { key: "other", value: "<10" },
      { key: "none", value: "<10" },
    ]);
    const page = await (await outreach.get("/dashboard")).text();
    expect(page).toContain("https://t.me/");
    expect(page).toContain("start=c-fair26_l-ro_d-DE");
    expect(page).not.toContain("Radio spot");
    expect((await outreach.get("/dashboard/campaigns/fair26/qr.png")).status).toBe(200);
    expect((await outreach.get("/dashboard/campaigns/radio/qr.png")).status).toBe(403);
  });

  it("exports CSV and JSON in the documented format, suppressed", async () => {
    const csv = await admin.get(`/dashboard/export?format=csv&from=${TODAY}&to=${TODAY}&view=campaigns`);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="trends-${TODAY}-${TODAY}-campaigns.csv"`);
    expect((await csv.text()).trim().split("\n")).toEqual([
      "view,series,key,value",
      "campaigns,people,fair26,25",
      "campaigns,people,radio,40",
      "campaigns,people,other,<10",
      "campaigns,people,none,<10",
      "campaigns,people,total,65",
      "campaigns,started,fair26,20",
      "campaigns,started,radio,35",
      "campaigns,started,other,<10",
      "campaigns,started,none,<10",
      "campaigns,started,total,55",
    ]);
    const json = (await (await admin.get(`/dashboard/export?format=json&from=${TODAY}&to=${TODAY}&destination=PL`)).json()) as { format: string; views: { id: string }[] };
    expect(json.format).toBe("before-you-go.trends.v1");
    expect(json.views.map((v) => v.id)).toEqual(["activity", "risk", "flows", "signs", "destinations", "origins", "languages", "campaigns", "topics", "invalid"]);
  });

  it("lets an admin create a campaign and get its link and QR code, as PNG and SVG", async () => {
    const created = await admin.post("/dashboard/campaigns", { code: "Bus2027", label: "Bus station posters", language: "bg", destination: "GR" });
    expect(created.status).toBe(200);
    const page = await created.text();
    expect(page).toContain("Bus station posters");
    expect(page).toMatch(/https:\/\/t\.me\/\w+\?start=c-bus2027_l-bg_d-GR/);
    const png = Buffer.from(await (await admin.get("/dashboard/campaigns/bus2027/qr.png")).arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const svg = await (await admin.get("/dashboard/campaigns/bus2027/qr.svg")).text();
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect((await admin.post("/dashboard/campaigns", { code: "bus2027", label: "Again", language: "bg" })).status).toBe(400);
    expect((await admin.post("/dashboard/campaigns", { code: "no spaces!", label: "Bad", language: "bg" })).status).toBe(400);
  });

  it("refuses a form posted from another site, even with a valid session", async () => {
    const cookie = (await client(base).post("/dashboard/login", { name: "admin.ngo", password: PASSWORD })).headers.getSetCookie()[0]!.split(";")[0]!;
    const forged = await fetch(`${base}/dashboard/campaigns`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      body: "code=evil&label=Evil&language=en",
    });
    expect(forged.status).toBe(403);
    const database = await openDatabase(suite.database.url);
    expect(await database.db.campaign.findUnique({ where: { code: "evil" } })).toBeNull();
    await database.close();
  });

  it("ends the session on log out", async () => {
    const cookie = (await client(base).post("/dashboard/login", { name: "viewer.ngo", password: PASSWORD })).headers.getSetCookie()[0]!.split(";")[0]!;
    const session = client(base, cookie);
    expect((await session.get("/dashboard")).status).toBe(200);
    expect((await session.post("/dashboard/logout", {})).status).toBe(303);
    expect((await session.get("/dashboard")).status).toBe(303);
  });

  it("stops checking passwords after repeated failures, even the right one", async () => {
    const anonymous = client(base);
    for (let i = 0; i < MAX_FAILURES; i++) expect((await anonymous.post("/dashboard/login", { name: "admin.ngo", password: `guess ${i}` })).status).toBe(401);
    const blocked = await anonymous.post("/dashboard/login", { name: "admin.ngo", password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.getSetCookie()).toEqual([]);
  });
});
