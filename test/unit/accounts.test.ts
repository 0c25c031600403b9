// Dashboard accounts: sessions that end, and a sign-in limit that forgets in time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { createAccounts, SESSION_HOURS } from "../../src/dashboard/accounts.js";
import { createLoginLimit, MAX_FAILURES, MAX_KEYS, WINDOW_MS } from "../../src/dashboard/login-limit.js";

function clockAt(iso: string) {
  let now = new Date(iso);
  return { now: () => now, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

describe("dashboard sessions", () => {
  let database: TestDatabase;
  let open: OpenDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await migrate(database.url);
    open = await openDatabase(database.url);
  });
  afterAll(async () => {
    await open.close();
    await database.drop();
  });

  it(`last ${SESSION_HOURS} hours, then need a new sign-in, and are purged`, async () => {
    const clock = clockAt("2026-11-28T08:00:00Z");
    const accounts = createAccounts(open.db, clock);
    await accounts.create({ name: "lena.ngo", role: "viewer", password: "a long enough password" });
    const account = (await accounts.check("lena.ngo", "a long enough password"))!;
    const token = await accounts.startSession(account);
    clock.advance(SESSION_HOURS * 3_600_000 - 1000);
    expect(await accounts.fromSession(token)).toMatchObject({ name: "lena.ngo" });
    clock.advance(1000);
    expect(await accounts.fromSession(token)).toBeUndefined();
    expect(await accounts.purgeSessions()).toBe(1);
    expect(await accounts.fromSession("a-token-nobody-was-given")).toBeUndefined();
  });
});

describe("the failed sign-in limit", () => {
  it(`blocks after ${MAX_FAILURES} failures and lets the person try again once the window has passed`, () => {
    const clock = clockAt("2026-11-28T08:00:00Z");
    const limit = createLoginLimit(clock);
    const keys = ["name:lena.ngo", "address:10.0.0.7"];
    for (let i = 0; i < MAX_FAILURES - 1; i++) limit.failed(keys);
    expect(limit.blocked(keys)).toBe(false);
    limit.failed(keys);
    expect(limit.blocked(keys)).toBe(true);
    expect(limit.blocked(["name:someone.else", "address:10.0.0.7"])).toBe(true); // the same address
    expect(limit.blocked(["name:someone.else", "address:10.0.0.8"])).toBe(false);
    clock.advance(WINDOW_MS);
    expect(limit.blocked(keys)).toBe(false);
  });

  it("keeps its memory bounded whatever the number of names tried", () => {
    const limit = createLoginLimit(clockAt("2026-11-28T08:00:00Z"));
    for (let i = 0; i < 50_000; i++) limit.failed([`name:guess${i}`]);
    expect(limit.size()).toBe(MAX_KEYS);
    for (let i = 0; i < MAX_FAILURES; i++) limit.failed(["name:guess49999"]);
    expect(limit.blocked(["name:guess49999"])).toBe(true);
  });
});
