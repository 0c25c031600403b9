// The warning signs as data, the risk rule, and the questions that reveal each sign.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSigns, riskBand, SIGN_IDS, signsFileSchema, type SignId } from "../../src/offer/signs.js";
import { loadQuestions, scoreAnswers } from "../../src/offer/questions.js";
import { createTranslations } from "../../src/i18n/index.js";
import { LANGUAGES } from "../../src/i18n/languages.js";
import { CALLBACK, parseCallback } from "../../src/bot/callbacks.js";

const book = loadSigns();
const questions = loadQuestions();

describe("the warning signs", () => {
  it("are exactly the canonical ids of the shared reference, each once", () => {
    const reference = fs.readFileSync("../shared/reference/warning-signs.md", "utf8");
    const canonical = [...reference.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);
    expect([...SIGN_IDS].sort()).toEqual(canonical.sort());
    expect(book.signs.map((s) => s.id).sort()).toEqual([...SIGN_IDS].sort());
  });

  it("refuses a data file with a broken pattern or a missing sign", () => {
    const file = JSON.parse(fs.readFileSync("content/warning-signs.json", "utf8")) as { signs: { id: string; patterns: string[] }[] };
    const broken = structuredClone(file);
    broken.signs[0]!.patterns.push("(unclosed");
    expect(signsFileSchema.safeParse(broken).success).toBe(false);
    const upper = structuredClone(file);
    upper.signs[0]!.patterns.push("fee\\Sx");
    expect(signsFileSchema.safeParse(upper).success).toBe(false);
    const missing = structuredClone(file);
    missing.signs.pop();
    expect(signsFileSchema.safeParse(missing).success).toBe(false);
  });

  it("each have a name, why it matters, what to do and what to ask, in every language", () => {
    const t = createTranslations();
    for (const lang of LANGUAGES) {
      for (const id of SIGN_IDS) {
        for (const part of ["name", "why", "todo", "ask"]) {
          const key = `signs.${id}.${part}`;
          expect(t.t(lang)(key), `${lang} ${key}`).not.toBe(key);
        }
      }
    }
  });

  it("are each revealed by a guided question (the pay question covers the two pay signs)", () => {
    const asked = new Set(questions.guided.flatMap((q) => ("sign" in q ? [q.sign] : [])));
    for (const id of SIGN_IDS.filter((s) => s !== "below_minimum_wage" && s !== "unrealistic_pay")) expect(asked.has(id), id).toBe(true);
    expect(questions.guided.some((q) => q.kind === "pay")).toBe(true);
  });
});

describe("the risk band", () => {
  const band = (...ids: SignId[]) => riskBand(ids, book);

  it("is low with no sign, or one weak sign", () => {
    expect(band()).toBe("low");
    expect(band("informal_channel")).toBe("low");
    expect(band("pressure_urgency")).toBe("low");
  });

  it("is at least medium with any of fees, passport, third-party pay, secrecy or targeting", () => {
    for (const id of ["upfront_fee", "document_retention", "third_party_payment", "secrecy", "targeting_profile"] as const) expect(band(id)).toBe("medium");
  });

  it("is medium with one moderate sign or two weak ones", () => {
    expect(band("no_written_contract")).toBe("medium");
    expect(band("informal_channel", "pressure_urgency")).toBe("medium");
  });

  it("is high with two strong signs, or enough others together", () => {
    expect(band("upfront_fee", "document_retention")).toBe("high");
    expect(band("no_written_contract", "excessive_hours", "vague_employer", "informal_channel")).toBe("high");
    expect(band("upfront_fee", "no_written_contract", "pressure_urgency", "informal_channel")).toBe("high");
  });

  it("counts a sign once however often it is found", () => {
    expect(band("informal_channel", "informal_channel")).toBe("low");
  });
});

describe("scoring answers", () => {
  const yesNo = questions.followUps;

  it("flags a sign by the answer that reveals it, in either direction", () => {
    const scored = scoreAnswers(yesNo, ["no", "yes", "no", "no"], [], book); // passport no, fee yes, contract no, travel no
    expect(scored.flagged.sort()).toEqual(["no_written_contract", "upfront_fee"]);
    expect(scored.risk).toBe("medium");
  });

  it("keeps 'not sure' apart, to find out, without raising the risk", () => {
    const scored = scoreAnswers(yesNo, ["unsure", "unsure", "unsure", "unsure"], [], book);
    expect(scored).toEqual({ risk: "low", flagged: [], unknown: yesNo.map((q) => q.sign) });
  });
});

describe("the summary button", () => {
  it("carries the result in at most 64 bytes and reads back the same", () => {
    const all = [...SIGN_IDS];
    const data = CALLBACK.summary("high", "AE", all);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(parseCallback(data)).toEqual({ kind: "summary", risk: "high", country: "AE", signs: all });
    expect(parseCallback(CALLBACK.summary("low", null, []))).toEqual({ kind: "summary", risk: "low", country: null, signs: [] });
    expect(parseCallback("sum:high:DE:zz")).toBeUndefined();
  });
});
