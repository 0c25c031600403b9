// A signed-in dashboard session over HTTP, as a browser would hold it: the session cookie
// sent back on each request, and an Origin header on each form post.
import { createAccounts, type Role } from "../../src/dashboard/accounts.js";
import { openDatabase } from "../../src/db/client.js";
import { systemClock } from "../../src/session/storage.js";

export const PASSWORD = "correct horse battery staple";

/** Creates an account the way `npm run user:add` does. */
export async function addAccount(databaseUrl: string, name: string, role: Role, campaign?: string): Promise<void> {
  const database = await openDatabase(databaseUrl);
  try {
    await createAccounts(database.db, systemClock).create({ name, role, password: PASSWORD, ...(campaign ? { campaign } : {}) });
  } finally {
    await database.close();
  }
}

export interface Browserless {
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>): Promise<Response>;
}

export function client(base: string, cookie = ""): Browserless {
  const headers = (): Record<string, string> => (cookie ? { cookie } : {});
  return {
    get: (path) => fetch(`${base}${path}`, { headers: headers(), redirect: "manual" }),
    post: (path, form) =>
      fetch(`${base}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: { ...headers(), origin: base, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      }),
  };
}

/** Signs in and returns a client that carries the session cookie. */
export async function signIn(base: string, name: string, password = PASSWORD): Promise<Browserless> {
  const response = await client(base).post("/dashboard/login", { name, password });
  if (response.status !== 303) throw new Error(`sign-in failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-byg-session="))!.split(";")[0]!;
  return client(base, cookie);
}
