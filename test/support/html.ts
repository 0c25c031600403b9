/** Telegram's HTML: only its tags, balanced, and no bare "<", ">" or "&". */
export function htmlProblems(text: string): string[] {
  const allowed = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "tg-spoiler", "blockquote"]);
  const problems: string[] = [];
  const stack: string[] = [];
  const withoutTags = text.replace(/<(\/?)([a-z-]+)(\s[^<>]*)?>/g, (_all, close: string, tag: string) => {
    if (!allowed.has(tag)) problems.push(`tag <${tag}>`);
    if (close) {
      if (stack.pop() !== tag) problems.push(`unbalanced </${tag}>`);
    } else stack.push(tag);
    return "";
  });
  if (stack.length) problems.push(`unclosed <${stack.join(">, <")}>`);
  if (/[<>]/.test(withoutTags)) problems.push("bare < or >");
  if (/&(?!(amp|lt|gt|quot|#\d+);)/.test(withoutTags)) problems.push("bare &");
  return problems;
}

