import type { QueryCreator, Selectable, Transaction } from "kysely";
import { can, type CaseContext } from "../auth/permissions";
import { caseContextOf } from "../cases/case-access.server";
import { decryptText } from "../crypto/envelope.server";
import type { CaseKind, CasesTable, Database, StaffRole } from "../db.server";
import { en } from "../i18n/messages/en";
import { th } from "../i18n/messages/th";
import type { AppServices } from "../services.server";
import { caseStatusUpdateEmail } from "../../emails/case-status-update";
import { newCaseForTeamEmail } from "../../emails/new-case-for-team";
import { reporterActivityEmail, type ReporterActivity } from "../../emails/reporter-activity";
import { enqueueEmail, enqueueEmailToEach } from "./outbox.server";
import { reporterHearsOfStatusChange } from "./reporter-status-notices";

/**
 * Who hears of what happens to a case (issue 4), written to the outbox inside the transaction of the
 * change, so an e-mail exists if and only if the change does. Staff are chosen with `can`, the one
 * permission rule: nobody recused from the case, nobody who could not open it, hears of it. No
 * e-mail carries the narrative, an identity or a tracking code (ARCHITECTURE §8); the templates
 * have no field for them.
 */

export type CaseNotificationServices = Pick<AppServices, "config" | "secrets">;

type CaseRow = Selectable<CasesTable>;

/** The roles that work cases; `can` then decides which of them may open this one. */
const caseWorkingRoles: readonly StaffRole[] = ["intake_officer", "investigator", "supervisor"];

interface Recipient {
  id: string;
  email: string;
}

/** An active staff member of a team, as `can` needs them to decide who may open a case. */
export interface TeamMember extends Recipient {
  role: StaffRole;
  team_id: string | null;
}

/** The active staff of a team, of `roles`. A builder, so a caller may read them inside a statement of its own. */
function teamMembers(db: QueryCreator<Database>, teamId: string, roles: readonly StaffRole[]) {
  return db.selectFrom("staff_users").select(["id", "email", "role", "team_id"]).where("team_id", "=", teamId).where("role", "in", roles).where("is_active", "=", 1).orderBy("email");
}

/** The staff a new case's notice may go to (before `can` chooses among them): read by `notifyTeamOfNewCase`, or ahead of it by a caller that folds the read into a statement of its own. */
export function caseWorkersOfTeam(db: QueryCreator<Database>, teamId: string) {
  return teamMembers(db, teamId, caseWorkingRoles);
}

/**
 * The active staff of the case's team, of `roles`, who may open the case now. Read in the
 * transaction, after the change: a conflict declared or an assignee set in it counts.
 */
async function teamMembersWhoMayOpen(transaction: Transaction<Database>, caseId: string, roles: readonly StaffRole[]): Promise<Recipient[]> {
  const context = await caseContextOf(transaction, caseId);
  return context ? membersWhoMayOpen(transaction, context, roles) : [];
}

async function membersWhoMayOpen(transaction: Transaction<Database>, context: CaseContext, roles: readonly StaffRole[]): Promise<Recipient[]> {
  return whoMayOpen(await teamMembers(transaction, context.teamId, roles).execute(), context);
}

function whoMayOpen(members: readonly TeamMember[], context: CaseContext): Recipient[] {
  return members.filter((member) => can({ id: member.id, role: member.role, teamId: member.team_id }, "case.view", context));
}

/** The staff case page; it opens nothing without a staff sign-in. (The path `staffCasePath` builds.) */
function staffCaseUrl(services: CaseNotificationServices, caseId: string): string {
  return `${services.config.publicBaseUrl}/staff/cases/${encodeURIComponent(caseId)}`;
}

/** What the filing knows of the case it has just written, and the team's notice tells. */
export interface FiledCase {
  id: string;
  reference: string;
  kind: CaseKind;
  teamId: string;
  categoryName: { th: string; en: string };
  /** Whoever filed it on a reporter's behalf, who needs no notice of it. */
  filedByStaffId: string | null;
}

/**
 * A case was filed: the officers of its team who may work it hear that it arrived — investigators
 * and supervisors, and the intake desk's members of the team when the desk may triage it (never a
 * corruption tip). Whoever filed it on a reporter's behalf knows already. `caseWorkers`, when given,
 * is what `caseWorkersOfTeam` read earlier in the same transaction.
 */
export async function notifyTeamOfNewCase(
  transaction: Transaction<Database>,
  services: CaseNotificationServices,
  filed: FiledCase,
  now: number,
  caseWorkers?: readonly TeamMember[],
): Promise<void> {
  // Who may open it follows from what the filing has just written, not from reading the case back
  // (one statement less on every filing): a case is filed unassigned, and its id is new to this
  // transaction, so no recusal or escalation can name it yet.
  const context: CaseContext = { teamId: filed.teamId, assigneeId: null, kind: filed.kind, recusedStaffIds: [], escalatedTo: [] };
  const members = caseWorkers ?? (await caseWorkersOfTeam(transaction, filed.teamId).execute());
  const recipients = whoMayOpen(members, context).filter((member) => member.id !== filed.filedByStaffId);
  const email = newCaseForTeamEmail({
    reference: filed.reference,
    kindLabel: { th: th.kinds[filed.kind], en: en.kinds[filed.kind] },
    categoryLabel: filed.categoryName,
    caseUrl: staffCaseUrl(services, filed.id),
  });
  await enqueueEmailToEach(transaction, services.secrets.keyring, recipients, email, now);
}

export function reporterActivityOf(reply: { wrote: boolean; files: number }): ReporterActivity | undefined {
  if (reply.wrote && reply.files > 0) return "replied_with_evidence";
  if (reply.wrote) return "replied";
  return reply.files > 0 ? "added_evidence" : undefined;
}

/**
 * The reporter wrote back or sent evidence on /track: the officer holding the case hears of it, or,
 * while nobody holds it (or its holder may no longer open it), the team's supervisors, who assign.
 */
export async function notifyHandlersOfReporterActivity(transaction: Transaction<Database>, services: CaseNotificationServices, caseId: string, activity: ReporterActivity, now: number): Promise<void> {
  const context = await caseContextOf(transaction, caseId);
  if (!context) return;
  const reference = (await transaction.selectFrom("cases").select("reference").where("id", "=", caseId).executeTakeFirstOrThrow()).reference;
  let recipients: Recipient[] = [];
  if (context.assigneeId !== null) {
    const assignee = await transaction.selectFrom("staff_users").select(["id", "email", "role", "team_id"]).where("id", "=", context.assigneeId).where("is_active", "=", 1).executeTakeFirst();
    if (assignee && can({ id: assignee.id, role: assignee.role, teamId: assignee.team_id }, "case.view", context)) recipients = [assignee];
  }
  if (recipients.length === 0) recipients = await teamMembersWhoMayOpen(transaction, caseId, ["supervisor"]);
  await enqueueEmailToEach(transaction, services.secrets.keyring, recipients, reporterActivityEmail({ reference, activity, caseUrl: staffCaseUrl(services, caseId) }), now);
}

/**
 * A named complainant with an e-mail address hears that their case was taken up or came to an end
 * (`reporterHearsOfStatusChange`): the new status and the way to /track. An anonymous case has no
 * identity to write to.
 */
export async function notifyReporterOfStatusChange(
  transaction: Transaction<Database>,
  services: CaseNotificationServices,
  caseRow: Pick<CaseRow, "id" | "reference" | "reporter_identity_encrypted">,
  change: { from: CaseRow["status"]; to: CaseRow["status"] },
  now: number,
): Promise<void> {
  if (!reporterHearsOfStatusChange(change.from, change.to)) return;
  const address = reporterAddress(services, caseRow);
  if (!address) return;
  const email = caseStatusUpdateEmail({
    reference: caseRow.reference,
    statusLabel: { th: th.statuses[change.to], en: en.statuses[change.to] },
    trackUrl: `${services.config.publicBaseUrl}/track`,
  });
  await enqueueEmail(transaction, services.secrets.keyring, { to: address, ...email }, now);
}

/** The named reporter's e-mail address, if they gave one; sealed as intake sealed it. */
function reporterAddress(services: CaseNotificationServices, caseRow: Pick<CaseRow, "id" | "reporter_identity_encrypted">): string | undefined {
  if (caseRow.reporter_identity_encrypted === null) return undefined;
  const identity = JSON.parse(decryptText(services.secrets.keyring, caseRow.reporter_identity_encrypted, `cases.reporter_identity_encrypted:${caseRow.id}`)) as { email?: string };
  return identity.email || undefined;
}
