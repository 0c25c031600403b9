// The bot's HTTP server, in both modes: health, readiness, the NGO dashboard and (webhook
// mode) the webhook. Every response carries strict security headers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { BodyTooLarge, readBody, secretMatches, updateSchema } from "./webhook.js";
import { errorFields } from "../bot/errors.js";
import { SECURITY_HEADERS } from "../dashboard/http-kit.js";
import type { Dashboard } from "../dashboard/routes.js";
import type { Registry } from "prom-client";

export interface HttpDeps {
  logger: Logger;
  isReady(): Promise<boolean>;
  /** `handle` says "retry" when nothing of the update was kept: Telegram is asked to send it again. */
  webhook?: { path: string; secret: string; handle(update: Update): Promise<"done" | "retry"> };
  dashboard?: Dashboard;
  metrics?: { registry: Registry; token: string | undefined };
  /** Extra routes, asked before the 404 (the preview's page and its endpoints): true when handled. */
  routes?: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<boolean>;
}

export interface HttpServer {
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops accepting requests and waits for those in flight. */
  close(): Promise<void>;
}

export function createHttpServer(deps: HttpDeps): HttpServer {
  let closing = false;
  const server = http.createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // While stopping, no connection is kept for another request: clients go to another replica.
    if (closing) res.setHeader("connection", "close");
    route(req, res, deps).catch((error: unknown) => {
      deps.logger.error(errorFields(error), "http request failed");
      if (!res.headersSent) send(res, 500, { error: "internal" });
      else res.end();
    });
  });
  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    close: () =>
      new Promise((resolve) => {
        closing = true;
        // Kept-alive connections become idle as their last request ends: close them as they do.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function route(req: http.IncomingMessage, res: http.ServerResponse, deps: HttpDeps): Promise<void> {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (req.method === "GET" && path === "/healthz") return send(res, 200, { status: "ok" });
  if (req.method === "GET" && path === "/readyz") {
    const ready = await deps.isReady();
    return send(res, ready ? 200 : 503, { status: ready ? "ready" : "database unreachable" });
  }
  if (deps.metrics && path === "/metrics" && req.method === "GET") return serveMetrics(req, res, deps.metrics);
  if (deps.dashboard && (await deps.dashboard.handle(req, res))) return;
  if (deps.webhook && path === deps.webhook.path) {
    if (req.method !== "POST") return send(res, 405, { error: "method not allowed" });
    return handleWebhook(req, res, deps.webhook);
  }
  if (deps.routes && (await deps.routes(req, res))) return;
  send(res, 404, { error: "not found" });
}

async function handleWebhook(req: http.IncomingMessage, res: http.ServerResponse, webhook: NonNullable<HttpDeps["webhook"]>) {
  if (!secretMatches(req.headers["x-telegram-bot-api-secret-token"], webhook.secret)) {
    return send(res, 401, { error: "unauthorized" });
  }
  let body: string;
  try {
    body = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLarge) return send(res, 413, { error: "too large" });
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return send(res, 400, { error: "not json" });
  }
  const update = updateSchema.safeParse(json);
  if (!update.success) return send(res, 400, { error: "not an update" });
  const outcome = await webhook.handle(update.data as unknown as Update);
  if (outcome === "retry") return send(res, 503, { error: "not saved: send it again" });
  send(res, 200, { ok: true });
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/** With a token: only for "Authorization: Bearer <token>"; without: only from this machine. */
async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, metrics: NonNullable<HttpDeps["metrics"]>): Promise<void> {
  const allowed = metrics.token
    ? secretMatches(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1], metrics.token)
    : LOOPBACK.has(req.socket.remoteAddress ?? "");
  if (!allowed) return send(res, metrics.token ? 401 : 403, { error: metrics.token ? "unauthorized" : "only from this machine" });
  res.writeHead(200, { "content-type": metrics.registry.contentType });
  res.end(await metrics.registry.metrics());
}
