// The country packs as data: valid, sourced, complete enough to help, and honest about age.
import { describe, expect, it } from "vitest";
import { contactSchema, DESTINATIONS, loadPacks, ORIGINS, packSchema, phone, isEmergency, isHotline } from "../../src/content/countries.js";
import { contentReport } from "../../src/content/report.js";
import { loadWageData } from "../../src/content/wages.js";

const packs = loadPacks();
const wages = loadWageData();

describe("the country packs", () => {
  it("cover every destination and every home country", () => {
    expect(packs.map((p) => p.code).sort()).toEqual([...DESTINATIONS, ...ORIGINS].sort());
  });

  it("give every destination a minimum-wage fact (or say there is none), an emergency number and someone to call about exploitation", () => {
    for (const code of DESTINATIONS) {
      const pack = packs.find((p) => p.code === code)!;
      expect(wages.minimumWages[code], code).toBeDefined();
      expect(pack.contacts.some((c) => isEmergency(c) && c.confirmed), `${code} emergency`).toBe(true);
      expect(pack.contacts.some((c) => isHotline(c) && c.confirmed), `${code} hotline`).toBe(true);
    }
  });

  it("give every home country an emergency number", () => {
    for (const code of ORIGINS) {
      const pack = packs.find((p) => p.code === code)!;
      expect(pack.contacts.some((c) => isEmergency(c)), `${code} emergency`).toBe(true);
    }
  });

  it("write every number so that it can be dialled and tapped", () => {
    for (const pack of packs) {
      for (const contact of pack.contacts) {
        if (!contact.phone) continue;
        const short = !contact.phone.startsWith("+");
        if (short) expect(contact.dialledFrom, `${pack.code} ${contact.name}`).not.toBe("international");
      }
    }
  });
});

describe("the pack schema", () => {
  const contact = {
    kind: "trafficking_hotline",
    name: "A hotline",
    phone: "+49 30 123 456",
    source: "https://example.org/hotline",
    checkedOn: "2026-11-28",
    confirmed: true,
  };

  it("accepts international numbers and documented short numbers", () => {
    for (const number of ["+49 30 60 28 00 28", "+373 22 23 33 09", "112", "116 006", "0 800 77777"]) expect(phone.safeParse(number).success, number).toBe(true);
  });

  it("refuses malformed numbers", () => {
    for (const number of ["0049 30 123", "+49-30-123", "call 112", "+", "1", "+49 (30) 123"]) expect(phone.safeParse(number).success, number).toBe(false);
  });

  it("refuses a number without a source, or without a check date", () => {
    expect(contactSchema.safeParse(contact).success).toBe(true);
    const { source: _s, ...noSource } = contact;
    expect(contactSchema.safeParse(noSource).success).toBe(false);
    const { checkedOn: _c, ...noDate } = contact;
    expect(contactSchema.safeParse(noDate).success).toBe(false);
    expect(contactSchema.safeParse({ ...contact, phone: undefined }).success).toBe(false); // no way to reach it
  });

  it("refuses a pack for a country it does not know, or a fact without a source", () => {
    expect(packSchema.safeParse({ code: "FR", role: "destination", facts: {}, contacts: [] }).success).toBe(false);
    const fact = { maxWeekly: 48, checkedOn: "2026-11-28", confirmed: true };
    expect(packSchema.safeParse({ code: "DE", role: "destination", facts: { workingHours: fact }, contacts: [] }).success).toBe(false);
  });
});

describe("the content report", () => {
  it("calls a fact stale after 12 months, and names what is missing", () => {
    const old = { code: "MD", role: "origin", facts: {}, contacts: [{ kind: "emergency", name: "112", phone: "112", dialledFrom: "national", languages: [], source: "https://example.org", checkedOn: "2025-10-01", confirmed: true }] } as const;
    const [report] = contentReport([packSchema.parse(old)], {}, new Date("2026-11-28T00:00:00Z")).filter((r) => r.code === "MD");
    expect(report!.stale).toEqual(["emergency: 112"]);
    expect(report!.missing).toEqual(["agencyRegister", "a hotline or counselling service (confirmed)"]);
    const fresh = contentReport([packSchema.parse(old)], {}, new Date("2026-09-30T00:00:00Z")).find((r) => r.code === "MD")!;
    expect(fresh.stale).toEqual([]);
  });
});
