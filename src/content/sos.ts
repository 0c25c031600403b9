// The words that ask for help at once (content/sos-words.json), in every language and script.
import { z } from "zod";
import { loadContent } from "./files.js";
import { fold } from "../offer/normalize.js";

const schema = z.strictObject({ note: z.string(), words: z.array(z.string().min(2)).min(8) });

const bare = (text: string) => fold(text).text.replace(/[^a-z ]/g, " ").replace(/ +/g, " ").trim();

/** Whether a whole message is a call for help ("help", "ajutor!", "ПОМОГИТЕ"). */
export function loadSosWords(dir?: string): (text: string) => boolean {
  const words = new Set(loadContent("sos-words.json", schema, dir).words.map(bare));
  return (text) => text.length <= 40 && words.has(bare(text));
}
