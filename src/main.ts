// Composition root: reads the configuration once, starts the app, stops it on SIGINT/SIGTERM
// and, with exit code 1, on an error nothing caught (see process-handlers.ts). Without a token
// (outside webhook mode and production), or with --preview, it starts the preview instead.
import { describeProblems, loadConfig, loadPreviewConfig, previewRequested } from "./config.js";
import { createLogger } from "./logger.js";
import { createApp } from "./app.js";
import { createPreview } from "./preview/start.js";
import { errorFields } from "./bot/errors.js";
import { installProcessHandlers } from "./process-handlers.js";

const SHUTDOWN_LIMIT_MS = 9_000;

async function main(): Promise<void> {
  const preview = process.argv.includes("--preview") || previewRequested(process.env);
  const result = preview ? loadPreviewConfig(process.env) : loadConfig(process.env);
  if (!result.ok) {
    process.stderr.write(`${describeProblems(result.problems)}\n`);
    process.exit(2);
  }
  const logger = createLogger(result.config.logLevel);
  const app = preview
    ? createPreview(result.config, { logger, announce: (line) => process.stdout.write(`${line}\n`) })
    : createApp(result.config, { logger });

  let stopping = false;
  const shutdown = (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    app.stop().then(
      () => process.exit(code),
      (error: unknown) => {
        logger.error(errorFields(error), "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  installProcessHandlers(process, logger, shutdown);

  try {
    await app.start();
  } catch (error) {
    logger.fatal(errorFields(error), "start-up failed");
    await app.stop().catch(() => undefined);
    process.exit(1);
  }
}

void main();
