// Job ads come in eight languages, in Cyrillic and Latin script, with diacritics or without,
// with Russian or Serbian typed in Latin letters ("zarplata", "plata"), and with typos.
// Text and patterns are both folded to one form before matching:
//   lower case · no diacritics · Cyrillic transliterated · ch/sh/zh → c/s/z (so "час", "chas"
//   and "čas" meet) · kh → h ("vykhidni", "вихідні") · y → i, so that the ways Russian and
//   Ukrainian are typed in Latin letters meet the Cyrillic ("tyzhden" and "тиждень", "ya" and
//   "ia" for я, "ye" and "ie" for є) · a doubled letter → one ("passport", "pasport") · runs of
//   spaces → one.
// Each folded character remembers where it came from, so evidence is quoted from the original.

const CYRILLIC: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", ґ: "g", д: "d", ђ: "dj", е: "e", ё: "e", є: "ie", ж: "z", з: "z", ѕ: "dz",
  и: "i", і: "i", ї: "i", й: "i", ј: "j", к: "k", л: "l", љ: "lj", м: "m", н: "n", њ: "nj", о: "o", п: "p",
  р: "r", с: "s", т: "t", ћ: "c", ќ: "k", ѓ: "g", у: "u", ў: "u", ф: "f", х: "h", ц: "c", ч: "c", џ: "dz",
  ш: "s", щ: "st", ъ: "a", ы: "i", ь: "", э: "e", ю: "iu", я: "ia",
};

const LATIN_EXTRA: Record<string, string> = { đ: "dj", ß: "ss", æ: "ae", ø: "o", ł: "l", œ: "oe", ı: "i", y: "i", ý: "i", ÿ: "i" };

/** Characters that are not there at all for matching: zero-width and direction marks, soft hyphens. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/;

export interface Folded {
  text: string;
  /** For each character of `text`, the index of the original character it came from. */
  origin: number[];
}

/** Folded form by UTF-16 code unit, filled as characters are met. */
const folds: (string | undefined)[] = new Array(65536);

function foldChar(code: number): string {
  let folded = folds[code];
  if (folded === undefined) folds[code] = folded = foldOne(String.fromCharCode(code));
  return folded;
}

function foldOne(char: string): string {
  if (INVISIBLE.test(char)) return "";
  if (char === "\n" || char === "\r") return "\n";
  if (/\s/.test(char)) return " ";
  const lower = char.toLowerCase();
  return CYRILLIC[lower] ?? LATIN_EXTRA[lower] ?? lower.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

const isMergeable = (c: number) => (c >= 97 && c <= 122) || c === 32 || c === 10; // a-z, space, line break
const H = 104;
const K = 107;

export function fold(original: string): Folded {
  const out: string[] = [];
  const origin: number[] = [];
  let previous = -1;
  for (let i = 0; i < original.length; i++) {
    const folded = foldChar(original.charCodeAt(i));
    for (let j = 0; j < folded.length; j++) {
      const c = folded.charCodeAt(j);
      if (c === previous && isMergeable(c)) continue; // doubled letter, space or line break
      if (c === H && (previous === 99 || previous === 115 || previous === 122)) continue; // ch, sh, zh
      if (c === H && previous === K) {
        out[out.length - 1] = "h"; // kh: the Latin spelling of х ("vykhodnoi", "khranitsia")
        previous = c;
        continue;
      }
      out.push(folded[j]!);
      origin.push(i);
      previous = c;
    }
  }
  return { text: out.join(""), origin };
}

/**
 * Every match of a global pattern in `text`, in order: String.prototype.matchAll, without the
 * copy of the pattern it makes. V8 keeps a copy's compiled code in a cache that two full
 * garbage collections empty; under load those come every second or so, and each ad then
 * compiled its patterns again, up to 15 ms of the bot's only thread (docs/performance.md,
 * item 34). The pattern itself keeps its code while it is used.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern: /${pattern.source}/${pattern.flags}`);
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0] === "") pattern.lastIndex++;
    found.push(m);
  }
  return found;
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

/** Marks a word that begins with a capital letter followed by a small one ("Van Dijk", "Агенција")
 * in the text markCapitals() gives: folding loses case, so a pattern that must tell a name
 * ("⇧bar ⇧paradise", not "bar na o-v") matches the folded, marked text. */
export const CAPITAL = "⇧";

const isLetter = (c: string) => c.toLowerCase() !== c.toUpperCase();
const isUpper = (c: string) => c !== c.toLowerCase();
const isLower = (c: string) => c !== c.toUpperCase();

/** Whether original[i] begins a capitalised word: "Bar" and "Агенција", not "BAR" or "iPhone". */
function beginsCapitalised(original: string, i: number): boolean {
  const code = original.charCodeAt(i);
  if (code < 65 || (code > 90 && code < 192)) return false; // not an upper-case letter: digits, a-z, signs
  return isUpper(original[i]!) && i + 1 < original.length && isLower(original[i + 1]!) && (i === 0 || !isLetter(original[i - 1]!));
}

/** The folded text with CAPITAL before each capitalised word: "Bar Paradise, BAR" → "⇧bar ⇧paradise, bar". */
export function markCapitals(original: string, folded: Folded = fold(original)): string {
  const { text, origin } = folded;
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const at = origin[i]!;
    if ((i === 0 || origin[i - 1] !== at) && beginsCapitalised(original, at)) {
      out += text.slice(from, i) + CAPITAL;
      from = i;
    }
  }
  return out + text.slice(from);
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
