// The prefilter only saves time: it must never skip a pattern that would have matched.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSigns } from "../../src/offer/signs.js";
import { fold } from "../../src/offer/normalize.js";
import { candidates, leadingWords } from "../../src/offer/prefilter.js";

describe("the pattern prefilter", () => {
  it("reads the words a pattern cannot match without", () => {
    expect(leadingWords("(?:\\bjob\\b|work|employer).{0,30}(?:decided|determined).{0,25}(?:on arival|there)")).toEqual(["decided", "determined"]);
    expect(leadingWords("pa[s]aport\\w*")).toEqual(["pasaport"]);
    expect(leadingWords("\\bfes?\\b")).toBeNull(); // "fe" alone is too short to file
    expect(leadingWords("(?:tax)?a\\b")).toBeNull(); // an optional group proves nothing
    expect(leadingWords("abc|de")).toBeNull(); // every alternative needs a word
  });

  it("never skips a pattern that matches an ad of either corpus", () => {
    const book = loadSigns();
    const patterns = book.signs.flatMap((s) => s.compiled);
    const ads = ["test/corpus/ads.json", "test/corpus/ads-holdout.json"]
      .filter((file) => fs.existsSync(file))
      .flatMap((file) => (JSON.parse(fs.readFileSync(file, "utf8")) as { text: string }[]).map((a) => a.text));
    let checked = 0;
    for (const ad of ads) {
      const text = fold(ad).text;
      const worth = candidates(text, book.filter);
      patterns.forEach((pattern, i) => {
        pattern.lastIndex = 0;
        if (pattern.test(text)) {
          checked++;
          expect(worth[i], `${pattern.source.slice(0, 60)} on "${ad.slice(0, 40)}"`).toBe(1);
        }
      });
    }
    expect(checked).toBeGreaterThan(100);
  });
});
