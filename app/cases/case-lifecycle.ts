import type { CaseOutcome, CaseStatus } from "../db.server";

/**
 * The case lifecycle (ARCHITECTURE §3) as one pure function: given a case's state, an action, who
 * acts and when, it returns the new state and the events to record — or why the action is not
 * possible now. Every change of status anywhere in Prongsai goes through `transition`.
 *
 *   new → acknowledged → in_progress ⇄ awaiting_reporter → resolved → closed
 *     ↘ rejected   ↘ referred   ↘ merged          closed/resolved → reopened → in_progress
 */

export const openStatuses: readonly CaseStatus[] = ["new", "acknowledged", "in_progress", "awaiting_reporter", "reopened"];
export const finishedStatuses: readonly CaseStatus[] = ["resolved", "closed", "rejected", "referred", "merged"];

export type CaseAction =
  | { type: "acknowledge" }
  | { type: "start_work" }
  | { type: "ask_reporter" }
  | { type: "reporter_replied" }
  | { type: "staff_replied" }
  | { type: "resolve"; outcome: CaseOutcome }
  | { type: "close" }
  | { type: "reject" }
  | { type: "refer"; agency: string }
  | { type: "merge"; intoCaseId: string }
  | { type: "reopen"; reopenWindowMs: number };

export type CaseActionType = CaseAction["type"];

export interface LifecycleState {
  status: CaseStatus;
  acknowledgedAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  /** Set while the resolve clock is stopped, waiting for the reporter. */
  pausedAt: number | null;
}

export interface LifecycleEvent {
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  isVisibleToReporter: boolean;
  data?: Record<string, unknown>;
}

export type TransitionRefusal = "not_allowed_in_status" | "reopen_window_passed" | "same_case";

export type TransitionResult = { state: LifecycleState; events: LifecycleEvent[]; pausedMs: number } | { refused: TransitionRefusal };

/** From which statuses each action may start. */
const allowedFrom: Record<CaseActionType, readonly CaseStatus[]> = {
  acknowledge: ["new"],
  start_work: ["new", "acknowledged", "reopened"],
  ask_reporter: ["new", "acknowledged", "in_progress", "reopened"],
  reporter_replied: [...openStatuses],
  staff_replied: [...openStatuses],
  resolve: ["acknowledged", "in_progress", "awaiting_reporter", "reopened"],
  close: ["resolved"],
  reject: [...openStatuses],
  refer: [...openStatuses],
  merge: [...openStatuses],
  reopen: ["resolved", "closed"],
};

const targetStatus: Partial<Record<CaseActionType, CaseStatus>> = {
  acknowledge: "acknowledged",
  start_work: "in_progress",
  ask_reporter: "awaiting_reporter",
  resolve: "resolved",
  close: "closed",
  reject: "rejected",
  refer: "referred",
  merge: "merged",
  reopen: "reopened",
};

export function canTransition(status: CaseStatus, action: CaseActionType): boolean {
  return allowedFrom[action].includes(status);
}

export function transition(state: LifecycleState, action: CaseAction, now: number): TransitionResult {
  if (!canTransition(state.status, action.type)) return { refused: "not_allowed_in_status" };
  if (action.type === "reopen" && (state.resolvedAt ?? state.closedAt ?? now) + action.reopenWindowMs < now) {
    return { refused: "reopen_window_passed" };
  }

  let toStatus = targetStatus[action.type] ?? state.status;
  // The reporter answering a question resumes the work; a reply at any other time changes nothing.
  if (action.type === "reporter_replied" && state.status === "awaiting_reporter") toStatus = "in_progress";

  const next: LifecycleState = { ...state, status: toStatus };
  const events: LifecycleEvent[] = [];
  let pausedMs = 0;

  // Waiting for the reporter stops the resolve clock; leaving that status restarts it.
  if (state.status === "awaiting_reporter" && toStatus !== "awaiting_reporter" && state.pausedAt !== null) {
    pausedMs = Math.max(0, now - state.pausedAt);
    next.pausedAt = null;
  }
  if (toStatus === "awaiting_reporter" && state.status !== "awaiting_reporter") next.pausedAt = now;

  // Any handling by staff counts as acknowledging: an officer who already answered has seen the case.
  if (next.acknowledgedAt === null && ["acknowledge", "start_work", "ask_reporter", "staff_replied", "resolve", "reject", "refer", "merge"].includes(action.type)) {
    next.acknowledgedAt = now;
  }
  if (next.firstResponseAt === null && ["ask_reporter", "staff_replied", "resolve"].includes(action.type)) next.firstResponseAt = now;
  if (toStatus === "resolved") next.resolvedAt = now;
  if (["closed", "rejected", "referred", "merged"].includes(toStatus)) next.closedAt = now;
  if (action.type === "reopen") {
    next.resolvedAt = null;
    next.closedAt = null;
  }

  const data: Record<string, unknown> = {};
  if (action.type === "resolve") data.outcome = action.outcome;
  if (action.type === "refer") data.agency = action.agency;
  if (action.type === "merge") data.intoCaseId = action.intoCaseId;
  if (pausedMs > 0) data.pausedMs = pausedMs;

  events.push({
    type: action.type === "reporter_replied" ? "reporter_replied" : action.type === "staff_replied" ? "staff_replied" : action.type,
    fromStatus: state.status,
    toStatus: toStatus === state.status ? null : toStatus,
    isVisibleToReporter: true,
    data: Object.keys(data).length > 0 ? data : undefined,
  });
  return { state: next, events, pausedMs };
}

export function isOpen(status: CaseStatus): boolean {
  return openStatuses.includes(status);
}
