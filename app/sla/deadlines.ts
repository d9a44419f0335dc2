import { addBusinessDays, addCalendarDays, addHours, type BusinessCalendar } from "../calendar/thai-calendar";
import type { SlaClock, SlaUnit } from "../db.server";

/** One clock of a category's SLA policy: how long, in what unit, and when it counts as due soon. */
export interface ClockPolicy {
  clock: SlaClock;
  amount: number;
  unit: SlaUnit;
  dueSoonFraction: number;
}

export function deadlineAfter(start: number, policy: Pick<ClockPolicy, "amount" | "unit">, calendar: BusinessCalendar): number {
  switch (policy.unit) {
    case "calendar_days":
      return addCalendarDays(start, policy.amount);
    case "business_days":
      return addBusinessDays(start, policy.amount, calendar);
    case "hours":
      return addHours(start, policy.amount);
  }
}

export interface CaseDeadlines {
  acknowledgeDueAt: number | null;
  firstResponseDueAt: number | null;
  resolveDueAt: number | null;
}

/** Every clock starts when the case is filed; a category without a clock has no such deadline. */
export function deadlinesFromFiling(filedAt: number, policies: ClockPolicy[], calendar: BusinessCalendar): CaseDeadlines {
  const deadlineOf = (clock: SlaClock) => {
    const policy = policies.find((candidate) => candidate.clock === clock);
    return policy ? deadlineAfter(filedAt, policy, calendar) : null;
  };
  return { acknowledgeDueAt: deadlineOf("acknowledge"), firstResponseDueAt: deadlineOf("first_response"), resolveDueAt: deadlineOf("resolve") };
}

export interface ClockProgress {
  acknowledgedAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
}

export interface NextDeadline {
  clock: SlaClock;
  dueAt: number;
}

/**
 * The earliest deadline still open: what a queue sorts on and what the reporter is promised next.
 * A clock is open until the moment it measures has happened.
 */
export function nextDeadline(deadlines: CaseDeadlines, progress: ClockProgress): NextDeadline | null {
  const open: NextDeadline[] = [];
  if (deadlines.acknowledgeDueAt !== null && progress.acknowledgedAt === null) open.push({ clock: "acknowledge", dueAt: deadlines.acknowledgeDueAt });
  if (deadlines.firstResponseDueAt !== null && progress.firstResponseAt === null) open.push({ clock: "first_response", dueAt: deadlines.firstResponseDueAt });
  if (deadlines.resolveDueAt !== null && progress.resolvedAt === null) open.push({ clock: "resolve", dueAt: deadlines.resolveDueAt });
  return open.reduce<NextDeadline | null>((earliest, deadline) => (earliest === null || deadline.dueAt < earliest.dueAt ? deadline : earliest), null);
}
