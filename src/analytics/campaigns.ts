// Outreach campaigns: a code for the /start link on a leaflet, with a label, a language and
// optionally a destination. The bot counts a link's campaign code only if it is one of these
// (anything else is "other"); it keeps the codes in memory and re-reads them every minute,
// so a campaign created on another replica is known there within a minute.
import { z } from "zod";
import type { Database } from "../db/client.js";
import { LANGUAGES } from "../i18n/languages.js";
import { DESTINATIONS } from "../content/countries.js";
import { formatStartPayload } from "../links/payload.js";

export const campaignInput = z.strictObject({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]{1,32}$/, "letters and digits only, at most 32"),
  label: z.string().trim().min(1).max(80),
  language: z.enum(LANGUAGES),
  destination: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DESTINATIONS).optional()),
});
export type CampaignInput = z.infer<typeof campaignInput>;

export interface Campaign {
  code: string;
  label: string;
  language: string;
  destination: string | null;
  createdAt: Date;
}

export interface Campaigns {
  /** Whether a code is a known campaign (from memory; never waits for the database). */
  has(code: string): boolean;
  list(): Promise<Campaign[]>;
  find(code: string): Promise<Campaign | undefined>;
  /** Creates a campaign; false if the code is taken. */
  create(input: CampaignInput): Promise<boolean>;
  /** Re-reads the codes; failures keep the last known list. */
  refresh(): Promise<void>;
  start(): void;
  stop(): void;
}

const REFRESH_MS = 60_000;

export function createCampaigns(db: Database): Campaigns {
  let codes = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  const refresh = async () => {
    try {
      const rows = await db.campaign.findMany({ select: { code: true } });
      codes = new Set(rows.map((r) => r.code));
    } catch {
      // The database is down: the codes known so far still count.
    }
  };

  return {
    has: (code) => codes.has(code),
    list: () => db.campaign.findMany({ orderBy: { createdAt: "desc" } }),
    find: async (code) => (await db.campaign.findUnique({ where: { code } })) ?? undefined,
    async create(input) {
      const existing = await db.campaign.findUnique({ where: { code: input.code } });
      if (existing) return false;
      await db.campaign.create({ data: { ...input, destination: input.destination ?? null } });
      codes.add(input.code);
      return true;
    },
    refresh,
    start() {
      timer = setInterval(() => void refresh(), REFRESH_MS);
      timer.unref();
    },
    stop: () => clearInterval(timer),
  };
}

/** The t.me link that starts the bot with the campaign's code, language and destination. */
export function campaignLink(botUsername: string, campaign: Pick<Campaign, "code" | "language" | "destination">): string {
  const payload = formatStartPayload({
    campaign: campaign.code,
    language: campaign.language as (typeof LANGUAGES)[number],
    ...(campaign.destination ? { destination: campaign.destination } : {}),
  });
  return `https://t.me/${botUsername}?start=${payload}`;
}
