// Reading an ad finds every match of its pay and hours patterns with allMatches, not matchAll:
// matchAll copies the pattern, and under load V8 compiled each copy again (docs/performance.md,
// item 34). Same answers, no copy.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { allMatches, fold } from "../../src/offer/normalize.js";
import { loadSigns } from "../../src/offer/signs.js";

const ads = (JSON.parse(fs.readFileSync("test/corpus/ads.json", "utf8")) as { text: string }[]).map((a) => fold(a.text).text);
const simple = (found: RegExpMatchArray[]) => found.map((m) => ({ at: m.index, text: m[0], groups: [...m.slice(1)] }));

describe("every match of a pattern in an ad", () => {
  it("is what matchAll finds, on every ad of the corpus, for every global pattern of the signs", () => {
    const patterns = loadSigns().signs.flatMap((s) => s.compiled).filter((p) => p.global);
    let matched = 0;
    for (const text of ads) {
      for (const pattern of patterns) {
        const found = allMatches(pattern, text);
        matched += found.length;
        expect(simple(found)).toEqual(simple([...text.matchAll(pattern)]));
      }
    }
    expect(matched).toBeGreaterThan(100);
  });

  it("finds the empty matches too, without looping on them", () => {
    expect(allMatches(/x*/g, "axxb").map((m) => [m.index, m[0]])).toEqual([[0, ""], [1, "xx"], [3, ""], [4, ""]]);
    expect(allMatches(/\n|[.!?;](?=\s|$)/g, "Lucru. 1.200 euro!\nAzi").map((m) => m.index)).toEqual([5, 17, 18]);
  });

  it("gives the same again on the next ad, whatever the last one left in the pattern", () => {
    const pattern = /\d+/g;
    expect(allMatches(pattern, "12 and 345").map((m) => m[0])).toEqual(["12", "345"]);
    pattern.lastIndex = 7;
    expect(allMatches(pattern, "12 and 345").map((m) => m[0])).toEqual(["12", "345"]);
  });

  it("runs the pattern itself, never a copy of it", () => {
    let copies = 0;
    class Counted extends RegExp {
      static override get [Symbol.species]() {
        copies++;
        return RegExp;
      }
    }
    const pattern = new Counted("a", "g");
    [..."banana".matchAll(pattern)];
    expect(copies).toBe(1); // what matchAll does
    expect(allMatches(pattern, "banana")).toHaveLength(3);
    expect(copies).toBe(1);
  });

  it("refuses a pattern that is not global, which would find the first match forever", () => {
    expect(() => allMatches(/a/, "banana")).toThrow(/global/);
  });
});
