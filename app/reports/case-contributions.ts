import type { BusinessCalendar } from "../calendar/thai-calendar";
import type { CaseKind } from "../db.server";
import type { PauseInterval } from "../sla/deadlines";
import { businessDaysElapsed } from "./statistics";

/**
 * What one case adds to the report's figures, as a pure function of the case as it stands now:
 * counts at instants, intervals of the case's life that count at a cut-off, clocks settled at an
 * instant, and durations ending at an instant. The report's pass buckets them into its periods
 * (metrics.server.ts). Written as a visitor, not a list, because the pass calls it for hundreds of
 * thousands of cases and a list of small objects per case is garbage to collect. Keeping the rules
 * here, apart from any period, is also what lets figures be kept as cases change: a case's
 * contributions as they were can be taken out and the new ones added (docs/BENCHMARKS.md, finding 2).
 */

/** What the figures read of a case: plaintext metadata and timestamps only. */
export interface CaseFacts {
  id: string;
  kind: CaseKind;
  category_id: string;
  channel: string;
  is_anonymous: number;
  reporter_relation: string;
  status: string;
  outcome: string | null;
  referred_to: string | null;
  fiscal_year: number;
  created_at: number;
  acknowledged_at: number | null;
  first_response_at: number | null;
  completed_at: number | null;
  acknowledge_due_at: number | null;
  first_response_due_at: number | null;
  resolve_due_at: number | null;
  paused_at: number | null;
}

export type CountedFigure = "received" | "completed" | "corruptionReceived" | "corruptionCompleted";
export type CountedBreakdown =
  | "receivedByKind"
  | "receivedByCategory"
  | "receivedByChannel"
  | "receivedByAnonymity"
  | "receivedByReporterRelation"
  | "completedByOutcome"
  | "referredByAgency"
  | "corruptionReceivedByChannel";
export const countedFigures: ReadonlySet<string> = new Set<CountedFigure>(["received", "completed", "corruptionReceived", "corruptionCompleted"]);
export const countedBreakdowns: ReadonlySet<string> = new Set<CountedBreakdown>([
  "receivedByKind",
  "receivedByCategory",
  "receivedByChannel",
  "receivedByAnonymity",
  "receivedByReporterRelation",
  "completedByOutcome",
  "referredByAgency",
  "corruptionReceivedByChannel",
]);
export const stockFigures: ReadonlySet<string> = new Set<StockFigure>(["openAtEnd", "inProgressAtEnd", "overdueAtEnd", "corruptionOpenAtEnd"]);

/** The figures counted at a case's receipt, which count in the case's own fiscal year only. */
export const receiptFigures: ReadonlySet<CountedFigure | CountedBreakdown> = new Set([
  "received",
  "corruptionReceived",
  "receivedByKind",
  "receivedByCategory",
  "receivedByChannel",
  "receivedByAnonymity",
  "receivedByReporterRelation",
  "corruptionReceivedByChannel",
]);
export type StockFigure = "openAtEnd" | "inProgressAtEnd" | "overdueAtEnd" | "corruptionOpenAtEnd";
export type SettledClock = "acknowledgedOnTime" | "firstResponseOnTime" | "resolvedOnTime" | "questionsAnsweredOnTime";
export type DurationFigure = "timeToAcknowledge" | "timeToFirstResponse" | "timeToResolve" | "timeToAnswerQuestion";

export interface ContributionSink {
  /** One more at `instant`; with a key, one more under that key of the breakdown. */
  count(instant: number, figure: CountedFigure): void;
  countUnder(instant: number, figure: CountedBreakdown, key: string): void;
  /**
   * The case counts at every cut-off `c` with `from < c <= until` (no end: `until` is null), the
   * convention of "open at the end of a period": received before the end, not completed before it.
   * `from < until` always, so a stock is also "+1 at `from`, −1 at `until`", each counted at the
   * cut-offs after it.
   */
  stock(figure: StockFigure, from: number, until: number | null): void;
  /** A clock judged at `instant`: when what it measures happened if on time, at its deadline if not. */
  settle(instant: number, clock: SettledClock, met: boolean): void;
  /** A duration in business days from `startedAt`, counted where it ended (`instant`). */
  duration(instant: number, figure: DurationFigure, businessDays: number, startedAt: number): void;
}

/** A half-open interval of cut-offs, `(from, until]`; `until` null is "still so". */
interface Span {
  from: number;
  until: number | null;
}

/**
 * Every contribution of one case. `pausesOf` is asked only for a completed case, whose time to
 * resolve leaves out the waits for the reporter.
 */
export function contributeCase(facts: CaseFacts, calendar: BusinessCalendar, pausesOf: () => PauseInterval[], sink: ContributionSink): void {
  const isCorruption = facts.kind === "corruption_tip";
  const created = facts.created_at;
  const completed = facts.completed_at;

  sink.count(created, "received");
  sink.countUnder(created, "receivedByKind", facts.kind);
  sink.countUnder(created, "receivedByCategory", facts.category_id);
  sink.countUnder(created, "receivedByChannel", facts.channel);
  sink.countUnder(created, "receivedByAnonymity", Number(facts.is_anonymous) === 1 ? "anonymous" : "named");
  sink.countUnder(created, "receivedByReporterRelation", facts.reporter_relation);
  if (isCorruption) {
    sink.count(created, "corruptionReceived");
    sink.countUnder(created, "corruptionReceivedByChannel", facts.channel);
  }

  if (completed !== null) {
    sink.count(completed, "completed");
    sink.countUnder(completed, "completedByOutcome", completionOf(facts));
    const agency = referralAgencyOf(facts);
    if (agency !== null) sink.countUnder(completed, "referredByAgency", agency);
    if (isCorruption) sink.count(completed, "corruptionCompleted");
    sink.duration(completed, "timeToResolve", businessDaysElapsed(created, completed, calendar, pausesOf()), created);
  }

  // Open from its receipt to its completion; in progress once acknowledged; overdue while a clock is late.
  const open: Span = { from: created, until: completed };
  emitStock(sink, "openAtEnd", open);
  if (isCorruption) emitStock(sink, "corruptionOpenAtEnd", open);
  if (facts.acknowledged_at !== null) emitStock(sink, "inProgressAtEnd", intersection(open, { from: facts.acknowledged_at, until: null }));
  for (const late of union(lateSpans(facts))) emitStock(sink, "overdueAtEnd", intersection(open, late));

  for (const clock of clocks) {
    const { happened, due } = clockOf(facts, clock.name);
    if (!clockApplies(facts, clock.name, happened, due)) continue;
    const met = isMetOnTime(happened, due);
    const settledAt = met ? happened! : due;
    sink.settle(settledAt, clock.figure, met);
    if (clock.name === "firstResponse" && facts.kind === "question") sink.settle(settledAt, "questionsAnsweredOnTime", met);
  }

  if (facts.acknowledged_at !== null) sink.duration(facts.acknowledged_at, "timeToAcknowledge", businessDaysElapsed(created, facts.acknowledged_at, calendar), created);
  if (facts.first_response_at !== null) {
    const days = businessDaysElapsed(created, facts.first_response_at, calendar);
    sink.duration(facts.first_response_at, "timeToFirstResponse", days, created);
    if (facts.kind === "question") sink.duration(facts.first_response_at, "timeToAnswerQuestion", days, created);
  }
}

type ClockName = "acknowledge" | "firstResponse" | "resolve";

const clocks: ReadonlyArray<{ name: ClockName; figure: SettledClock }> = [
  { name: "acknowledge", figure: "acknowledgedOnTime" },
  { name: "firstResponse", figure: "firstResponseOnTime" },
  { name: "resolve", figure: "resolvedOnTime" },
];

function clockOf(facts: CaseFacts, clock: ClockName): { happened: number | null; due: number | null } {
  switch (clock) {
    case "acknowledge":
      return { happened: facts.acknowledged_at, due: facts.acknowledge_due_at };
    case "firstResponse":
      return { happened: facts.first_response_at, due: facts.first_response_due_at };
    case "resolve":
      return { happened: facts.completed_at, due: facts.resolve_due_at };
  }
}

/** Met when what the clock measures happened by its deadline. */
function isMetOnTime(happened: number | null, due: number): boolean {
  return happened !== null && happened <= due;
}

/**
 * Clocks that never came to be judged: the case ended before the deadline without the event (a
 * case not accepted needs no first response), or, for the resolve clock, it awaits the reporter
 * since before its deadline, which stops the clock.
 */
function clockApplies(facts: CaseFacts, clock: ClockName, happened: number | null, due: number | null): due is number {
  if (due === null) return false;
  if (clock === "resolve") return !(facts.completed_at === null && facts.paused_at !== null && facts.paused_at < due);
  return !(happened === null && facts.completed_at !== null && facts.completed_at <= due);
}

/**
 * When each clock is late: from its deadline until what it measures happens. A resolve clock
 * stopped before its deadline (the case awaits the reporter since before it) is never late: while a
 * wait runs, `resolve_due_at` holds where the deadline stood when the wait began (decision 0010).
 * Whether the case is still open is the caller's intersection.
 */
function lateSpans(facts: CaseFacts): Span[] {
  const spans: Span[] = [];
  if (facts.acknowledge_due_at !== null) spans.push({ from: facts.acknowledge_due_at, until: facts.acknowledged_at });
  if (facts.first_response_due_at !== null) spans.push({ from: facts.first_response_due_at, until: facts.first_response_at });
  const resolveDue = facts.resolve_due_at;
  if (resolveDue !== null && !(facts.paused_at !== null && facts.paused_at < resolveDue)) spans.push({ from: resolveDue, until: null });
  return spans;
}

/** Overlapping or touching spans as one: a case late on two clocks at once is overdue once. */
function union(spans: Span[]): Span[] {
  const ordered = spans.filter(isNotEmpty).sort((first, second) => first.from - second.from);
  const merged: Span[] = [];
  for (const span of ordered) {
    const last = merged[merged.length - 1];
    if (last !== undefined && (last.until === null || span.from <= last.until)) {
      if (last.until !== null && (span.until === null || span.until > last.until)) last.until = span.until;
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

function intersection(first: Span, second: Span): Span {
  const until = first.until === null ? second.until : second.until === null ? first.until : Math.min(first.until, second.until);
  return { from: Math.max(first.from, second.from), until };
}

function isNotEmpty(span: Span): boolean {
  return span.until === null || span.from < span.until;
}

function emitStock(sink: ContributionSink, figure: StockFigure, span: Span): void {
  if (isNotEmpty(span)) sink.stock(figure, span.from, span.until);
}

/** How the case ended: its outcome when resolved or closed after resolving, otherwise the status that ended it. */
function completionOf(facts: CaseFacts): string {
  const completion = facts.status === "rejected" || facts.status === "referred" || facts.status === "merged" ? facts.status : (facts.outcome ?? "no_outcome");
  // A referral, whether the status that ended the case or the outcome it was resolved with, is one key.
  return completion === "referred" ? "referred_to_agency" : completion;
}

function referralAgencyOf(facts: CaseFacts): string | null {
  if (facts.status !== "referred") return null;
  return referralKeyOf(facts.referred_to);
}

/**
 * All the figures take of `referred_to`: the agency's key, or "other" for an agency named in free
 * text (`other:…`), which a copy of the facts need not keep (kept-figures.server.ts).
 */
export function referralKeyOf(referredTo: string | null): string | null {
  if (referredTo === null) return null;
  return referredTo === "nacc" || referredTo === "pacc" || referredTo === "ombudsman" ? referredTo : "other";
}
