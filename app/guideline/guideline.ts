import type { CaseChannel, CaseKind, SlaClock, SlaUnit } from "../db.server";

/*
 * The complaint-handling guideline of ITA item O27 (ITA.md): how to complain, the steps, the
 * responsible unit and how long each step takes. Everything here is read from the live
 * configuration by guideline.server.ts; this file holds its shape and the rules that need no I/O.
 */

export interface ClockPromise {
  amount: number;
  unit: SlaUnit;
}

/** An active category as the public sees it: its name, its team and what each clock promises. */
export interface GuidelineCategory {
  code: string;
  kind: CaseKind;
  nameTh: string;
  nameEn: string;
  teamCode: string;
  /** A clock without a policy (null) promises nothing on that step. */
  clocks: Record<SlaClock, ClockPromise | null>;
}

/** A team that handles at least one active category, with the codes of those categories. */
export interface GuidelineTeam {
  code: string;
  nameTh: string;
  nameEn: string;
  categoryCodes: string[];
}

/** A way to complain besides the website, with the contact people use when the agency set one. */
export interface GuidelineChannel {
  channel: OfflineChannel;
  contact: string | null;
}

export interface GuidelineHoliday {
  /** "YYYY-MM-DD", a day in Asia/Bangkok. */
  date: string;
  nameTh: string;
  nameEn: string;
}

export interface GuidelineEscalation {
  /** Business days past the resolve deadline after which a case goes to the executives; null when off. */
  resolveBreachedAfterBusinessDays: number | null;
  criticalPriority: boolean;
  seniorOfficial: boolean;
}

export interface Guideline {
  /** The latest change to what the page shows (categories, policies, teams, holidays, channels); null when nothing is configured. */
  asOf: number | null;
  channels: GuidelineChannel[];
  categories: GuidelineCategory[];
  teams: GuidelineTeam[];
  holidays: { fiscalYear: number; days: GuidelineHoliday[] };
  escalation: GuidelineEscalation;
  reopenWindowDays: number;
}

export interface AgencyContact {
  phone: string | null;
  address: string | null;
  email: string | null;
}

/*
 * The website is always a channel and the page presents it first, with its own forms; "api" is how
 * other systems connect, not a way a person complains. The rest are listed in this order.
 */
export const offlineChannels = ["phone", "walk_in", "letter", "email", "line", "social"] as const satisfies readonly CaseChannel[];
export type OfflineChannel = (typeof offlineChannels)[number];

function contactFor(channel: OfflineChannel, contact: AgencyContact): string | null {
  switch (channel) {
    case "phone":
      return contact.phone;
    case "walk_in":
    case "letter":
      return contact.address;
    case "email":
      return contact.email;
    case "line":
    case "social":
      return null;
  }
}

/**
 * The channels the public is told about: those with a contact point in the settings, and those an
 * unrevoked intake-API token files cases from (a LINE official account, a call centre's system),
 * which reach this system even when the page has no address to give for them.
 */
export function publicChannels(contact: AgencyContact, connectedChannels: Iterable<CaseChannel>): GuidelineChannel[] {
  const connected = new Set<CaseChannel>(connectedChannels);
  return offlineChannels.flatMap((channel) => {
    const point = contactFor(channel, contact);
    return point !== null || connected.has(channel) ? [{ channel, contact: point }] : [];
  });
}

/** Whether any published clock counts business days, so the page explains what one is. */
export function countsBusinessDays(categories: readonly GuidelineCategory[]): boolean {
  return categories.some((category) => Object.values(category.clocks).some((promise) => promise?.unit === "business_days"));
}
