// Job ads come in eight languages, in Cyrillic and Latin script, with diacritics or without,
// with Russian or Serbian typed in Latin letters ("zarplata", "plata"), and with typos.
// Text and patterns are both folded to one form before matching:
//   lower case · no diacritics · Cyrillic transliterated · ch/sh/zh → c/s/z (so "час", "chas"
//   and "čas" meet) · a doubled letter → one ("passport", "pasport") · runs of spaces → one.
// Each folded character remembers where it came from, so evidence is quoted from the original.

const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", ђ: "dj", е: "e", ё: "e", є: "e", ж: "z", з: "z", ѕ: "dz",
  и: "i", і: "i", ї: "i", й: "i", ј: "j", к: "k", л: "l", љ: "lj", м: "m", н: "n", њ: "nj", о: "o", п: "p",
  р: "r", с: "s", т: "t", ћ: "c", ќ: "k", ѓ: "g", у: "u", ў: "u", ф: "f", х: "h", ц: "c", ч: "c", џ: "dz",
  ш: "s", щ: "st", ъ: "a", ы: "y", ь: "", э: "e", ю: "yu", я: "ya",
};

const LATIN_EXTRA: Record<string, string> = { đ: "dj", ß: "ss", æ: "ae", ø: "o", ł: "l", œ: "oe", ı: "i" };

/** Characters that are not there at all for matching: zero-width and direction marks, soft hyphens. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

export interface Folded {
  text: string;
  /** For each character of `text`, the index of the original character it came from. */
  origin: number[];
}

const folds = new Map<string, string>();

/** A character's folded form; memoised, since ads use few distinct characters. */
function foldChar(char: string): string {
  let folded = folds.get(char);
  if (folded === undefined) {
    folded = foldOne(char);
    if (folds.size < 4096) folds.set(char, folded);
  }
  return folded;
}

function foldOne(char: string): string {
  if (INVISIBLE.test(char)) return "";
  if (char === "\n" || char === "\r") return "\n";
  if (/\s/.test(char)) return " ";
  const lower = char.toLowerCase();
  return CYRILLIC[lower] ?? LATIN_EXTRA[lower] ?? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

export function fold(original: string): Folded {
  let text = "";
  const origin: number[] = [];
  for (let i = 0; i < original.length; i++) {
    for (const out of foldChar(original[i]!)) {
      const previous = text[text.length - 1];
      if (out === previous && /[a-z \n]/.test(out)) continue; // doubled letter, space or line break
      if (out === "h" && (previous === "c" || previous === "s" || previous === "z")) continue; // ch, sh, zh
      text += out;
      origin.push(i);
    }
  }
  return { text, origin };
}

/** A pattern written in ordinary spelling (any script), folded the same way as the text. */
export function foldedRegExp(source: string, flags = "g"): RegExp {
  return new RegExp(foldPattern(source), flags);
}

/**
 * Folds the words of a pattern but leaves its escapes alone: "\\bбез" must become "\\bbez",
 * not "\\bez" (a doubled "b"), and "\\sh" must not lose its "h" to the "sh" rule.
 */
export function foldPattern(source: string): string {
  let out = "";
  for (const part of source.split(/(\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S]))/)) {
    out += part.startsWith("\\") ? part : fold(part).text;
  }
  return out;
}

/** The original text behind folded[start, end). */
export function quote(original: string, folded: Folded, start: number, end: number): string {
  if (end <= start) return "";
  const from = folded.origin[start]!;
  // Up to where the next folded character starts: this takes in letters folding dropped
  // (the second "p" of "WhatsApp", the "h" of "ch") and both halves of an emoji.
  const last = end < folded.origin.length ? folded.origin[end]! : original.length;
  return original.slice(from, last).replace(/\s+/g, " ").trim();
}
