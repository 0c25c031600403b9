/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;

/** Joins parts into as few messages as fit the limit, never cutting a part. */
export function pack(parts: string[], limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  for (const part of parts) {
    const last = messages.length - 1;
    if (last >= 0 && messages[last]!.length + 2 + part.length <= limit) messages[last] += `\n\n${part}`;
    else messages.push(part);
  }
  return messages;
}
