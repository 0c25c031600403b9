import { pino, type Logger } from "pino";

/** JSON logs. Callers log error classes, counts and states: never message text, names or Telegram ids. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: "before-you-go" } }, destination ?? process.stdout);
}
