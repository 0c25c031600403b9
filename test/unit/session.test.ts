// Chat state: keyed by an HMAC of the chat id, expiring after 7 days without use.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatKey } from "../../src/session/keys.js";
import { createChatStateStorage, purgeExpiredChatState, SESSION_TTL_MS, type Clock } from "../../src/session/storage.js";
import { resolveSessionSecret } from "../../src/session/secret.js";
import { migrate } from "../../src/db/migrate.js";
import { openDatabase, type OpenDatabase } from "../../src/db/client.js";
import { createTestDatabase, type Kind, type TestDatabase } from "../support/databases.js";

class FakeClock implements Clock {
  constructor(private time = Date.parse("2026-11-28T10:00:00Z")) {}
  now = () => new Date(this.time);
  advance(ms: number) {
    this.time += ms;
  }
}

describe("session keys", () => {
  it("are an HMAC-SHA256 of the chat id: stable, secret-dependent, and never the id", () => {
    const key = chatKey("secret-one", 123456789);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(chatKey("secret-one", "123456789"));
    expect(key).not.toBe(chatKey("secret-two", 123456789));
    expect(key).not.toBe(chatKey("secret-one", 123456780));
    expect(key).not.toContain("123456789");
  });
});

describe.each<Kind>(["sqlite", "postgres"])("chat state storage on %s", (kind) => {
  let database: TestDatabase;
  let open: OpenDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await migrate(database.url);
    open = await openDatabase(database.url);
  });
  afterAll(async () => {
    await open.close();
    await database.drop();
  });

  it("keeps state for 7 days after the last write, then forgets it", async () => {
    const clock = new FakeClock();
    const storage = createChatStateStorage<{ language: string }>(open.sql, open.provider, clock);
    await storage.write("s:a", { language: "ro" });
    clock.advance(SESSION_TTL_MS - 1);
    expect(await storage.read("s:a")).toEqual({ language: "ro" });
    await storage.write("s:a", { language: "uk" }); // used again: 7 more days
    clock.advance(SESSION_TTL_MS - 1);
    expect(await storage.read("s:a")).toEqual({ language: "uk" });
    clock.advance(1);
    expect(await storage.read("s:a")).toBeUndefined();
  });

  it("purges expired rows and only those", async () => {
    const clock = new FakeClock();
    const storage = createChatStateStorage<number>(open.sql, open.provider, clock);
    await storage.write("s:old", 1);
    clock.advance(SESSION_TTL_MS / 2);
    await storage.write("s:new", 2);
    clock.advance(SESSION_TTL_MS / 2);
    expect(await purgeExpiredChatState(open.db, clock)).toBe(1);
    expect(await open.db.chatState.findUnique({ where: { key: "s:old" } })).toBeNull();
    expect(await storage.read("s:new")).toBe(2);
    // Written as plain SQL, read back through the model API with the same expiry.
    const row = await open.db.chatState.findUnique({ where: { key: "s:new" } });
    expect(row?.expiresAt.toISOString()).toBe(new Date(clock.now().getTime() + SESSION_TTL_MS / 2).toISOString());
  });

  it("deletes a chat's state on request", async () => {
    const storage = createChatStateStorage<number>(open.sql, open.provider, new FakeClock());
    await storage.write("c:x", 5);
    await storage.delete("c:x");
    await storage.delete("c:never-written");
    expect(await storage.read("c:x")).toBeUndefined();
  });

  it("generates a session secret once and finds the same one after a restart", async () => {
    const first = await resolveSessionSecret(open.db, undefined);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await resolveSessionSecret(open.db, undefined)).toBe(first);
    expect(await resolveSessionSecret(open.db, "configured-secret-wins-over-stored")).toBe("configured-secret-wins-over-stored");
  });
});
