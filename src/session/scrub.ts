// Conversation state holds the updates a conversation has seen and the Bot API's answers, to
// replay them. Before it is stored, everything in it that identifies a person is removed:
// the chat's id becomes a marker (put back from the live update when the state is read),
// names, usernames and phone numbers are dropped, and a forwarded message keeps only the fact
// that it was forwarded. Texts stay: a conversation needs them to replay (see docs/privacy.md).

const MARKER = "\u0000chat-id";
const DROPPED = new Set(["first_name", "last_name", "username", "title", "phone_number", "vcard", "user_id", "chat_instance", "sender_chat", "author_signature", "sender_user", "sender_user_name", "via_bot", "business_connection_id"]);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function walk(value: Json, visit: (value: Json, key: string | undefined) => Json, key?: string): Json {
  const visited = visit(value, key);
  if (Array.isArray(visited)) return visited.map((item) => walk(item, visit));
  if (visited && typeof visited === "object") {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(visited)) if (!DROPPED.has(k)) out[k] = walk(v, visit, k);
    return out;
  }
  return visited;
}

const isObject = (value: Json): value is { [key: string]: Json } => value !== null && typeof value === "object" && !Array.isArray(value);

/** The state without the chat's id (in any field), names, usernames or phone numbers. The
 * Bot API's answers, and the bot's message under a tapped button (Telegram sends it whole, with
 * its text and keyboard, in every callback query), keep only their ids: the conversations never
 * read what the bot itself sent. */
export function scrub<T>(state: T, chatId: number): T {
  // walk() builds a new tree: the state itself is left as it was.
  return walk(state as Json, (value, key) => {
    if (value === chatId) return MARKER;
    if (key === "forward_origin" && isObject(value)) return { type: value.type ?? null, date: value.date ?? null };
    if (key === "callback_query" && isObject(value) && isObject(value.message ?? null)) {
      const message = value.message as { [key: string]: Json };
      return { ...value, message: { message_id: message.message_id ?? null, chat: message.chat ?? null, date: message.date ?? null } };
    }
    if (key === "res" && isObject(value) && isObject(value.result ?? null)) {
      const result = value.result as { [key: string]: Json };
      return { ...value, result: { message_id: result.message_id ?? null, chat: result.chat ?? null, date: result.date ?? null } };
    }
    return value;
  }) as T;
}

/** The stored state with the chat's id put back. */
export function restore<T>(state: T, chatId: number): T {
  return walk(state as Json, (value) => (value === MARKER ? chatId : value)) as T;
}
