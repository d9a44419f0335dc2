import { can, type CaseContext, type StaffActionOnCase, type StaffUserForPermissions } from "../auth/permissions";
import type { CaseKind, CaseStatus } from "../db.server";
import { canTransition, isOpen, transition, type CaseActionType, type LifecycleState } from "./case-lifecycle";

/**
 * What a staff member can do from the case page, and what each command needs: a permission (who,
 * from `can`) and a status that allows it (when, from the lifecycle). Both services — the page that
 * shows the buttons and the action that performs one — ask these same rules, so a button is shown
 * exactly when pressing it would be accepted.
 */

export const caseCommandTypes = [
  "acknowledge",
  "start_work",
  "assign",
  "reclassify",
  "ask_reporter",
  "reply",
  "internal_note",
  "merge",
  "reject",
  "refer",
  "resolve",
  "close",
  "reopen",
  "declare_conflict",
  "recuse_staff",
  "escalate",
  "mark_senior_official",
] as const;
export type CaseCommandType = (typeof caseCommandTypes)[number];

/**
 * Each command's form fields, by the names the case page's forms send and `caseCommandSchema`
 * reads. The schema is typed against this list, so a field added to one and not the other does not
 * compile.
 */
export const caseCommandFields = {
  acknowledge: [],
  start_work: [],
  assign: ["assigneeId", "expectedAssigneeId"],
  reclassify: ["kind", "categoryCode", "priority"],
  ask_reporter: ["message"],
  reply: ["message"],
  internal_note: ["message"],
  merge: ["intoReference"],
  reject: ["reason"],
  refer: ["agency", "agencyName", "referredOn"],
  resolve: ["outcome"],
  close: [],
  reopen: [],
  declare_conflict: ["reason"],
  recuse_staff: ["recusedStaffId", "reason"],
  escalate: ["reason"],
  mark_senior_official: ["namesSeniorOfficial"],
} as const satisfies Readonly<Record<CaseCommandType, readonly string[]>>;

/** `expectedAssigneeId` when the page showed nobody holding the case (an empty field is dropped as unanswered). */
export const nobodyHoldsTheCase = "nobody";

export type CaseCommandField<Command extends CaseCommandType> = (typeof caseCommandFields)[Command][number];
export type CaseCommandFieldName = CaseCommandField<CaseCommandType>;

/** The fields of `command`, as plain names (for reading a form or placing an error beside its field). */
export function commandFieldNames(command: CaseCommandType): readonly string[] {
  return caseCommandFields[command];
}

interface CommandRule {
  permission: StaffActionOnCase;
  /** The lifecycle action the command performs; its status rule applies. */
  lifecycle?: CaseActionType;
  /** Commands that change no status but make sense only while the case is being handled. */
  onlyWhileOpen?: boolean;
}

export const caseCommandRules: Readonly<Record<CaseCommandType, CommandRule>> = {
  acknowledge: { permission: "case.acknowledge", lifecycle: "acknowledge" },
  // The table has no right of its own for starting the work: it is what a handler does, and the
  // handler's rights (not the intake desk's triage) include replying.
  start_work: { permission: "case.reply", lifecycle: "start_work" },
  assign: { permission: "case.assign", onlyWhileOpen: true },
  reclassify: { permission: "case.reclassify", onlyWhileOpen: true },
  ask_reporter: { permission: "case.ask_reporter", lifecycle: "ask_reporter" },
  reply: { permission: "case.reply", lifecycle: "staff_replied" },
  internal_note: { permission: "case.internal_note" },
  merge: { permission: "case.merge", lifecycle: "merge" },
  reject: { permission: "case.reject", lifecycle: "reject" },
  refer: { permission: "case.refer", lifecycle: "refer" },
  resolve: { permission: "case.resolve", lifecycle: "resolve" },
  close: { permission: "case.close", lifecycle: "close" },
  reopen: { permission: "case.reopen", lifecycle: "reopen" },
  // Anyone who may see the case may step away from it; afterwards they may do nothing on it.
  declare_conflict: { permission: "case.view" },
  // No status rule: who may see a case matters as long as the case exists, closed or not.
  recuse_staff: { permission: "case.recuse_staff" },
  // To the executives, by hand (ARCHITECTURE §4); the sweep escalates by its own rules besides.
  escalate: { permission: "case.escalate", onlyWhileOpen: true },
  // Whether the report names a senior official is part of classifying it; for a corruption tip it escalates.
  mark_senior_official: { permission: "case.reclassify", onlyWhileOpen: true },
};

/**
 * Whether a case of kind `from` may be merged into a case of kind `into`. A merged case never comes
 * back, so merging a corruption tip into a complaint would let its handler end it with no
 * supervisor's approval (closing a complaint needs none): a tip joins only another tip, whose end
 * needs that approval as well.
 */
export function mayMergeInto(from: CaseKind, into: CaseKind): boolean {
  return from !== "corruption_tip" || into === "corruption_tip";
}

export type StatusRefusal = "not_allowed_in_status" | "reopen_window_passed";

/**
 * Whether the case's state allows the command now, whoever asks. `reopenWindowMs` is the setting
 * (config.cases.reopenWindowMs): how long after resolving or closing a case may be reopened.
 */
export function statusAllows(command: CaseCommandType, state: LifecycleState, now: number, reopenWindowMs: number): true | StatusRefusal {
  const rule = caseCommandRules[command];
  if (rule.onlyWhileOpen && !isOpen(state.status)) return "not_allowed_in_status";
  if (!rule.lifecycle) return true;
  if (rule.lifecycle === "reopen") {
    const result = transition(state, { type: "reopen", reopenWindowMs }, now);
    return "refused" in result ? (result.refused === "reopen_window_passed" ? "reopen_window_passed" : "not_allowed_in_status") : true;
  }
  return canTransition(state.status, rule.lifecycle) ? true : "not_allowed_in_status";
}

/** The commands the staff member may perform on the case now: both the permission and the status allow them. */
export function allowedCommands(staff: StaffUserForPermissions, context: CaseContext, state: LifecycleState, now: number, reopenWindowMs: number): CaseCommandType[] {
  return caseCommandTypes.filter((command) => can(staff, caseCommandRules[command].permission, context) && statusAllows(command, state, now, reopenWindowMs) === true);
}

/**
 * The case could be ended now (resolved, closed or rejected), but not by this officer: it is a
 * corruption tip, whose end is the team supervisor's (app/auth/permissions.ts). The page says so
 * instead of leaving the officer to wonder where the command went.
 */
export function endingIsForTheSupervisor(staff: StaffUserForPermissions, context: CaseContext, state: LifecycleState, now: number, reopenWindowMs: number): boolean {
  if (context.kind !== "corruption_tip" || !can(staff, "case.internal_note", context)) return false;
  const endings: CaseCommandType[] = ["resolve", "close", "reject"];
  return endings.some((command) => statusAllows(command, state, now, reopenWindowMs) === true && !can(staff, caseCommandRules[command].permission, context));
}

export function lifecycleStateOf(row: {
  status: CaseStatus;
  acknowledged_at: number | null;
  first_response_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  paused_at: number | null;
}): LifecycleState {
  return {
    status: row.status,
    acknowledgedAt: row.acknowledged_at,
    firstResponseAt: row.first_response_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    pausedAt: row.paused_at,
  };
}
