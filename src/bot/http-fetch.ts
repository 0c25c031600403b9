// The Bot API over undici's connection pool, instead of grammY's default node-fetch: the bot
// makes one or two calls per update, and node-fetch's Request, Headers, body streams and
// polyfilled AbortController cost more CPU than the call itself. undici's `request` (not its
// `fetch`, whose web streams cost more still) took 85 µs of CPU a call against 180–210 µs for
// node:http, which this file used before (docs/performance.md). grammY needs only this much
// of fetch: a POST with a JSON (or multipart stream) body, and the answer's JSON.
import type { Readable } from "node:stream";
import { Pool } from "undici";

interface Init {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: { aborted: boolean; addEventListener(type: "abort", listener: () => void): void; removeEventListener(type: "abort", listener: () => void): void };
}

export interface SmallResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

/**
 * At most this many connections to the Bot API at once; more calls wait for one to be free.
 * Without a bound, a burst opened a connection for every call in flight (up to two per update:
 * a tap's answer and its reply), and each went when it had been idle a few seconds, so every
 * burst paid for hundreds of new ones: 436–504 in the benchmark's paced windows, 7–8 with the
 * bound (docs/performance.md, item 20). To Telegram each is also a TLS handshake. As many as
 * the updates in flight (in-flight.ts): with 50 ms per call that is about 2,500 calls a
 * second, well above what one replica's CPU handles.
 */
export const MAX_CONNECTIONS = 128;

/** One pool of kept-alive connections per origin (in practice one: the Bot API server). */
const pools = new Map<string, Pool>();

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    pool = new Pool(origin, { connections: MAX_CONNECTIONS });
    pools.set(origin, pool);
  }
  return pool;
}

/** The answer, read whole. A class, not an object of closures: one is made for every call. */
class TextResponse implements SmallResponse {
  readonly ok: boolean;
  constructor(
    readonly status: number,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.body) as unknown;
  }
  async text(): Promise<string> {
    return this.body;
  }
}

/** Each URL's origin and path; grammY calls a few dozen (one per method), so they are kept. */
const targets = new Map<string, { origin: string; path: string }>();

function targetOf(url: string): { origin: string; path: string } {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
    if (targets.size >= 1000) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/** Not an async function: one suspended for the whole call keeps more alive (api-transformers.ts). */
export function httpFetch(url: string, init: Init = {}): Promise<SmallResponse> {
  try {
    const { origin, path } = targetOf(url);
    if (init.signal?.aborted) throw new Error("The request was aborted");
    // grammY's signal (its own AbortController's) goes to undici as it is: undici listens to
    // anything with addEventListener, and stops listening when the call is done.
    const answering = poolFor(origin).request({
      path,
      method: (init.method ?? "GET") as "GET",
      headers: init.headers ?? {},
      body: init.body ?? null,
      signal: init.signal ?? null,
    });
    return answering.then((answer) => answer.body.text().then((body) => new TextResponse(answer.statusCode, body)));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Closes the kept-alive connections (at shutdown, after the last call). */
export async function closeHttpConnections(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.close()));
}
