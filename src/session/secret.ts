import crypto from "node:crypto";
import type { Database } from "../db/client.js";

const KEY = "session_secret";

/**
 * The configured SESSION_SECRET, or (polling mode only) one generated on first start and
 * kept in the Setting table, so that restarts find the same chats' state again.
 */
export async function resolveSessionSecret(db: Database, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const candidate = crypto.randomBytes(32).toString("hex");
  // Create only if absent: when several processes start at once, all end up with the first one's secret.
  await db.setting.upsert({ where: { key: KEY }, create: { key: KEY, value: candidate }, update: {} });
  const stored = await db.setting.findUniqueOrThrow({ where: { key: KEY } });
  return stored.value;
}
