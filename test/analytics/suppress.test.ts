// No small count is ever shown, and none can be worked out from a total.
import { describe, expect, it } from "vitest";
import { shown, suppressSeries } from "../../src/analytics/suppress.js";

const series = (counts: Record<string, number>) => ({ name: "count", cells: Object.entries(counts).map(([key, count]) => ({ key, count })) });

describe("suppression and rounding", () => {
  it("shows every count under 10 as <10, zero included", () => {
    expect([0, 1, 5, 9].map(shown)).toEqual(["<10", "<10", "<10", "<10"]);
  });

  it("rounds every other count to the nearest 5", () => {
    expect([10, 12, 13, 17, 18, 22, 23, 100, 1234].map(shown)).toEqual([10, 10, 15, 15, 20, 20, 25, 100, 1235]);
  });

  it("hides the next smallest cell when a single small one could be worked out from the total", () => {
    // Total 73 minus 40 and 30 would give the 3 away; hiding the 30 too makes that impossible.
    const result = suppressSeries(series({ DE: 40, IT: 30, PL: 3 }));
    expect(result.cells).toEqual([
      { key: "DE", value: 40 },
      { key: "IT", value: "hidden" },
      { key: "PL", value: "<10" },
    ]);
    expect(result.total).toBe(75);
  });

  it("needs no second cell when two or more are already small", () => {
    const result = suppressSeries(series({ DE: 40, IT: 3, PL: 4 }));
    expect(result.cells.map((c) => c.value)).toEqual([40, "<10", "<10"]);
  });

  it("hides nothing more when nothing is small", () => {
    const result = suppressSeries(series({ DE: 40, IT: 12 }));
    expect(result.cells.map((c) => c.value)).toEqual([40, 10]);
    expect(result.total).toBe(50);
  });

  it("breaks a tie for the second cell by key, so the same data always hides the same cell", () => {
    const result = suppressSeries(series({ b: 20, a: 20, c: 1 }));
    expect(result.cells).toEqual([
      { key: "b", value: 20 },
      { key: "a", value: "hidden" },
      { key: "c", value: "<10" },
    ]);
  });

  it("suppresses the total like any other count", () => {
    expect(suppressSeries(series({ DE: 4, IT: 3 })).total).toBe("<10");
  });
});
