// The NGO's terminal tools: creating a dashboard account, and printing the trends, suppressed
// exactly as on the dashboard.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";
import { seedCounters } from "../support/trends.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase } from "../../src/db/client.js";
import { createAccounts } from "../../src/dashboard/accounts.js";
import { systemClock } from "../../src/session/storage.js";

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: string, databaseUrl: string, args: string[], input?: string): Promise<Result> {
  return new Promise((resolve) => {
    const child = execFile(
      "node",
      ["--import", "tsx", script, ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end(input ?? "");
  });
}

describe("npm run user:add", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
  });
  afterAll(() => database.drop());

  it("creates an account whose password then signs in, hashed with argon2id", async () => {
    const result = await cli("src/cli/user-add.ts", database.url, ["--name", "maria.ngo", "--role", "admin"], "a long enough password\n");
    expect(result).toMatchObject({ code: 0, stdout: "Created admin maria.ngo.\n" });
    const open = await openDatabase(database.url);
    const accounts = createAccounts(open.db, systemClock);
    expect(await accounts.check("maria.ngo", "a long enough password")).toMatchObject({ name: "maria.ngo", role: "admin", campaign: null });
    expect(await accounts.check("maria.ngo", "wrong password!!")).toBeUndefined();
    expect((await open.db.dashboardUser.findFirst())!.passwordHash).toMatch(/^\$argon2id\$/);
    await open.close();
  });

  it("generates and prints a strong password when none is given, and limits an outreach worker to a campaign", async () => {
    const result = await cli("src/cli/user-add.ts", database.url, ["--name", "ana.outreach", "--role", "viewer", "--campaign", "fair26"]);
    expect(result.code).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(result.stdout)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(20);
    const open = await openDatabase(database.url);
    expect(await createAccounts(open.db, systemClock).check("ana.outreach", password)).toMatchObject({ role: "viewer", campaign: "fair26" });
    await open.close();
  });

  it("refuses a name that is taken", async () => {
    const result = await cli("src/cli/user-add.ts", database.url, ["--name", "maria.ngo", "--role", "viewer"], "another long password\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("already exists");
  });

  it.each([
    [["--name", "x", "--role", "admin"], "--name"],
    [["--name", "sam.ngo", "--role", "owner"], "--role"],
    [["--name", "sam.ngo", "--role", "admin", "--campaign", "fair26"], "only a viewer"],
    [["--name", "sam.ngo"], "--role"],
    [["--name", "sam.ngo", "--role", "admin", "--verbose"], "Unknown option"],
  ])("prints usage and exits 2 for %j", async (args, problem) => {
    const result = await cli("src/cli/user-add.ts", database.url, args, "a long enough password\n");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(problem);
    expect(result.stderr).toContain("Usage: npm run --silent user:add");
  });

  it("refuses a short password", async () => {
    const result = await cli("src/cli/user-add.ts", database.url, ["--name", "sam.ngo", "--role", "admin"], "short\n");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--password: at least 12 characters");
  });
});

describe("npm run report", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    await migrate(database.url);
    await seedCounters(database.url, [
      { day: "2026-11-20", metric: "band", value: "high", destination: "DE", count: 12 },
      { day: "2026-11-21", metric: "band", value: "high", destination: "DE", count: 4 },
      { day: "2026-11-21", metric: "band", value: "low", destination: "PL", count: 33 },
      { day: "2026-11-22", metric: "sign", value: "upfront_fee", destination: "DE", count: 7 },
      { day: "2026-12-05", metric: "band", value: "high", destination: "DE", count: 50 },
    ]);
  });
  afterAll(() => database.drop());

  it("prints the views for the dates asked, small counts as <10 and the rest rounded", async () => {
    const result = await cli("src/cli/report.ts", database.url, ["--from", "2026-11-20", "--to", "2026-11-22"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Before You Go trends, 2026-11-20 to 2026-11-22");
    const risk = lines.slice(lines.indexOf("== risk"), lines.indexOf("== flows"));
    expect(risk.map((l) => l.trim().split(/\s+/))).toEqual([
      ["==", "risk"],
      ["low", "medium", "high"],
      ["2026-11-20", "<10", "<10", "10"],
      ["2026-11-21", "35", "<10", "<10"],
      ["2026-11-22", "<10", "<10", "<10"],
      ["total", "35", "<10", "15"],
      [""],
    ]);
    expect(result.stdout).not.toMatch(/\b(12|33|4|7)\b/);
  });

  it("prints the same aggregates as JSON, filtered", async () => {
    const result = await cli("src/cli/report.ts", database.url, ["--from", "2026-11-01", "--to", "2026-12-31", "--period", "week", "--destination", "DE", "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { format: string; filters: Record<string, string>; views: { id: string; series: { name: string; total: unknown }[] }[] };
    expect(report.format).toBe("before-you-go.trends.v1");
    expect(report.filters).toEqual({ from: "2026-11-01", to: "2026-12-31", period: "week", destination: "DE" });
    const high = report.views.find((v) => v.id === "risk")!.series.find((s) => s.name === "high")!;
    expect(high.total).toBe(65); // 12 + 4 + 50, rounded
  });

  it.each([
    [["--from", "2026-11-20"], "--to"],
    [["--from", "2026-11-22", "--to", "2026-11-20"], "from must not be after to"],
    [["--from", "20/11/2026", "--to", "2026-11-22"], "--from"],
    [["--from", "2026-11-20", "--to", "2026-11-22", "--campaign", "Bad Code"], "--campaign"],
  ])("prints usage and exits 2 for %j", async (args, problem) => {
    const result = await cli("src/cli/report.ts", database.url, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(problem);
    expect(result.stderr).toContain("Usage: npm run --silent report");
  });
});
