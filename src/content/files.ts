import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";

export const CONTENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../content");

/** Reads content/<name> and checks it against its schema; a bad file stops start-up with the reason. */
export function loadContent<T extends z.ZodType>(name: string, schema: T, dir = CONTENT_DIR): z.infer<T> {
  const raw: unknown = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`content/${name} is invalid: ${problems}`);
  }
  return parsed.data;
}
