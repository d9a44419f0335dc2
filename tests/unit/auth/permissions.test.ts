import { describe, expect, it } from "vitest";
import { can, permissionTable, roleHasAction, roleNeedsTeam, staffActions, type CaseContext, type StaffAction } from "../../../app/auth/permissions";
import { staffRoles, type StaffRole } from "../../../app/db.server";

/**
 * The whole permission table, written out a second time by hand: every role × every action × every
 * kind of case a user can meet. Any change to the rules flips an entry here, so it must be made on
 * purpose, in both places.
 */

const me = "staff-me";
const colleague = "staff-colleague";
const myTeam = "team-a";
const otherTeam = "team-b";

const situations = [
  /** No case: a menu, a queue, an admin page. */
  "none",
  /** My team's complaint, held by a colleague. */
  "own_team",
  /** Another team's complaint, held by someone else. */
  "other_team",
  /** Another team's complaint, assigned to me. */
  "assigned",
  /** Another team's complaint nobody holds yet. */
  "unassigned",
  /** Another team's corruption tip nobody holds yet. */
  "unassigned_tip",
  /** My team's corruption tip, held by a colleague. */
  "own_team_tip",
  /** Another team's corruption tip, assigned to me. */
  "assigned_tip",
  /** Another team's complaint, escalated to my role. */
  "escalated",
  /** Another team's complaint, escalated to every role but mine (routed around me). */
  "escalated_elsewhere",
  /** My team's complaint, assigned and escalated to me — but I am recused from it. */
  "recused",
] as const;
type Situation = (typeof situations)[number];

function contextOf(situation: Exclude<Situation, "none">, role: StaffRole): CaseContext {
  const complaint = { kind: "complaint", recusedStaffIds: [] } as const;
  const tip = { kind: "corruption_tip", recusedStaffIds: [] } as const;
  switch (situation) {
    case "own_team":
      return { ...complaint, teamId: myTeam, assigneeId: colleague };
    case "other_team":
      return { ...complaint, teamId: otherTeam, assigneeId: colleague };
    case "assigned":
      return { ...complaint, teamId: otherTeam, assigneeId: me };
    case "unassigned":
      return { ...complaint, teamId: otherTeam, assigneeId: null };
    case "unassigned_tip":
      return { ...tip, teamId: otherTeam, assigneeId: null };
    case "own_team_tip":
      return { ...tip, teamId: myTeam, assigneeId: colleague };
    case "assigned_tip":
      return { ...tip, teamId: otherTeam, assigneeId: me };
    case "escalated":
      return { ...complaint, teamId: otherTeam, assigneeId: colleague, escalatedTo: [role] };
    case "escalated_elsewhere":
      return { ...complaint, teamId: otherTeam, assigneeId: colleague, escalatedTo: staffRoles.filter((other) => other !== role) };
    case "recused":
      return { ...complaint, teamId: myTeam, assigneeId: me, escalatedTo: [role], recusedStaffIds: new Set([me]) };
  }
}

/** An action that is not about a case is allowed whatever case is around — unless I am recused from it. */
const anyContext: readonly Situation[] = situations.filter((situation) => situation !== "recused");
const triage: readonly Situation[] = ["unassigned"];
const handled: readonly Situation[] = ["own_team", "assigned", "own_team_tip", "assigned_tip"];
const handledComplaints: readonly Situation[] = ["own_team", "assigned"];
const escalatedToMe: readonly Situation[] = ["escalated"];
/** My team's cases, and only those: holding another team's case does not make me lead its people. */
const myTeamsCases: readonly Situation[] = ["own_team", "own_team_tip"];
/** Approving a tip's end is the lead's of the tip's team: holding another team's tip is not enough. */
const myTeamsTips: readonly Situation[] = ["own_team_tip"];
/** Ending a case: any complaint handled, and a tip only where the approval right reaches. */
const endingsWithApproval: readonly Situation[] = ["own_team", "assigned", "own_team_tip"];

/** Where each role may do each action; an action a role does not list is refused everywhere. */
const expected: Record<StaffRole, Partial<Record<StaffAction, readonly Situation[]>>> = {
  intake_officer: {
    "case.file_on_behalf": anyContext,
    "queue.unassigned": anyContext,
    "case.view": triage,
    "case.acknowledge": triage,
    "case.assign": triage,
    "case.reclassify": triage,
    "case.internal_note": triage,
    "case.merge": triage,
    "case.reject": triage,
  },
  investigator: {
    "case.file_on_behalf": anyContext,
    "queue.mine": anyContext,
    "queue.team": anyContext,
    "queue.unassigned": anyContext,
    "case.view": handled,
    "case.view_identity": handled,
    "case.acknowledge": handled,
    "case.assign": handled,
    "case.reclassify": handled,
    "case.ask_reporter": handled,
    "case.reply": handled,
    "case.internal_note": handled,
    "case.merge": handled,
    "case.reject": handledComplaints,
    "case.refer": handled,
    "case.resolve": handledComplaints,
    "case.close": handledComplaints,
    "case.escalate": handled,
    "attachment.download": handled,
  },
  supervisor: {
    "case.file_on_behalf": anyContext,
    "queue.mine": anyContext,
    "queue.team": anyContext,
    "queue.unassigned": anyContext,
    "queue.all": anyContext,
    "reports.view": anyContext,
    "case.view": handled,
    "case.view_identity": handled,
    "case.acknowledge": handled,
    "case.assign": handled,
    "case.reclassify": handled,
    "case.ask_reporter": handled,
    "case.reply": handled,
    "case.internal_note": handled,
    "case.merge": handled,
    "case.reject": endingsWithApproval,
    "case.refer": handled,
    "case.resolve": endingsWithApproval,
    "case.close": endingsWithApproval,
    "case.approve_corruption_closure": myTeamsTips,
    "case.reopen": handled,
    "case.escalate": handled,
    "case.recuse_staff": myTeamsCases,
    "attachment.download": handled,
  },
  executive: {
    "escalation.inbox": anyContext,
    "reports.view": anyContext,
    "case.view": escalatedToMe,
    "attachment.download": escalatedToMe,
    "escalation.decide": escalatedToMe,
  },
  audit_committee: {
    "escalation.inbox": anyContext,
    "reports.view": anyContext,
    "case.view": escalatedToMe,
    "attachment.download": escalatedToMe,
    "escalation.decide": escalatedToMe,
  },
  auditor: {
    "audit.view": anyContext,
    "audit.verify": anyContext,
    "reports.view": anyContext,
  },
  admin: {
    "admin.users": anyContext,
    "admin.teams": anyContext,
    "admin.categories": anyContext,
    "admin.holidays": anyContext,
    "admin.api_tokens": anyContext,
    "admin.webhooks": anyContext,
  },
};

function decisions(role: StaffRole, action: StaffAction): Record<Situation, boolean> {
  const user = { id: me, role, teamId: myTeam };
  return Object.fromEntries(
    situations.map((situation) => [situation, situation === "none" ? can(user, action) : can(user, action, contextOf(situation, role))]),
  ) as Record<Situation, boolean>;
}

describe("the permission table", () => {
  for (const role of staffRoles) {
    describe(role, () => {
      it.each(staffActions)("%s", (action) => {
        const allowedIn = expected[role][action] ?? [];
        const expectedDecisions = Object.fromEntries(situations.map((situation) => [situation, allowedIn.includes(situation)]));
        expect(decisions(role, action)).toEqual(expectedDecisions);
      });
    });
  }

  it("names only real actions in the expectations, so none is silently skipped", () => {
    for (const role of staffRoles) for (const action of Object.keys(expected[role])) expect(staffActions).toContain(action);
  });

  it("never lets an admin or an auditor do anything to a case", () => {
    for (const role of ["admin", "auditor"] as const) {
      expect(Object.keys(permissionTable[role].onCase)).toEqual([]);
      for (const action of staffActions.filter((action) => action.startsWith("case.") && action !== "case.file_on_behalf")) {
        expect(roleHasAction(role, action)).toBe(false);
      }
    }
  });

  it("lets a recused staff member do nothing at all on the case, whether the ids come as a list or a set", () => {
    for (const role of staffRoles) {
      const user = { id: me, role, teamId: myTeam };
      for (const recusedStaffIds of [[me], new Set([me])]) {
        const context: CaseContext = { teamId: myTeam, assigneeId: me, recusedStaffIds, kind: "complaint", escalatedTo: [role] };
        expect(staffActions.filter((action) => can(user, action, context))).toEqual([]);
      }
    }
  });

  it("gives a user without a team no team's cases", () => {
    const user = { id: me, role: "investigator" as const, teamId: null };
    expect(can(user, "case.view", { teamId: myTeam, assigneeId: null, recusedStaffIds: [], kind: "complaint" })).toBe(false);
    expect(can(user, "case.view", { teamId: myTeam, assigneeId: me, recusedStaffIds: [], kind: "complaint" })).toBe(true);
  });

  it("says which roles may ever do an action, for menus", () => {
    expect(roleHasAction("investigator", "case.view")).toBe(true);
    expect(roleHasAction("investigator", "case.approve_corruption_closure")).toBe(false);
    expect(roleHasAction("investigator", "case.recuse_staff")).toBe(false);
    expect(roleHasAction("supervisor", "case.recuse_staff")).toBe(true);
    expect(roleHasAction("intake_officer", "case.file_on_behalf")).toBe(true);
    expect(roleHasAction("executive", "escalation.decide")).toBe(true);
    expect(roleHasAction("executive", "case.view_identity")).toBe(false);
  });

  it("requires a team exactly of the roles that work on their team's cases", () => {
    expect(staffRoles.filter(roleNeedsTeam)).toEqual(["investigator", "supervisor"]);
  });
});
