// Prisma 6.19 gives a transaction's connection back to the pool only once its COMMIT or
// ROLLBACK has succeeded. When the link to PostgreSQL breaks during either, the connection is
// never given back: each such fault costs the pool one of its connections for good, until
// every query waits for ever, and closing the pool never finishes (docs/scaling.md).
// Here, a connection that ends while lent out is given back, as broken, so the pool drops it.
import type pg from "pg";

export function returnBrokenConnections(pool: pg.Pool): void {
  const lent = new Set<pg.PoolClient>();
  pool.on("acquire", (client) => lent.add(client));
  pool.on("release", (_error, client) => lent.delete(client as pg.PoolClient));
  pool.on("connect", (client) => {
    client.once("end", () => {
      // After what is already under way: Prisma gives back itself what it still can.
      setImmediate(() => {
        if (lent.has(client as pg.PoolClient)) (client as pg.PoolClient).release(new Error("the connection to the database ended"));
      });
    });
  });
}
