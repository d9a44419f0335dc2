import type { CaseKind, StaffRole } from "../db.server";

/**
 * The one permission table of Prongsai (ARCHITECTURE §7): who may do what, and on which cases.
 * Every loader and action asks `can(user, action, caseContext)`; nothing else decides access.
 *
 * Permissions answer "who"; the case lifecycle (`app/cases/case-lifecycle.ts`) answers "when": a
 * status that does not allow an action is refused there, so `can` takes no status and the two rules
 * never drift apart.
 */

/** Actions that are not about one case: menus, queues, inboxes, administration. */
export const staffActionsWithoutCase = [
  "case.file_on_behalf",
  "queue.mine",
  "queue.team",
  "queue.unassigned",
  "queue.all",
  "escalation.inbox",
  "audit.view",
  "audit.verify",
  "reports.view",
  "admin.users",
  "admin.teams",
  /** Categories and their SLA policies: a policy belongs to its category. */
  "admin.categories",
  "admin.holidays",
  "admin.api_tokens",
  "admin.webhooks",
] as const;

/** Actions on one case: they need the case's context, and every one of them reads its content. */
export const staffActionsOnCase = [
  "case.view",
  "case.view_identity",
  "case.acknowledge",
  "case.assign",
  "case.reclassify",
  "case.ask_reporter",
  "case.reply",
  "case.internal_note",
  "case.merge",
  "case.reject",
  "case.refer",
  "case.resolve",
  "case.close",
  "case.approve_corruption_closure",
  "case.reopen",
  "case.escalate",
  /** Recusing another staff member from the case (a conflict the supervisor records for them). */
  "case.recuse_staff",
  "attachment.download",
  "escalation.decide",
] as const;

export type StaffActionWithoutCase = (typeof staffActionsWithoutCase)[number];
export type StaffActionOnCase = (typeof staffActionsOnCase)[number];
export type StaffAction = StaffActionWithoutCase | StaffActionOnCase;

export const staffActions: readonly StaffAction[] = [...staffActionsWithoutCase, ...staffActionsOnCase];

/**
 * Which cases a grant reaches. A grant lists one or more; the action is allowed if any matches.
 * - `own_team`: the case belongs to the user's team.
 * - `assigned_to_self`: the user is the case's assignee, whatever its team.
 * - `unassigned_triage`: nobody is assigned yet and it is not a corruption tip — the intake desk's
 *   triage. Corruption tips skip the desk: only the team their category names reads them, because
 *   every extra reader of a tip is one more person a whistleblower must trust.
 * - `escalated_to_role`: an escalation of the case is routed to the user's role.
 */
export const caseReaches = ["own_team", "assigned_to_self", "unassigned_triage", "escalated_to_role"] as const;
export type CaseReach = (typeof caseReaches)[number];

export interface RoleGrants {
  withoutCase: readonly StaffActionWithoutCase[];
  onCase: Partial<Record<StaffActionOnCase, readonly CaseReach[]>>;
}

const handlerReach: readonly CaseReach[] = ["own_team", "assigned_to_self"];
const triageReach: readonly CaseReach[] = ["unassigned_triage"];
const escalationReach: readonly CaseReach[] = ["escalated_to_role"];
/**
 * Deciding about the people who work on a case belongs to whoever leads the case's team: a
 * supervisor of another team who merely holds the case as its assignee does not lead them.
 */
const teamLeadReach: readonly CaseReach[] = ["own_team"];

/** What an investigator may do on a case they handle; supervisors have all of it and more. */
const caseHandling: RoleGrants["onCase"] = {
  "case.view": handlerReach,
  "case.view_identity": handlerReach,
  "case.acknowledge": handlerReach,
  "case.assign": handlerReach,
  "case.reclassify": handlerReach,
  "case.ask_reporter": handlerReach,
  "case.reply": handlerReach,
  "case.internal_note": handlerReach,
  "case.merge": handlerReach,
  "case.reject": handlerReach,
  "case.refer": handlerReach,
  "case.resolve": handlerReach,
  "case.close": handlerReach,
  "case.escalate": handlerReach,
  "attachment.download": handlerReach,
};

/** Executives and the audit committee: a case summary, its evidence and a decision, never the reporter's identity. */
const escalationDeciding: RoleGrants["onCase"] = {
  "case.view": escalationReach,
  "attachment.download": escalationReach,
  "escalation.decide": escalationReach,
};

export const permissionTable: Readonly<Record<StaffRole, RoleGrants>> = {
  /**
   * The intake desk and channel operators: file on someone's behalf, and triage what nobody holds
   * yet — read it, acknowledge it, put it in the right category and team, hand it to an officer,
   * merge a duplicate or reject spam. Once assigned, a case leaves the desk's reach. The desk never
   * sees a reporter's identity: classifying needs the story, not the name.
   */
  intake_officer: {
    withoutCase: ["case.file_on_behalf", "queue.unassigned"],
    onCase: {
      "case.view": triageReach,
      "case.acknowledge": triageReach,
      "case.assign": triageReach,
      "case.reclassify": triageReach,
      "case.internal_note": triageReach,
      "case.merge": triageReach,
      "case.reject": triageReach,
    },
  },
  investigator: {
    withoutCase: ["case.file_on_behalf", "queue.mine", "queue.team", "queue.unassigned"],
    onCase: caseHandling,
  },
  /**
   * Everything an investigator may do on the team's cases, plus reopening, approving the end of a
   * corruption tip, and recusing a colleague from one of the team's cases (someone the tip names,
   * say: ARCHITECTURE §4) — never themselves by this path, which is `declare_conflict`'s.
   * `queue.all` lists every team's cases by their plaintext metadata (reference, kind, status,
   * deadlines) for the SLA dashboard; opening one still needs `case.view` here.
   */
  supervisor: {
    withoutCase: ["case.file_on_behalf", "queue.mine", "queue.team", "queue.unassigned", "queue.all", "reports.view"],
    onCase: { ...caseHandling, "case.reopen": handlerReach, "case.approve_corruption_closure": teamLeadReach, "case.recuse_staff": teamLeadReach },
  },
  executive: {
    withoutCase: ["escalation.inbox", "reports.view"],
    onCase: escalationDeciding,
  },
  /** Like an executive, for the escalations routed around implicated executives (ARCHITECTURE §4). */
  audit_committee: {
    withoutCase: ["escalation.inbox", "reports.view"],
    onCase: escalationDeciding,
  },
  /** Read-only: the audit log, its integrity check and the reports — no case content at all. */
  auditor: {
    withoutCase: ["audit.view", "audit.verify", "reports.view"],
    onCase: {},
  },
  /** Runs the system and cannot read a single case (ARCHITECTURE §1). */
  admin: {
    withoutCase: ["admin.users", "admin.teams", "admin.categories", "admin.holidays", "admin.api_tokens", "admin.webhooks"],
    onCase: {},
  },
};

/**
 * Ending a corruption tip with nothing more to do — resolving it with an outcome, closing it, or
 * rejecting it as out of scope — needs the approval right as well: one officer alone must not be
 * able to bury a tip. Resolving is an ending too: a resolved case leaves every queue, counts as
 * completed and tells the reporter so, and the close that would follow it is then nobody's task.
 * The right is the team's supervisor's, not an assignee's: a supervisor of another team who was
 * handed the tip does not lead the officers whose work they would approve. (Referring it
 * hands it to another agency, which goes on with it; merging keeps it alive in the other case, which
 * is why a tip may be merged only into another corruption tip — `mayMergeInto` in
 * app/cases/case-commands.ts — whose end needs the same approval.)
 */
const corruptionTipEndings: readonly StaffActionOnCase[] = ["case.resolve", "case.close", "case.reject"];

export interface StaffUserForPermissions {
  id: string;
  role: StaffRole;
  teamId: string | null;
}

export interface CaseContext {
  teamId: string;
  assigneeId: string | null;
  /** Staff recused from this case (named in it, or declared a conflict): they may do nothing on it. */
  recusedStaffIds: readonly string[] | ReadonlySet<string>;
  kind: CaseKind;
  /** The roles the case's escalations are routed to (decided ones included, so a decider can look back). */
  escalatedTo?: readonly StaffRole[];
}

const actionsWithoutCase: ReadonlySet<string> = new Set(staffActionsWithoutCase);

export function isActionWithoutCase(action: StaffAction): action is StaffActionWithoutCase {
  return actionsWithoutCase.has(action);
}

function isRecused(staffUserId: string, recusedStaffIds: CaseContext["recusedStaffIds"]): boolean {
  return "has" in recusedStaffIds ? recusedStaffIds.has(staffUserId) : recusedStaffIds.includes(staffUserId);
}

function reaches(reach: CaseReach, user: StaffUserForPermissions, caseContext: CaseContext): boolean {
  switch (reach) {
    case "own_team":
      return user.teamId !== null && user.teamId === caseContext.teamId;
    case "assigned_to_self":
      return caseContext.assigneeId === user.id;
    case "unassigned_triage":
      return caseContext.assigneeId === null && caseContext.kind !== "corruption_tip";
    case "escalated_to_role":
      return caseContext.escalatedTo?.includes(user.role) ?? false;
  }
}

function grantReaches(user: StaffUserForPermissions, action: StaffActionOnCase, caseContext: CaseContext): boolean {
  const grant = permissionTable[user.role].onCase[action];
  return grant?.some((reach) => reaches(reach, user, caseContext)) ?? false;
}

/**
 * Whether `user` may do `action` — on the case described by `caseContext` when the action is about
 * a case. An action on a case asked without its context is refused: a route that forgot to pass
 * the case must fail closed, not open. (For menus, ask `roleHasAction`.)
 */
export function can(user: StaffUserForPermissions, action: StaffAction, caseContext?: CaseContext): boolean {
  if (caseContext && isRecused(user.id, caseContext.recusedStaffIds)) return false;
  if (isActionWithoutCase(action)) return permissionTable[user.role].withoutCase.includes(action);
  if (!caseContext) return false;
  if (action === "case.approve_corruption_closure" && caseContext.kind !== "corruption_tip") return false;
  if (caseContext.kind === "corruption_tip" && corruptionTipEndings.includes(action) && !grantReaches(user, "case.approve_corruption_closure", caseContext)) {
    return false;
  }
  return grantReaches(user, action, caseContext);
}

/** Roles whose grants reach their team's cases: an account of such a role is useless without a team. */
export function roleNeedsTeam(role: StaffRole): boolean {
  return Object.values(permissionTable[role].onCase).some((grant) => grant.includes("own_team"));
}

/** Whether the role may ever do `action`, on some case: for showing a menu item or a button, never for allowing it. */
export function roleHasAction(role: StaffRole, action: StaffAction): boolean {
  const grants = permissionTable[role];
  return isActionWithoutCase(action) ? grants.withoutCase.includes(action) : grants.onCase[action] !== undefined;
}
