// The Bot API over node:http directly, instead of grammY's default node-fetch: the bot makes
// one or two calls per update, and node-fetch's Request, Headers, body streams and polyfilled
// AbortController cost more CPU than the call itself (docs/performance.md). grammY needs only
// this much of fetch: a POST with a JSON (or multipart stream) body, and the answer's JSON.
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";

interface Init {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  agent?: http.Agent;
  signal?: { aborted: boolean; addEventListener(type: "abort", listener: () => void): void; removeEventListener(type: "abort", listener: () => void): void };
}

export interface SmallResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export function httpFetch(url: string, init: Init = {}): Promise<SmallResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === "https:" ? https : http).request(target, { method: init.method ?? "GET", headers: init.headers, agent: init.agent });
    const abort = () => request.destroy(new Error("The request was aborted"));
    if (init.signal?.aborted) return reject(new Error("The request was aborted"));
    init.signal?.addEventListener("abort", abort);
    const done = () => init.signal?.removeEventListener("abort", abort);
    request.on("error", (error) => {
      done();
      reject(error);
    });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => {
        done();
        reject(error);
      });
      response.on("end", () => {
        done();
        const text = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown, text: async () => text });
      });
    });
    if (typeof init.body === "string") request.end(init.body);
    else if (init.body) init.body.pipe(request);
    else request.end();
  });
}
