import { z } from "zod";
import { addDaysToDateKey, bangkokDateKey, isValidDateKey, startOfBangkokDay, type TimeRange } from "../calendar/thai-calendar";
import type { MessageKey } from "../i18n/translate";

/**
 * What executives (or the audit committee) decide on an escalated case, as pure rules: the
 * decisions, the form's rules, the timeline event each one writes, and the month a summary covers.
 * See docs/decisions/0011-executive-decisions.md.
 */

/**
 * A referral names its authority in the decision itself: the reporter's timeline says which one,
 * and the NACC and the police are the two an executive sends a corruption case to.
 */
export const executiveDecisions = ["order_action", "appoint_committee", "refer_nacc", "refer_police", "return_to_team", "close"] as const;
export type ExecutiveDecision = (typeof executiveDecisions)[number];

/** Each decision is its own timeline event, so the reporter's sentence can say what was decided (and never the note). */
export const decisionEventTypes: Readonly<Record<ExecutiveDecision, string>> = {
  order_action: "executive_ordered_action",
  appoint_committee: "executive_appointed_committee",
  refer_nacc: "executive_referred_nacc",
  refer_police: "executive_referred_police",
  return_to_team: "executive_returned_to_team",
  close: "executive_closed_escalation",
};

export const decisionEventTypeList: readonly string[] = Object.values(decisionEventTypes);

export const decisionNoteMaxLength = 4_000;
/** An order far beyond a fiscal year is a typo, not a plan. */
export const actionDueMaxDays = 366;

const message = (key: MessageKey) => ({ message: key });

const decisionFormSchema = z.object({
  decision: z.enum(executiveDecisions, { errorMap: () => message("validation.chooseOne") }),
  note: z.string(message("validation.required")).trim().min(1, message("validation.required")).max(decisionNoteMaxLength, message("validation.tooLong")),
  actionDueOn: z.string().trim().optional(),
});

export interface DecisionIssue {
  field: "decision" | "note" | "actionDueOn";
  /** A translation key. */
  message: MessageKey;
}

export interface ParsedDecision {
  decision: ExecutiveDecision;
  note: string;
  /** The last millisecond of the due day in Asia/Bangkok; null unless the decision orders action. */
  actionDueAt: number | null;
}

/**
 * Reads the decision form. An order of action needs a due day after today (Bangkok) and within a
 * year: it becomes a clock the team is held to. Other decisions ignore the field.
 */
export function parseDecision(input: unknown, now: number): { decision: ParsedDecision } | { issues: DecisionIssue[] } {
  const parsed = decisionFormSchema.safeParse(input);
  const issues: DecisionIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ field: issue.path[0] as DecisionIssue["field"], message: issue.message as MessageKey }));
  const decision = parsed.success ? parsed.data.decision : undefined;
  let actionDueAt: number | null = null;
  if (decision === "order_action") {
    const dueOn = parsed.success ? (parsed.data.actionDueOn ?? "") : "";
    if (dueOn === "") issues.push({ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueMissing" });
    else if (!isValidDateKey(dueOn)) issues.push({ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueInvalid" });
    else {
      const today = bangkokDateKey(now);
      if (dueOn <= today || dueOn > addDaysToDateKey(today, actionDueMaxDays)) issues.push({ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueOutOfRange" });
      else actionDueAt = endOfBangkokDay(dueOn);
    }
  }
  if (issues.length > 0 || !parsed.success) return { issues };
  return { decision: { decision: parsed.data.decision, note: parsed.data.note, actionDueAt } };
}

export function endOfBangkokDay(dateKey: string): number {
  return startOfBangkokDay(addDaysToDateKey(dateKey, 1)) - 1;
}

/** The case's next deadline after an order: the order's due time when it comes first, else unchanged. */
export function nextDueWithOrder(currentNextDueAt: number | null, actionDueAt: number): number {
  return currentNextDueAt === null ? actionDueAt : Math.min(currentNextDueAt, actionDueAt);
}

export interface SummaryMonth {
  /** "YYYY-MM", the month's key (Gregorian, Asia/Bangkok). */
  key: string;
  year: number;
  month: number;
  range: TimeRange;
}

/** The calendar month (Asia/Bangkok) before the one containing `now`: what a monthly summary reports. */
export function previousMonthOf(now: number): SummaryMonth {
  const [year, month] = bangkokDateKey(now).split("-").map(Number) as [number, number];
  const previousYear = month === 1 ? year - 1 : year;
  const previousMonth = month === 1 ? 12 : month - 1;
  return summaryMonth(previousYear, previousMonth);
}

/** The month named by "YYYY-MM"; null for anything else. */
export function summaryMonthOf(key: string): SummaryMonth | null {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match || !isValidDateKey(`${key}-01`)) return null;
  return summaryMonth(Number(match[1]), Number(match[2]));
}

function summaryMonth(year: number, month: number): SummaryMonth {
  const key = `${year}-${String(month).padStart(2, "0")}`;
  const nextKey = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, "0")}`;
  return { key, year, month, range: { start: startOfBangkokDay(`${key}-01`), end: startOfBangkokDay(`${nextKey}-01`) } };
}

/** Whole days since `since`, never negative. */
export function ageInDays(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 86_400_000));
}

/** The inbox's two tabs: awaiting a decision (oldest first) and decided (newest first). Pages show them too. */
export const inboxTabs = ["awaiting", "decided"] as const;
export type InboxTab = (typeof inboxTabs)[number];
