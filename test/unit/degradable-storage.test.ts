// Sessions when the database stumbles: a failed read never turns into an overwrite.
import { describe, expect, it } from "vitest";
import { DatabaseUnavailable, degradableStorage, type StateStorage } from "../../src/session/storage.js";

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
