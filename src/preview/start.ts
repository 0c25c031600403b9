// Preview mode: the real bot (createApp, as in production) against the preview's local Bot
// API, with a chat page on the bot's own HTTP server and a preview account for the dashboard.
// The Bot API listens on a loopback port of its own: the bot calls it (getMe, setMyCommands)
// before its HTTP server listens.
import crypto from "node:crypto";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { createApp } from "../app.js";
import { migrate } from "../db/migrate.js";
import { openDatabase } from "../db/client.js";
import { createAccounts } from "../dashboard/accounts.js";
import { createTranslations } from "../i18n/index.js";
import { systemClock } from "../session/storage.js";
import { errorFields } from "../bot/errors.js";
import { PROFILE_HASH_KEY } from "../bot/profile.js";
import { createPreviewTelegram, type PreviewTelegram } from "./telegram.js";
import { createBotApi } from "./bot-api.js";
import { createPreviewPage } from "./page.js";

export const PREVIEW_ACCOUNT = "preview";

export interface PreviewStarted {
  /** The chat page. */
  url: string;
  address: AddressInfo;
  /** The local Bot API the bot talks to (loopback only). */
  apiRoot: string;
  account: { name: string; password: string };
  /** The one line printed at start. */
  line: string;
}

export interface Preview {
  telegram: PreviewTelegram;
  start(): Promise<PreviewStarted>;
  /** Writes the trend counts now (a timer does it every few seconds otherwise). */
  flushTrends(): Promise<boolean>;
  stop(): Promise<void>;
}

/** A fresh preview account with a random password each start (and the bot profile sent again). */
async function prepareDatabase(databaseUrl: string): Promise<string> {
  await migrate(databaseUrl);
  const { db, close } = await openDatabase(databaseUrl);
  try {
    const password = crypto.randomBytes(12).toString("base64url");
    const old = await db.dashboardUser.findUnique({ where: { name: PREVIEW_ACCOUNT } });
    if (old) {
      await db.dashboardSession.deleteMany({ where: { userId: old.id } });
      await db.dashboardUser.delete({ where: { id: old.id } });
    }
    await createAccounts(db, systemClock).create({ name: PREVIEW_ACCOUNT, role: "admin", password });
    // The command list lives in this process's memory: have the bot send it again.
    await db.setting.deleteMany({ where: { key: PROFILE_HASH_KEY } });
    return password;
  } finally {
    await close();
  }
}

/** The port asked for, or any free one when it is taken. */
function usablePort(port: number, host: string): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(0));
    probe.listen(port, host, () => probe.close(() => resolve(port)));
  });
}

function listen(server: http.Server): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server.address() as AddressInfo));
  });
}

const shownHost = (host: string) => (host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host);

/** `announce` gets the one line that says where to open the preview. */
export function createPreview(config: Config, deps: { logger: Logger; announce?: (line: string) => void }): Preview {
  const telegram = createPreviewTelegram();
  const botApi = createBotApi(telegram, config.botToken);
  const apiServer = http.createServer((req, res) => {
    botApi(req, res).catch((error: unknown) => {
      deps.logger.error(errorFields(error), "preview bot api failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: false, error_code: 500, description: "Internal Server Error" }));
    });
  });
  let app: ReturnType<typeof createApp> | undefined;

  return {
    telegram,
    async start() {
      const password = await prepareDatabase(config.databaseUrl);
      const api = await listen(apiServer);
      const port = await usablePort(config.port, config.host);
      const routes = createPreviewPage({ telegram, pageText: createTranslations(undefined, "preview"), botText: createTranslations() });
      const apiRoot = `http://127.0.0.1:${api.port}`;
      app = createApp({ ...config, apiRoot, port }, { logger: deps.logger, routes, exactCounts: true });
      const address = await app.start();
      const url = `http://${shownHost(config.host)}:${address.port}/preview`;
      const line = `Preview: open ${url} (no Telegram token, nothing leaves this computer). Trends: ${url.replace(/\/preview$/, "/dashboard")}, account ${PREVIEW_ACCOUNT}, password ${password}`;
      deps.announce?.(line);
      return { url, address, apiRoot, account: { name: PREVIEW_ACCOUNT, password }, line };
    },
    flushTrends: () => app?.flushTrends() ?? Promise.resolve(true),
    async stop() {
      telegram.close(); // pages and the bot stop waiting for news
      await app?.stop();
      await new Promise<void>((resolve) => {
        if (!apiServer.listening) return resolve();
        apiServer.close(() => resolve());
        apiServer.closeAllConnections();
      });
    },
  };
}
