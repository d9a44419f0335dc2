import { fiscalYearOf, startOfBangkokDay, toBangkokDate, type BusinessCalendar } from "../calendar/thai-calendar";
import type { PauseInterval } from "../sla/deadlines";
import { contributeCase, receiptFigures, type CaseFacts, type ContributionSink } from "./case-contributions";
import { businessDaysElapsed } from "./statistics";

/**
 * What a case adds to the kept figures (decision 0020), as pure functions: the entries of the
 * monthly sums and the durations, as far as they are known at an instant. The fold
 * (kept-figures.server.ts) takes out what a case added when it was last folded and adds these.
 */

/** A reporter's message on the reporter's thread, and the first staff message to the reporter after it. */
export interface ReporterMessageFacts {
  sentAt: number;
  answeredAt: number | null;
}

/** Everything a case's figures are computed from, as stored in report_case_folds.folded_facts. */
export interface FoldedFacts {
  facts: CaseFacts & { team_id: string };
  pauses: PauseInterval[];
  messages: ReporterMessageFacts[];
  /** Entries known before this instant were added to the sums. */
  until: number;
}

/** One count of report_month_sums, by the instant it counts at. */
export interface SumEntry {
  instant: number;
  figure: string;
  item: string;
  delta: number;
}

export interface DurationEntry {
  figure: string;
  countedAt: number;
  startedAt: number;
  endedAt: number;
  businessDays: number;
}

export interface KnownEntries {
  sums: SumEntry[];
  durations: DurationEntry[];
  /** The earliest instant at or after `until` at which an entry becomes known; null if none will. */
  refoldAt: number | null;
}

/**
 * The entries of one case known before `until`. Most are known where they count; a stock's end or
 * a missed deadline may lie ahead, and an answer to the reporter counts in the month of the
 * message but is known only once it is sent.
 */
export function knownEntries(folded: Omit<FoldedFacts, "until">, until: number, calendar: BusinessCalendar, withDurations = true): KnownEntries {
  const { facts } = folded;
  const known: KnownEntries = { sums: [], durations: [], refoldAt: null };
  const later = (knownAt: number) => {
    if (known.refoldAt === null || knownAt < known.refoldAt) known.refoldAt = knownAt;
  };
  const sum = (instant: number, knownAt: number, figure: string, item: string, delta: number) => {
    if (knownAt < until) known.sums.push({ instant, figure, item, delta });
    else later(knownAt);
  };
  const duration = (entry: DurationEntry, knownAt: number) => {
    if (knownAt >= until) later(knownAt);
    else if (withDurations) known.durations.push(entry);
  };
  // A receipt counts in the case's own fiscal year, which the pass checks against the year it reports.
  const countsReceipt = fiscalYearOf(facts.created_at) === facts.fiscal_year;
  const sink: ContributionSink = {
    count(instant, figure) {
      if (countsReceipt || !receiptFigures.has(figure)) sum(instant, instant, figure, "", 1);
    },
    countUnder(instant, figure, key) {
      if (countsReceipt || !receiptFigures.has(figure)) sum(instant, instant, figure, key, 1);
    },
    stock(figure, from, until) {
      sum(from, from, figure, "", 1);
      if (until !== null) sum(until, until, figure, "", -1);
    },
    settle(instant, clock, met) {
      sum(instant, instant, clock, "total", 1);
      if (met) sum(instant, instant, clock, "met", 1);
    },
    duration(instant, figure, businessDays, startedAt) {
      duration({ figure, countedAt: instant, startedAt, endedAt: instant, businessDays }, instant);
    },
  };
  contributeCase(facts, calendar, () => folded.pauses, sink);
  for (const message of folded.messages) {
    sum(message.sentAt, message.sentAt, "reporterMessages", "total", 1);
    if (message.answeredAt === null) continue;
    sum(message.sentAt, message.answeredAt, "reporterMessages", "met", 1);
    duration(
      {
        figure: "timeToAnswerReporter",
        countedAt: message.sentAt,
        startedAt: message.sentAt,
        endedAt: message.answeredAt,
        businessDays: withDurations ? businessDaysElapsed(message.sentAt, message.answeredAt, calendar) : 0,
      },
      message.answeredAt,
    );
  }
  return known;
}

/** The Bangkok month an instant falls in, by the instant it starts: the unit of report_month_sums. */
export function monthStartOf(instant: number): number {
  const { year, month } = toBangkokDate(instant);
  return startOfBangkokDay({ year, month, day: 1 });
}

/**
 * A reporter's messages with their answers, from the case's reporter-thread messages in order: a
 * reporter's message is answered by the first staff message after it.
 */
export function reporterMessagesOf(thread: ReadonlyArray<{ authorType: string; createdAt: number }>): ReporterMessageFacts[] {
  const messages: ReporterMessageFacts[] = [];
  for (const [index, message] of thread.entries()) {
    if (message.authorType !== "reporter") continue;
    const answer = thread.slice(index + 1).find((reply) => reply.authorType === "staff" && reply.createdAt > message.createdAt);
    messages.push({ sentAt: message.createdAt, answeredAt: answer?.createdAt ?? null });
  }
  return messages;
}
