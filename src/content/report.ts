// What `npm run content:check` prints: per country, which facts are stale (checked more than
// 12 months ago), unconfirmed or missing. Pure: takes the loaded content and today's date.
import { DESTINATIONS, isEmergency, isHotline, ORIGINS, type Contact, type Pack } from "./countries.js";
import type { MinimumWage } from "./wages.js";

export const STALE_AFTER_MONTHS = 12;
const DESTINATION_FACTS = ["workingHours", "overtime", "passportRetention", "recruitmentFees", "writtenContract", "workPermit"] as const;
const ORIGIN_FACTS = ["agencyRegister"] as const;
const NEEDED: Record<string, (c: Contact) => boolean> = {
  "an emergency number": isEmergency,
  "a hotline or counselling service": isHotline,
  "the labour inspectorate": (c) => c.kind === "labour_inspectorate",
};
const DESTINATION_CONTACTS = Object.keys(NEEDED);
const ORIGIN_CONTACTS = ["an emergency number", "a hotline or counselling service"];

export interface CountryReport {
  code: string;
  role: "destination" | "origin";
  stale: string[];
  unconfirmed: string[];
  missing: string[];
}

function isStale(checkedOn: string, today: Date): boolean {
  const limit = new Date(today);
  limit.setUTCMonth(limit.getUTCMonth() - STALE_AFTER_MONTHS);
  return new Date(`${checkedOn}T00:00:00Z`) < limit;
}

export function contentReport(packs: Pack[], minimumWages: Record<string, MinimumWage>, today: Date): CountryReport[] {
  const byCode = new Map(packs.map((p) => [p.code, p]));
  const expected = [...DESTINATIONS.map((c) => [c, "destination"] as const), ...ORIGINS.map((c) => [c, "origin"] as const)];
  return expected.map(([code, role]) => {
    const report: CountryReport = { code, role, stale: [], unconfirmed: [], missing: [] };
    const pack = byCode.get(code);
    if (!pack) {
      report.missing.push("the whole country pack");
      return report;
    }
    const facts = Object.entries(pack.facts) as [string, { checkedOn: string; confirmed: boolean }][];
    const items = [
      ...facts.map(([name, f]) => [name, f] as const),
      ...pack.contacts.map((c) => [`${c.kind}: ${c.name}`, c] as const),
    ];
    if (role === "destination") {
      const wage = minimumWages[code];
      if (!wage) report.missing.push("minimumWage");
      else items.push(["minimumWage", { checkedOn: wage.checkedOn, confirmed: wage.status !== "unconfirmed" }] as const);
    }
    for (const [name, item] of items) {
      if (isStale(item.checkedOn, today)) report.stale.push(name);
      if (!item.confirmed) report.unconfirmed.push(name);
    }
    const factNames: readonly string[] = role === "destination" ? DESTINATION_FACTS : ORIGIN_FACTS;
    for (const name of factNames) if (!(name in pack.facts)) report.missing.push(name);
    for (const need of role === "destination" ? DESTINATION_CONTACTS : ORIGIN_CONTACTS) {
      if (!pack.contacts.some((c) => NEEDED[need]!(c) && c.confirmed)) report.missing.push(`${need} (confirmed)`);
    }
    return report;
  });
}

export function formatReport(reports: CountryReport[]): string {
  const lines = reports.map((r) => {
    const parts = [
      r.stale.length ? `stale: ${r.stale.join("; ")}` : "",
      r.unconfirmed.length ? `unconfirmed: ${r.unconfirmed.join("; ")}` : "",
      r.missing.length ? `missing: ${r.missing.join("; ")}` : "",
    ].filter(Boolean);
    return `${r.code} (${r.role}): ${parts.length ? parts.join(" | ") : "complete and current"}`;
  });
  return lines.join("\n");
}
