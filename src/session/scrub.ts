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

/** The state without the chat's id (in any field), names, usernames or phone numbers. */
export function scrub<T>(state: T, chatId: number): T {
  return walk(JSON.parse(JSON.stringify(state)) as Json, (value, key) => {
    if (value === chatId) return MARKER;
    if (key === "forward_origin" && value && typeof value === "object" && !Array.isArray(value)) return { type: value.type ?? null, date: value.date ?? null };
    return value;
  }) as T;
}

/** The stored state with the chat's id put back. */
export function restore<T>(state: T, chatId: number): T {
  return walk(state as Json, (value) => (value === MARKER ? chatId : value)) as T;
}
