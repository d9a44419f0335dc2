import { addBusinessDays, addBusinessTime, addCalendarDays, addHours, businessMillisecondsBetween, type BusinessCalendar } from "../calendar/thai-calendar";
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

/** A stretch during which the resolve clock stood still (the case awaited the reporter); `end` is null while it lasts. */
export interface PauseInterval {
  start: number;
  end: number | null;
}

export interface ClockDeadline {
  dueAt: number;
  /** Set while a pause that began before the deadline still runs: the deadline is then suspended, and `dueAt` is where it stood when the pause began. */
  pausedSince: number | null;
}

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

/** The clock's whole allowance as time of its own kind: business time for business days, elapsed time otherwise. */
function allowanceMs(policy: Pick<ClockPolicy, "amount" | "unit">): number {
  return policy.amount * (policy.unit === "hours" ? hourMs : dayMs);
}

/** Time that counts against the clock between two instants, in its unit's sense. */
function countedMs(unit: SlaUnit, from: number, to: number, calendar: BusinessCalendar): number {
  return unit === "business_days" ? businessMillisecondsBetween(from, to, calendar) : to - from;
}

/** The instant at which `ms` more of counted time has run from `from`. */
function afterCountedMs(unit: SlaUnit, from: number, ms: number, calendar: BusinessCalendar): number {
  return unit === "business_days" ? addBusinessTime(from, ms, calendar) : from + ms;
}

/**
 * When a clock started at `startedAt` runs out, when the pauses do not count: the clock consumes
 * its allowance only outside them (and, for business days, only on business days), so a pause
 * over a weekend adds nothing to a business-day clock and a full week to a calendar-day one. A
 * pause that begins at or after the deadline does not move it: the promise was already broken.
 * Without pauses this is exactly deadlineAfter.
 */
export function clockDeadline(startedAt: number, policy: Pick<ClockPolicy, "amount" | "unit">, pauses: readonly PauseInterval[], calendar: BusinessCalendar): ClockDeadline {
  const ordered = pauses.filter((pause) => pause.end === null || pause.end > startedAt).sort((first, second) => first.start - second.start);
  let cursor = startedAt;
  let remaining = allowanceMs(policy);
  for (const pause of ordered) {
    const unpaused = afterCountedMs(policy.unit, cursor, remaining, calendar);
    if (unpaused <= pause.start) return { dueAt: unpaused, pausedSince: null };
    if (pause.end === null) return { dueAt: unpaused, pausedSince: pause.start };
    if (pause.start > cursor) remaining -= countedMs(policy.unit, cursor, pause.start, calendar);
    cursor = Math.max(cursor, pause.end);
  }
  return { dueAt: afterCountedMs(policy.unit, cursor, remaining, calendar), pausedSince: null };
}

/** What a case's history says about its clocks: where they start, when the resolve clock stood still, which are met. */
export interface CaseClockHistory {
  /** When the agency received the case: every clock starts then. */
  clockStartedAt: number;
  pauses: readonly PauseInterval[];
  progress: ClockProgress;
  /** The deadlines stored so far: a clock already met keeps the one it was measured against. */
  previous: CaseDeadlines;
}

export interface CaseClocks {
  deadlines: CaseDeadlines;
  /** The earliest deadline still running (a suspended resolve clock is not running). */
  next: NextDeadline | null;
  resolvePausedSince: number | null;
}

/**
 * Every deadline of a case from its policy and history. Only the resolve clock pauses: the
 * acknowledgement and first response are due whatever the reporter does (and asking the
 * reporter is itself a first response). Reclassifying recomputes with the new category's
 * policies over the same history, so earlier pauses still count.
 */
export function caseClocks(policies: readonly ClockPolicy[], calendar: BusinessCalendar, history: CaseClockHistory): CaseClocks {
  const policyOf = (clock: SlaClock) => policies.find((candidate) => candidate.clock === clock);
  const acknowledge = policyOf("acknowledge");
  const firstResponse = policyOf("first_response");
  const resolvePolicy = policyOf("resolve");
  const resolve = resolvePolicy ? clockDeadline(history.clockStartedAt, resolvePolicy, history.pauses, calendar) : null;
  const computed: CaseDeadlines = {
    acknowledgeDueAt: acknowledge ? clockDeadline(history.clockStartedAt, acknowledge, [], calendar).dueAt : null,
    firstResponseDueAt: firstResponse ? clockDeadline(history.clockStartedAt, firstResponse, [], calendar).dueAt : null,
    resolveDueAt: resolve?.dueAt ?? null,
  };
  const { progress, previous } = history;
  const deadlines: CaseDeadlines = {
    acknowledgeDueAt: progress.acknowledgedAt !== null ? previous.acknowledgeDueAt : computed.acknowledgeDueAt,
    firstResponseDueAt: progress.firstResponseAt !== null ? previous.firstResponseDueAt : computed.firstResponseDueAt,
    resolveDueAt: progress.resolvedAt !== null ? previous.resolveDueAt : computed.resolveDueAt,
  };
  const resolvePausedSince = progress.resolvedAt === null ? (resolve?.pausedSince ?? null) : null;
  const running = resolvePausedSince === null ? deadlines : { ...deadlines, resolveDueAt: null };
  return { deadlines, next: nextDeadline(running, progress), resolvePausedSince };
}

/** One event of a case's timeline, as far as the clocks care. */
export interface ClockEvent {
  createdAt: number;
  /** The event's JSON data; the lifecycle writes `pausedMs` on the event that ends a wait for the reporter. */
  data: string | null;
}

/**
 * The pauses in a case's history. Each event that ended a wait carries how long it lasted (in
 * elapsed milliseconds, as recorded by the lifecycle), so a pause is [ended − pausedMs, ended];
 * a wait still running is [pausedAt, open).
 */
export function pausesFromHistory(events: readonly ClockEvent[], pausedAt: number | null): PauseInterval[] {
  const pauses: PauseInterval[] = [];
  for (const event of events) {
    if (event.data === null) continue;
    const data: unknown = JSON.parse(event.data);
    const pausedMs = typeof data === "object" && data !== null && "pausedMs" in data ? data.pausedMs : undefined;
    if (typeof pausedMs === "number" && pausedMs > 0) pauses.push({ start: event.createdAt - pausedMs, end: event.createdAt });
  }
  if (pausedAt !== null) pauses.push({ start: pausedAt, end: null });
  return pauses.sort((first, second) => first.start - second.start);
}
