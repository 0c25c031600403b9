// The README's first command on a fresh clone, with no environment at all: the bot starts in
// preview mode, prints one line with the page's address, serves the page, and stops on
// SIGTERM, writing nothing into the repository. Preview is refused in webhook mode and in
// production.
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { afterAll, describe, expect, it } from "vitest";

const REPO = path.resolve(".");
const TSX = path.join(REPO, "node_modules/tsx/dist/esm/index.mjs");

function run(cwd: string, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ["--import", TSX, path.join(REPO, "src/main.ts"), ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += String(chunk)));
  const lines: string[] = [];
  const announced = new Promise<string>((resolve) =>
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      if (line.startsWith("Preview: open ")) resolve(line);
    }),
  );
  const exited = once(child, "exit").then(([code]) => code as number);
  return { child, announced, exited, lines, stderr: () => stderr };
}

/** What a run could leave in the repository: the default database's folder. */
const repoData = () => (fs.existsSync(path.join(REPO, "data")) ? fs.readdirSync(path.join(REPO, "data")).map((f) => `${f}:${fs.statSync(path.join(REPO, "data", f)).mtimeMs}`) : []);

describe("npm start with no environment at all", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "byg-fresh-"));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it("starts the preview, prints where to open it, serves the page and the dashboard, and stops on SIGTERM", async () => {
    const before = repoData();
    const main = run(home, { PATH: process.env.PATH ?? "", HOME: home });
    const line = await Promise.race([main.announced, main.exited.then((code) => `exited ${code}: ${main.stderr()}`)]);
    expect(line).toMatch(/^Preview: open http:\/\/127\.0\.0\.1:\d+\/preview .*account preview, password \S{12,}$/);
    expect(main.lines).toEqual([line]); // the one line, and no log lines below a warning
    const url = /open (\S+)/.exec(line)![1]!;

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/preview/preview.js"></script>');
    expect((await fetch(new URL("/preview/preview.js", url))).status).toBe(200);
    expect((await fetch(new URL("/dashboard/login", url))).status).toBe(200);

    main.child.kill("SIGTERM");
    expect(await main.exited).toBe(0);
    expect(fs.existsSync(path.join(home, "data", "preview.db"))).toBe(true);
    expect(repoData()).toEqual(before);
  });

  it("refuses the preview in webhook mode and in production", async () => {
    const env = { PATH: process.env.PATH ?? "", HOME: home };
    const webhook = run(home, { ...env, BOT_MODE: "webhook" }, ["--preview"]);
    expect(await webhook.exited).toBe(2);
    expect(webhook.stderr()).toContain("BOT_MODE=webhook: the preview runs only in polling mode");
    const production = run(home, { ...env, NODE_ENV: "production" });
    expect(await production.exited).toBe(2);
    expect(production.stderr()).toContain("BOT_TOKEN is missing");
  });
});
