// The command line outreach workers and NGOs use: an ad on standard input, the analysis out.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function offerCheck(args: string[], input: string) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/offer-check.ts", ...args], { input, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const AD = "Lucru în Germania! 6 €/oră, 12 ore pe zi, 7 zile din 7.\nTaxa de înscriere 150 euro.\nPașaportul rămâne la noi. Plecare mâine!";

describe("npm run offer:check", () => {
  it("prints exactly one JSON object with the risk, the country, the pay and each sign's phrase", () => {
    const { code, stdout } = offerCheck(["--json"], AD);
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const result = JSON.parse(stdout) as { risk: string; country: string; pay: Record<string, unknown>; signs: { id: string; evidence: string }[] };
    expect(Object.keys(result)).toEqual(["risk", "country", "pay", "signs"]);
    expect(result.risk).toBe("high");
    expect(result.country).toBe("DE");
    expect(result.pay).toMatchObject({ amount: 6, currency: "EUR", per: "hour", belowMinimum: true, minimumHourly: 13.9 });
    const ids = result.signs.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["upfront_fee", "document_retention", "below_minimum_wage", "excessive_hours", "pressure_urgency"]));
    for (const sign of result.signs) expect(AD.replace(/\s+/g, " ")).toContain(sign.evidence.split(", ")[0]);
  });

  it("takes the country from --country over the text, and gives null pay when there is none", () => {
    const { stdout } = offerCheck(["--json", "--country", "pl"], "Работа на складе. Звоните.");
    expect(JSON.parse(stdout)).toMatchObject({ country: "PL", pay: null });
  });

  it("prints the analysis as text in the language asked for", () => {
    const { code, stdout } = offerCheck(["--lang", "ro"], AD);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/<\/?b>/);
    expect(stdout).toContain("Taxa de înscriere 150 euro");
  });

  it.each([
    [["--lang", "de"]],
    [["--country", "Germany"]],
    [["--verbose"]],
    [["extra"]],
  ])("prints usage and exits 2 for bad arguments %j", (args) => {
    const { code, stderr } = offerCheck(args, AD);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: npm run --silent offer:check");
  });

  it("exits 2 on an empty ad", () => {
    expect(offerCheck(["--json"], "  \n").code).toBe(2);
  });
});
