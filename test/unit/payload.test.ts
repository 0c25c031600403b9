import { describe, expect, it } from "vitest";
import { formatStartPayload, parseStartPayload } from "../../src/links/payload.js";

describe("the /start link payload of outreach campaigns", () => {
  it("reads a campaign, a language and a destination, in any order", () => {
    expect(parseStartPayload("c-busfair26_l-ro_d-DE")).toEqual({ campaign: "busfair26", language: "ro", destination: "DE" });
    expect(parseStartPayload("d-it_c-SCHOOL1")).toEqual({ campaign: "school1", destination: "IT" });
    expect(parseStartPayload("l-UK")).toEqual({ language: "uk" });
  });

  it("round-trips what the dashboard will print on leaflets", () => {
    const payload = { campaign: "chisinau", language: "ru" as const, destination: "PL" };
    expect(parseStartPayload(formatStartPayload(payload))).toEqual(payload);
    expect(formatStartPayload(payload).length).toBeLessThanOrEqual(64);
  });

  it.each([
    ["nothing", undefined],
    ["empty", ""],
    ["an unknown language", "l-de"],
    ["an unknown key", "x-1"],
    ["a repeated key", "c-a_c-b"],
    ["a three-letter country", "d-DEU"],
    ["characters Telegram does not allow", "c-a b"],
    ["a campaign with a hyphen", "c-bus-fair"],
    ["a campaign over 32 characters", `c-${"a".repeat(33)}`],
    ["a payload over 64 characters", `c-${"a".repeat(30)}_l-ro_d-DE_${"x".repeat(30)}`],
    ["a lone separator", "_"],
    ["a key without value", "c-"],
  ])("ignores %s", (_name, raw) => {
    expect(parseStartPayload(raw)).toBeUndefined();
  });
});
