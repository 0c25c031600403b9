// A TCP proxy in front of PostgreSQL that a test can cut and restore, as a database restart or
// a network fault would: while cut, every connection is dropped and new ones are refused. A cut
// can come just after a COMMIT has gone through, as a link that fails at the worst moment does:
// the transaction (one that saved a chat's state) is carried out, and its sender never hears so.
// Or the link can go silent: nothing closes, nothing goes through, as across a partition, until
// it heals and what was sent arrives late.
import net from "node:net";
import type { AddressInfo } from "node:net";

export interface DatabaseProxy {
  /** The database URL, through the proxy. */
  url: string;
  /**
   * Drops every connection. With `afterCommit`, waits (up to a second) for the next COMMIT of
   * a transaction that saved a chat's state, lets it through, and loses every answer from then
   * on, the COMMIT's first.
   */
  cut(options?: { afterCommit?: boolean }): void;
  /** Cuts that came just after a COMMIT went out (with `afterCommit`), its answer lost. */
  commitsUnanswered: number;
  /** Nothing goes through any connection, open or new, and none is closed, until `restore`. */
  silence(): void;
  /** Ends a cut or a silence: what a silenced link held goes through. */
  restore(): void;
  stop(): Promise<void>;
}

export async function startDatabaseProxy(targetUrl: string): Promise<DatabaseProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let open = true;
  let silent = false;
  let answersLost = false;
  /** While a cut waits for a COMMIT: what to do once one has gone through. */
  let onCommit: (() => void) | undefined;
  /** The timers of a cut under way, cleared by `restore`. */
  let timers: NodeJS.Timeout[] = [];
  const server = net.createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      if (silent) s.pause();
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    let savedChat = false;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      const text = chunk.toString("latin1");
      if (/(INSERT INTO|DELETE FROM) "ChatState"/.test(text)) savedChat = true;
      if (/COMMIT|ROLLBACK/.test(text)) {
        if (savedChat && text.includes("COMMIT")) onCommit?.();
        savedChat = false;
      }
    });
    upstream.on("data", (chunk: Buffer) => void (answersLost || client.write(chunk)));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String((server.address() as AddressInfo).port);
  const proxy: DatabaseProxy = {
    url: url.toString(),
    commitsUnanswered: 0,
    cut(options) {
      open = false;
      const drop = () => {
        onCommit = undefined;
        answersLost = false;
        for (const s of sockets) s.destroy();
      };
      if (!options?.afterCommit) return drop();
      timers.push(setTimeout(drop, 1_000));
      onCommit = () => {
        onCommit = undefined;
        answersLost = true;
        proxy.commitsUnanswered++;
        for (const timer of timers) clearTimeout(timer);
        // Long enough for the database to read the COMMIT it was sent.
        timers = [setTimeout(drop, 200)];
      };
    },
    silence() {
      silent = true;
      for (const s of sockets) s.pause();
    },
    restore() {
      if (silent) for (const s of sockets) s.resume();
      silent = false;
      for (const timer of timers) clearTimeout(timer);
      timers = [];
      onCommit = undefined;
      // Connections that lost answers cannot go on: they go now instead of after the timer.
      if (answersLost) for (const s of sockets) s.destroy();
      answersLost = false;
      open = true;
    },
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
