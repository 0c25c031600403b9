import crypto from "node:crypto";

/** The key under which a chat's state is stored: never the chat id itself. */
export function chatKey(secret: string, chatId: number | string): string {
  return crypto.createHmac("sha256", secret).update(String(chatId)).digest("hex");
}
