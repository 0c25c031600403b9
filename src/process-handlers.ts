// What the process does with an error nothing caught (an unhandled rejection or exception):
// it logs the error's class and stack (never its message, never update content), then stops
// the way SIGTERM does — updates in flight finished, trend counters written — and exits with
// code 1, for the supervisor (Docker, systemd, Kubernetes) to start a fresh process.
// Why not keep serving: after an uncaught error Node's own state and ours (a half-written
// session, a dropped promise holding an update) cannot be trusted; a clean restart costs a
// second, and Telegram redelivers what was not acknowledged.
import type { Logger } from "pino";
import { errorFields } from "./bot/errors.js";

export interface ProcessLike {
  on(event: "unhandledRejection" | "uncaughtException", listener: (error: unknown) => void): unknown;
}

export function installProcessHandlers(proc: ProcessLike, logger: Logger, shutdown: (reason: string, code: number) => void): void {
  proc.on("unhandledRejection", (error) => {
    logger.fatal(errorFields(error), "unhandled promise rejection; stopping for a restart");
    shutdown("unhandledRejection", 1);
  });
  proc.on("uncaughtException", (error) => {
    logger.fatal(errorFields(error), "uncaught exception; stopping for a restart");
    shutdown("uncaughtException", 1);
  });
}
