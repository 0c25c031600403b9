import { describe, expect, it } from "vitest";
import { languageFromTelegram, resolveLanguage } from "../../src/i18n/languages.js";

describe("which language the bot speaks", () => {
  it("prefers the link's language, then the saved choice, then Telegram's, then English", () => {
    expect(resolveLanguage({ payload: "uk", saved: "ro", telegram: "bg" })).toBe("uk");
    expect(resolveLanguage({ saved: "ro", telegram: "bg" })).toBe("ro");
    expect(resolveLanguage({ telegram: "bg" })).toBe("bg");
    expect(resolveLanguage({ telegram: "de" })).toBe("en");
    expect(resolveLanguage({})).toBe("en");
  });

  it("understands Telegram's region and script tags and close neighbours", () => {
    expect(languageFromTelegram("uk-UA")).toBe("uk");
    expect(languageFromTelegram("sr-Latn-RS")).toBe("sr");
    expect(languageFromTelegram("RO")).toBe("ro");
    expect(languageFromTelegram("hr")).toBe("sr");
    expect(languageFromTelegram("bs")).toBe("sr");
    expect(languageFromTelegram("mo")).toBe("ro");
    expect(languageFromTelegram("de-AT")).toBeUndefined();
    expect(languageFromTelegram("")).toBeUndefined();
    expect(languageFromTelegram(undefined)).toBeUndefined();
  });
});
