import type { CaseActionProblem, EligibleAssignee, RecusableStaffMember, ReferralAgency } from "~/cases/case-actions.server";
import type { CaseCommandType } from "~/cases/case-commands";
import type { CaseWorkspace } from "~/cases/case-workspace.server";
import type { CaseKind, CaseOutcome, CasePriority } from "~/db.server";
import type { IntakeCategory } from "~/intake/intake-categories.server";

/*
 * What the staff case page's parts receive. Type-only imports: the server modules that define them
 * never reach the browser.
 */

export type Workspace = CaseWorkspace;

export type ThreadMessage = Workspace["thread"][number];

/** The vocabularies the command forms offer; they travel with the loader data because their lists live in server-only modules. */
export interface CommandOptions {
  kinds: readonly CaseKind[];
  priorities: readonly CasePriority[];
  outcomes: readonly CaseOutcome[];
  agencies: readonly ReferralAgency[];
  categories: readonly IntakeCategory[];
  /** Who the case may be handed to (`listEligibleAssignees`); empty unless the officer may assign it. */
  assignees: readonly EligibleAssignee[];
  /** Whom the supervisor may recuse from the case (`listRecusableStaff`); empty unless they may recuse anyone. */
  recusableStaff: readonly RecusableStaffMember[];
}

/** A refused command as the action answers it: which form, why, and what was typed, to show it again. */
export interface CommandFailure {
  intent: CaseCommandType;
  problem: CommandProblem;
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
  values: Record<string, string>;
}

/** The action answers "not found" and "forbidden" with a status page, not beside a form. */
export type CommandProblem = Exclude<CaseActionProblem["problem"], "not_found" | "forbidden">;
