// Sessions when the database stumbles: a failed read never turns into an overwrite.
import { afterEach, describe, expect, it, vi } from "vitest";
import { DatabaseTimedOut, DatabaseUnavailable, degradableStorage, withReadWait, type StateStorage } from "../../src/session/storage.js";

function storageThat(read: () => Promise<object | undefined>, write: () => Promise<void> = async () => undefined) {
  const writes: unknown[] = [];
  const storage: StateStorage<object> = {
    read,
    write: async (_key, value) => {
      await write();
      writes.push(value);
    },
    delete: async () => undefined,
  };
  return { storage: degradableStorage(storage), writes };
}

describe("a session storage that may be unreachable", () => {
  it("gives a session marked unavailable when the read fails, and never writes it back", async () => {
    const { storage, writes } = storageThat(() => Promise.reject(new Error("connect ECONNREFUSED")));
    const session = await storage.read("s:1");
    expect(session).toEqual({ unavailable: true });
    await storage.write("s:1", { ...session!, language: "ro" } as never);
    expect(writes).toEqual([]);
  });

  it("starts afresh over a row that is not JSON, so that it gets overwritten", async () => {
    const { storage } = storageThat(() => Promise.reject(new SyntaxError("Unexpected token")));
    expect(await storage.read("s:1")).toBeUndefined();
  });

  it("says the database is unavailable when a write fails", async () => {
    const { storage } = storageThat(async () => ({}), () => Promise.reject(new Error("Connection terminated")));
    await expect(storage.write("s:1", { language: "ro" } as never)).rejects.toBeInstanceOf(DatabaseUnavailable);
  });
});

describe("a session read on a link gone silent", () => {
  afterEach(() => void vi.useRealTimers());

  /** A storage whose reads answer only when the test says. */
  function silentStorage() {
    const pending: ((value: object) => void)[] = [];
    const storage: StateStorage<object> = {
      read: () => new Promise((resolve) => pending.push(resolve)),
      write: async () => undefined,
      delete: async () => undefined,
    };
    return { storage, answer: (value: object) => pending.shift()!(value) };
  }

  it("gives up after the wait, so the bot answers without the chat's state, and ignores the late answer", async () => {
    vi.useFakeTimers();
    const { storage, answer } = silentStorage();
    const waiting = withReadWait(storage, 5_000);
    const read = degradableStorage(waiting).read("s:1");
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void read.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await read).toEqual({ unavailable: true });
    answer({ language: "ro" }); // the held bytes arrive after all: nothing comes of it
    // The link is back: the next read answers.
    const next = waiting.read("s:1");
    answer({ language: "uk" });
    expect(await next).toEqual({ language: "uk" });
  });

  it("answers as ever when the database does, and leaves no timer behind", async () => {
    vi.useFakeTimers();
    const { storage, answer } = silentStorage();
    const read = withReadWait(storage, 5_000).read("s:1");
    answer({ language: "ro" });
    expect(await read).toEqual({ language: "ro" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fails with what it waited for, so /metrics counts it as a failed read", async () => {
    vi.useFakeTimers();
    const read = withReadWait(silentStorage().storage, 250).read("s:1");
    const failed = expect(read).rejects.toThrow(new DatabaseTimedOut(250));
    await vi.advanceTimersByTimeAsync(250);
    await failed;
  });
});
