// Most patterns begin with a choice of words ("(?:taxa|fee|комисси…) …"): a pattern can only
// match a text that contains one of those words. Each pattern is filed under the first three
// letters of each leading word; an ad then runs only the patterns whose words it contains.
// A pattern whose start cannot be read this way is always run.

/**
 * Words one of which every match of a folded pattern must contain, or null when that cannot be
 * told. Of the required parts of the pattern ("(?:job|work…).{0,30}(?:decided…)"), the one with
 * the longest shortest word is used: it is the rarest in ads.
 */
export function leadingWords(source: string): string[] | null {
  const words: string[] = [];
  for (const alternative of splitTopLevel(source)) {
    const best = bestRequired(alternative);
    if (!best) return null;
    words.push(...best);
  }
  return words;
}

/** The most selective word list among the required parts of one alternative. */
function bestRequired(sequence: string): string[] | null {
  const options: string[][] = [];
  let run = "";
  const end = () => {
    if (run.length >= 3) options.push([run]);
    run = "";
  };
  const optional = (next: string | undefined) => next === "?" || next === "*" || next === "{";
  for (let i = 0; i < sequence.length; i++) {
    const c = sequence[i]!;
    if (/[a-z0-9 '-]/.test(c)) {
      if (optional(sequence[i + 1])) {
        end();
        continue;
      }
      run += c;
      if (sequence[i + 1] === "+") end();
      if (sequence[i + 1] === "+") i++;
    } else if (c === "[") {
      const close = sequence.indexOf("]", i + 1);
      if (close < 0) break;
      const only = sequence.slice(i + 1, close);
      if (!optional(sequence[close + 1]) && /^[a-z0-9]$/.test(only)) run += only; // "[aă]" folds to "[a]"
      else end();
      i = close;
      if (sequence[i + 1] === "+") i++;
    } else if (c === "\\") {
      const escaped = sequence[++i];
      if (escaped === "b") continue;
      end();
      if (optional(sequence[i + 1]) || sequence[i + 1] === "+") i++;
      if (sequence[i] === "{") i = sequence.indexOf("}", i);
    } else if (c === "(") {
      end();
      const close = closingParen(sequence, i);
      if (close < 0) return null;
      const after = sequence[close + 1];
      const lookaround = /^\(\?<?[=!]/.test(sequence.slice(i));
      if (!lookaround && !optional(after)) {
        const inner = leadingWords(sequence.slice(sequence.startsWith("(?:", i) ? i + 3 : i + 1, close));
        if (inner) options.push(inner);
      }
      i = close;
      if (after === "+") i++;
      else if (after === "{") i = sequence.indexOf("}", close);
      else if (after === "?" || after === "*") i++;
    } else {
      end();
      if (c === "." || c === ")") {
        if (sequence[i + 1] === "{") i = sequence.indexOf("}", i);
        else if (optional(sequence[i + 1]) || sequence[i + 1] === "+") i++;
      }
    }
  }
  end();
  if (options.length === 0) return null;
  const shortest = (list: string[]) => Math.min(...list.map((w) => w.length));
  return options.reduce((best, list) => (shortest(list) > shortest(best) ? list : best));
}

/**
 * Calls `visit` for each character of a pattern that is not escaped and not inside a character
 * class, with the group depth after an opening and before a closing parenthesis; stops when
 * `visit` returns true, and returns that index (or -1).
 */
function walk(s: string, from: number, visit: (c: string, i: number, depth: number) => boolean): number {
  let depth = 0;
  let inClass = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    if (c === "(") depth++;
    if (visit(c, i, depth)) return i;
    if (c === ")") depth--;
  }
  return -1;
}

function closingParen(s: string, open: number): number {
  return walk(s, open, (c, _i, depth) => c === ")" && depth === 1);
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walk(s, 0, (c, i, depth) => {
    if (c === "|" && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
    return false;
  });
  parts.push(s.slice(start));
  return parts;
}

export interface Prefiltered {
  /** The words of each pattern, filed by their first three letters (as a number, see key()). */
  byTrigram: Map<number, { word: string; pattern: number }[]>;
  /** Patterns that must always run. */
  always: number[];
  count: number;
}

/** The first three letters of a word as one small integer (folded text is almost all below
 * U+0400), or -1 when a letter is beyond that: such words are filed among the patterns always run. */
const key = (s: string, i: number) => {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  return (a | b | c) < 1024 ? (a << 20) | (b << 10) | c : -1;
};

export function prefilter(sources: string[]): Prefiltered {
  const byTrigram = new Map<number, { word: string; pattern: number }[]>();
  const always: number[] = [];
  sources.forEach((source, pattern) => {
    const words = leadingWords(source);
    if (!words || words.some((word) => key(word, 0) < 0)) return void always.push(pattern);
    for (const word of new Set(words)) {
      const k = key(word, 0);
      byTrigram.set(k, [...(byTrigram.get(k) ?? []), { word, pattern }]);
    }
  });
  return { byTrigram, always, count: sources.length };
}

/** For each pattern, whether one of its words occurs in the folded text, so that it is worth running. */
export function candidates(text: string, filter: Prefiltered): Uint8Array {
  const worth = new Uint8Array(filter.count);
  for (const index of filter.always) worth[index] = 1;
  for (let i = 0; i + 3 <= text.length; i++) {
    const list = filter.byTrigram.get(key(text, i));
    if (!list) continue;
    for (const { word, pattern } of list) if (worth[pattern] === 0 && text.startsWith(word, i)) worth[pattern] = 1;
  }
  return worth;
}
