// Every word in every language: same keys as English, the plural forms each language needs,
// the same placeholders, HTML Telegram accepts, and no user-facing text written in src/.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { readLocale } from "../../src/i18n/index.js";
import { LANGUAGES } from "../../src/i18n/languages.js";
import { htmlProblems } from "../support/html.js";

type Flat = Map<string, string>;
const PLURAL = /_(zero|one|two|few|many|other)$/;
/** Texts Telegram shows as plain text (buttons, the command list, the profile); all others are HTML. */
const PLAIN = /^(buttons|commands|profile)\.|^language\.name$/;

function flatten(tree: Record<string, unknown>, prefix = "", out: Flat = new Map()): Flat {
  for (const [key, value] of Object.entries(tree)) {
    if (value && typeof value === "object") flatten(value as Record<string, unknown>, `${prefix}${key}.`, out);
    else out.set(`${prefix}${key}`, String(value));
  }
  return out;
}

const locales = Object.fromEntries(LANGUAGES.map((lang) => [lang, flatten(readLocale(lang))])) as Record<string, Flat>;
const english = locales.en!;
const bases = (flat: Flat) => new Set([...flat.keys()].map((k) => k.replace(PLURAL, "")));
const pluralBases = new Set([...english.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe.each(LANGUAGES.filter((l) => l !== "en"))("the %s translation", (lang) => {
  const locale = locales[lang]!;
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  it("has every text English has, and nothing else", () => {
    expect([...bases(locale)].sort()).toEqual([...bases(english)].sort());
  });

  it("has exactly the plural forms the language needs", () => {
    for (const base of pluralBases) {
      const forms = [...locale.keys()].filter((k) => k.replace(PLURAL, "") === base && PLURAL.test(k));
      expect(forms.map((k) => k.match(PLURAL)![1]).sort(), base).toEqual([...categories].sort());
    }
  });

  it("uses the same placeholders as English", () => {
    for (const [key, text] of locale) {
      const source = english.get(key) ?? english.get(key.replace(PLURAL, "_other"))!;
      expect(variables(text), key).toEqual(variables(source));
    }
  });
});

const pages = LANGUAGES.filter((l) => l !== "en").flatMap((lang) => (["dashboard", "preview"] as const).map((page) => [lang, page] as const));
describe.each(pages)("the %s %s page", (lang, page) => {
  const english = flatten(readLocale("en", undefined, page));
  const locale = flatten(readLocale(lang, undefined, page));

  it("has every text English has, with the same placeholders, none empty", () => {
    expect([...locale.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of locale) {
      expect(text.trim(), key).not.toBe("");
      expect(variables(text), key).toEqual(variables(english.get(key)!));
    }
  });
});

describe("every text in every language", () => {
  it("is non-empty, valid Telegram HTML, within Telegram's limits", () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of locales[lang]!) {
        expect(text.trim(), `${lang}:${key}`).not.toBe("");
        if (!PLAIN.test(key)) expect(htmlProblems(text), `${lang}:${key}`).toEqual([]);
        if (key.startsWith("commands.")) expect(text.length, `${lang}:${key}`).toBeLessThanOrEqual(256);
        if (key.startsWith("buttons.")) expect(text.length, `${lang}:${key}`).toBeLessThanOrEqual(64);
      }
      expect(locales[lang]!.get("profile.short_description")!.length).toBeLessThanOrEqual(120);
      expect(locales[lang]!.get("profile.description")!.length).toBeLessThanOrEqual(512);
    }
  });

  it("English has both plural forms it needs", () => {
    for (const base of pluralBases) {
      for (const c of new Intl.PluralRules("en").resolvedOptions().pluralCategories) expect(english.has(`${base}_${c}`)).toBe(true);
    }
  });
});

describe("the code", () => {
  const SENDERS = new Set(["reply", "text", "url", "answerCallbackQuery", "editMessageText", "sendMessage", "answerInlineQuery", "setMyDescription", "setMyShortDescription"]);
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === "generated" ? [] : files(full);
      return full.endsWith(".ts") ? [full] : [];
    });
  const hasWords = (node: ts.Node): boolean => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return /\p{L}{2,}/u.test(node.text);
    if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].some((t) => /\p{L}{2,}/u.test(t));
    if (ts.isObjectLiteralExpression(node))
      return node.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === "text" && hasWords(p.initializer));
    return false;
  };

  it("writes no user-facing text in src/: every word comes from locales/", () => {
    const found: string[] = [];
    for (const file of files("src")) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node)) {
          const callee = node.expression;
          const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : "";
          if (SENDERS.has(name) && node.arguments.some(hasWords)) found.push(`${file}: ${node.getText().slice(0, 80)}`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });

  it("catches a literal sentence sent to the user (the check above can fail)", () => {
    const source = ts.createSourceFile("x.ts", 'ctx.reply("Hello there"); kb.text(`Back ${x}`, "menu");', ts.ScriptTarget.Latest, true);
    const calls: ts.CallExpression[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) calls.push(node);
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(calls.filter((c) => c.arguments.some(hasWords))).toHaveLength(2);
  });
});
