// Dashboard accounts and their sessions. Passwords are hashed with argon2id; a session cookie
// holds a random token and the database only its SHA-256, so a leaked table opens nothing.
import crypto from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { z } from "zod";
import type { Database } from "../db/client.js";
import type { Clock } from "../session/storage.js";

export const ROLES = ["viewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: number;
  name: string;
  role: Role;
  /** A viewer who sees only this campaign (an outreach worker), or null. */
  campaign: string | null;
}

export const accountInput = z.strictObject({
  name: z.string().regex(/^[a-z0-9._-]{3,40}$/, "3 to 40 lower-case letters, digits, dots, dashes or underscores"),
  role: z.enum(ROLES),
  campaign: z.string().regex(/^[a-z0-9]{1,32}$/, "a campaign code").optional(),
  password: z.string().min(12, "at least 12 characters").max(200),
});
export type AccountInput = z.infer<typeof accountInput>;

export const SESSION_HOURS = 8;
const HOUR_MS = 3_600_000;
// Verifying against this when the name is unknown takes as long as for a real account.
const DUMMY_HASH = hash("not a real password, only for timing");

const toAccount = (row: { id: number; name: string; role: string; campaign: string | null }): Account => ({
  id: row.id,
  name: row.name,
  role: row.role === "admin" ? "admin" : "viewer",
  campaign: row.campaign,
});

const sha256 = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export interface Accounts {
  /** Creates an account; false if the name is taken. */
  create(input: AccountInput): Promise<boolean>;
  /** The account if the name and password match. */
  check(name: string, password: string): Promise<Account | undefined>;
  /** Starts a session; returns the token for the cookie. */
  startSession(account: Account): Promise<string>;
  /** The account of a session token, if the session exists and has not expired. */
  fromSession(token: string): Promise<Account | undefined>;
  endSession(token: string): Promise<void>;
  purgeSessions(): Promise<number>;
}

export function createAccounts(db: Database, clock: Clock): Accounts {
  return {
    async create(input) {
      if (await db.dashboardUser.findUnique({ where: { name: input.name } })) return false;
      const passwordHash = await hash(input.password);
      await db.dashboardUser.create({ data: { name: input.name, role: input.role, campaign: input.campaign ?? null, passwordHash } });
      return true;
    },
    async check(name, password) {
      const row = await db.dashboardUser.findUnique({ where: { name } });
      const ok = await verify(row?.passwordHash ?? (await DUMMY_HASH), password).catch(() => false);
      return row && ok ? toAccount(row) : undefined;
    },
    async startSession(account) {
      const token = crypto.randomBytes(32).toString("base64url");
      const expiresAt = new Date(clock.now().getTime() + SESSION_HOURS * HOUR_MS);
      await db.dashboardSession.create({ data: { tokenHash: sha256(token), userId: account.id, expiresAt } });
      return token;
    },
    async fromSession(token) {
      const session = await db.dashboardSession.findUnique({ where: { tokenHash: sha256(token) } });
      if (!session || session.expiresAt <= clock.now()) return undefined;
      const row = await db.dashboardUser.findUnique({ where: { id: session.userId } });
      return row ? toAccount(row) : undefined;
    },
    async endSession(token) {
      await db.dashboardSession.deleteMany({ where: { tokenHash: sha256(token) } });
    },
    async purgeSessions() {
      const { count } = await db.dashboardSession.deleteMany({ where: { expiresAt: { lte: clock.now() } } });
      return count;
    },
  };
}
