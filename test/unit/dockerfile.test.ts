// No Docker engine runs here, so the Dockerfile is checked for what can go wrong without one:
// every command it runs exists, every file it copies exists, and it follows our rules.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const dockerfile = fs.readFileSync("Dockerfile", "utf8").replace(/\\\n/g, " ");
const instructions = dockerfile
  .split("\n")
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith("#"));
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
const build = JSON.parse(fs.readFileSync("tsconfig.build.json", "utf8")) as { compilerOptions: { outDir: string } };

describe("the Dockerfile", () => {
  it("builds in stages on node:20-bookworm-slim", () => {
    const froms = instructions.filter((i) => i.startsWith("FROM "));
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const from of froms) expect(from).toMatch(/^FROM node:20-bookworm-slim\b/);
  });

  it("runs only npm scripts that package.json has, and installs from the lock file", () => {
    const runs = instructions.filter((i) => i.startsWith("RUN ")).join(" ");
    expect(runs).toContain("npm ci");
    const scripts = [...runs.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it("copies only files that exist in the repository", () => {
    for (const copy of instructions.filter((i) => i.startsWith("COPY ") && !i.includes("--from="))) {
      const sources = copy.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(fs.existsSync(source), source).toBe(true);
    }
  });

  it("starts the compiled entry point that the build produces, as a non-root user", () => {
    const cmd = instructions.filter((i) => i.startsWith("CMD ")).at(-1)!;
    const entry = JSON.parse(cmd.slice(4)) as string[];
    expect(entry[0]).toBe("node");
    expect(entry.at(-1)).toBe(`${build.compilerOptions.outDir}/main.js`);
    expect(fs.existsSync("src/main.ts")).toBe(true);
    const user = instructions.filter((i) => i.startsWith("USER ")).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
  });

  it("runs the bot with the same heap limit and garbage collection as npm start and npm run start:dist (docs/performance.md)", () => {
    const cmd = JSON.parse(instructions.filter((i) => i.startsWith("CMD ")).at(-1)!.slice(4)) as string[];
    expect(cmd.find((a) => a.startsWith("--max-old-space-size="))).toBeDefined();
    const v8Flags = (words: string[]) => words.filter((w) => w.startsWith("--") && !["--enable-source-maps", "--import", "--preview"].includes(w));
    for (const script of ["start", "start:dist", "preview"]) expect(v8Flags(pkg.scripts[script]!.split(/\s+/)), script).toEqual(v8Flags(cmd));
  });

  it("gives the final image every folder the compiled code reads at run time", () => {
    // src/ reads ../../<dir> from dist/<module>/: those folders must sit beside dist/.
    const read = new Set<string>();
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = `${dir}/${e.name}`;
        if (e.isDirectory() && e.name !== "generated") walk(full);
        else if (full.endsWith(".ts")) for (const m of fs.readFileSync(full, "utf8").matchAll(/"\.\.\/\.\.\/(\w+)"/g)) read.add(m[1]!);
      }
    };
    walk("src");
    expect([...read].sort()).toEqual(["content", "locales"]);
    const final = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
    for (const dir of read) expect(final).toMatch(new RegExp(`^COPY ${dir} \\./${dir}$`, "m"));
  });

  it("builds the dashboard's scripts and styles into dist/, beside the code that serves them", () => {
    expect(pkg.scripts.build).toContain("src/dashboard/assets");
    expect(pkg.scripts.build).toContain(`${build.compilerOptions.outDir}/dashboard/assets`);
  });

  it("checks health on /healthz", () => {
    expect(instructions.find((i) => i.startsWith("HEALTHCHECK "))).toContain("/healthz");
  });

  it("leaves local state and secrets out of the build context", () => {
    const ignored = fs.readFileSync(".dockerignore", "utf8").split("\n");
    for (const entry of ["node_modules", "data", ".git", "*.db"]) expect(ignored).toContain(entry);
  });
});
