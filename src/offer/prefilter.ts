// Most patterns begin with a choice of words ("(?:taxa|fee|комисси…) …"): a pattern can only
// match a text that contains one of those words. Each pattern is filed under the first three
// letters of each leading word; an ad then runs only the patterns whose words it contains.
// A pattern whose start cannot be read this way is always run.

/** The literal words a folded pattern must start with, or null when that cannot be told. */
export function leadingWords(source: string): string[] | null {
  const words: string[] = [];
  for (let alternative of splitTopLevel(source)) {
    while (alternative.startsWith("\\b") || alternative.startsWith("^")) alternative = alternative.slice(alternative.startsWith("^") ? 1 : 2);
    if (alternative.startsWith("(?:")) {
      const end = closingParen(alternative, 0);
      if (end < 0 || /^[?*{]/.test(alternative.slice(end + 1))) return null; // an optional group proves nothing
      const inner = leadingWords(alternative.slice(3, end));
      if (!inner) return null;
      words.push(...inner);
      continue;
    }
    const word = literalStart(alternative);
    if (word === null) return null;
    words.push(word);
  }
  return words;
}

function closingParen(s: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/**
 * The longest run of plain letters every match of the alternative must contain, read from its
 * start up to the first group or optional part ("pa[sș]aport\\w*" → "aport"); null if under three.
 */
function literalStart(alternative: string): string | null {
  let best = "";
  let run = "";
  const end = () => {
    if (run.length > best.length) best = run;
    run = "";
  };
  const optional = (next: string | undefined) => next === "?" || next === "*" || next === "{";
  for (let i = 0; i < alternative.length; i++) {
    const c = alternative[i]!;
    if (/[a-z0-9 '-]/.test(c)) {
      if (optional(alternative[i + 1])) break;
      run += c;
      if (alternative[i + 1] === "+") {
        end();
        i++;
      }
    } else if (c === "[") {
      const close = alternative.indexOf("]", i + 1);
      if (close < 0 || optional(alternative[close + 1])) break;
      const only = alternative.slice(i + 1, close);
      if (/^[a-z0-9]$/.test(only)) run += only; // "[aă]" folds to "[a]": one letter
      else end();
      i = close;
    } else if (c === "\\") {
      const escaped = alternative[i + 1];
      i++;
      if (escaped === "b") continue;
      if (optional(alternative[i + 1])) break;
      end();
    } else if (c === ".") {
      if (optional(alternative[i + 1])) break;
      end();
    } else break;
  }
  end();
  return best.length >= 3 ? best : null;
}

export interface Prefiltered {
  /** Index of each pattern by the first three letters of its leading words. */
  byTrigram: Map<string, number[]>;
  /** Patterns that must always run. */
  always: number[];
}

export function prefilter(sources: string[]): Prefiltered {
  const byTrigram = new Map<string, number[]>();
  const always: number[] = [];
  sources.forEach((source, index) => {
    const words = leadingWords(source);
    if (!words) return void always.push(index);
    for (const word of words) {
      const key = word.slice(0, 3);
      const list = byTrigram.get(key) ?? [];
      if (!list.includes(index)) list.push(index);
      byTrigram.set(key, list);
    }
  });
  return { byTrigram, always };
}

/** The patterns worth running on a folded text. */
export function candidates(text: string, filter: Prefiltered): Set<number> {
  const found = new Set(filter.always);
  const seen = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) {
    const key = text.slice(i, i + 3);
    if (seen.has(key)) continue;
    seen.add(key);
    for (const index of filter.byTrigram.get(key) ?? []) found.add(index);
  }
  return found;
}
