import { beforeEach, expect, it } from "vitest";
import { addHoliday, fiscalYearDateKeys, listHolidays, removeHoliday } from "../../app/admin/holidays.server";
import { issueApiToken, listApiTokens, revokeIntakeToken } from "../../app/admin/api-tokens.server";
import { createCategory, findCategory, listCategories, updateCategory, type PoliciesInput } from "../../app/admin/categories.server";
import { changeStaffRole, inviteStaffUser, listStaffAccounts, resetStaffSecondFactor, setStaffAccountActive } from "../../app/admin/staff-accounts.server";
import { createTeam, listTeams, renameTeam, setTeamActive } from "../../app/admin/teams.server";
import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { checkPasswordResetToken, resetPassword } from "../../app/auth/password-reset.server";
import { createSession, readSession } from "../../app/auth/sessions.server";
import type { StaffRole } from "../../app/db.server";
import { authenticateApiToken } from "../../app/intake/api-tokens.server";
import { fileCase } from "../../app/intake/intake.server";
import { performCaseAction } from "../../app/cases/case-actions.server";
import { openCaseForStaff } from "../../app/cases/case-workspace.server";
import { readOutboxPayload } from "../../app/notify/outbox.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/** A morning in Bangkok, in fiscal year 2570. */
const now = Date.parse("2026-11-25T09:00:00+07:00");
const hour = 60 * 60_000;
const newPassword = "ช้างเผือก กินกล้วยหอม 2569";

const standardPolicies: PoliciesInput = {
  acknowledge: { amount: 2, unit: "business_days", dueSoonFraction: 0.75 },
  first_response: { amount: 36, unit: "hours", dueSoonFraction: 0.5 },
  resolve: null,
};

describeEachDialect("admin services", (current) => {
  let services: AppServices;
  let adminId: string;
  let idOf: (role: StaffRole) => string;

  beforeEach(async () => {
    services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, now, { demoCases: 0 });
    const staff = await services.db.selectFrom("staff_users").select(["id", "role"]).execute();
    idOf = (role) => staff.find((member) => member.role === role)!.id;
    adminId = idOf("admin");
  });

  async function auditEntries(action: string) {
    return services.db.selectFrom("audit_log").select(["actor_type", "actor_id", "target_id", "details"]).where("action", "=", action).orderBy("sequence").execute();
  }

  async function expectAuditIntact() {
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  }

  async function sessionFor(staffUserId: string): Promise<string> {
    return (await createSession(services.db, staffUserId, now, { mfaVerified: true })).cookieValue;
  }

  async function emailsTo(address: string) {
    const rows = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).execute();
    return rows.map((row) => readOutboxPayload(services.secrets.keyring, row)).flatMap((message) => (message.kind === "email" && message.email.to === address ? [message.email] : []));
  }

  // ——— staff accounts ———

  it("lists every account with its role, team, second factor and lockout", async () => {
    await services.db.updateTable("staff_users").set({ locked_until: now + hour, totp_enabled_at: now }).where("id", "=", idOf("investigator")).execute();
    const accounts = await listStaffAccounts(services.db, now);
    expect(accounts.find((account) => account.id === idOf("investigator"))).toMatchObject({ role: "investigator", teamNameEn: "Anti-Corruption Operation Centre", isActive: true, totpEnrolled: true, lockedUntil: now + hour });
    expect(accounts.find((account) => account.id === adminId)).toMatchObject({ role: "admin", teamId: null, totpEnrolled: false, lockedUntil: null });
    // A lockout that has run out is not shown as one.
    expect((await listStaffAccounts(services.db, now + 2 * hour)).find((account) => account.id === idOf("investigator"))?.lockedUntil).toBeNull();
  });

  it("invites a new colleague by e-mail: an invitation link they can use, no password known to the admin", async () => {
    const invited = await inviteStaffUser(services, { email: "Malee@Agency.go.th", displayName: "มาลี ตรวจสอบ", role: "investigator", teamCode: "integrity" }, adminId, now);
    if (!("staffUserId" in invited)) throw new Error(JSON.stringify(invited));
    expect(await auditEntries("staff.created")).toEqual([expect.objectContaining({ actor_type: "staff", actor_id: adminId, target_id: invited.staffUserId })]);
    expect(await auditEntries("staff.invited")).toEqual([expect.objectContaining({ actor_type: "staff", actor_id: adminId, target_id: invited.staffUserId })]);
    const emails = await emailsTo("malee@agency.go.th");
    expect(emails.map((email) => email.subject)).toEqual([expect.stringContaining("Set your password for the")]);
    const [email] = emails;
    const token = /token=([A-Za-z0-9_-]{43})/.exec(email!.text)?.[1];
    expect(token).toBeDefined();
    expect(await checkPasswordResetToken(services.db, token!, now + 60_000)).toBeNull();
    expect(await resetPassword(services, token!, newPassword, now + 60_000)).toEqual({ reset: true });
    await expectAuditIntact();
  });

  it("refuses an invitation without the team the role needs, to an unknown team, or to an address already used", async () => {
    const base = { email: "new@agency.go.th", displayName: "ใหม่", role: "investigator" as const };
    expect(await inviteStaffUser(services, { ...base, teamCode: null }, adminId, now)).toEqual({ problem: "team_required" });
    expect(await inviteStaffUser(services, { ...base, teamCode: "nowhere" }, adminId, now)).toEqual({ problem: "unknown_team" });
    expect(await inviteStaffUser(services, { ...base, email: "ADMIN@prongsai.example", teamCode: "integrity" }, adminId, now)).toEqual({ problem: "email_taken" });
    expect(await emailsTo("new@agency.go.th")).toEqual([]);
  });

  it("changes a role and team, ends the account's sessions, and audits both sides of the change", async () => {
    const investigatorId = idOf("investigator");
    const cookie = await sessionFor(investigatorId);
    expect(await changeStaffRole(services, investigatorId, { role: "supervisor", teamCode: "service" }, adminId, now)).toEqual({ changed: true });
    const row = await services.db.selectFrom("staff_users").innerJoin("teams", "teams.id", "staff_users.team_id").select(["role", "teams.code"]).where("staff_users.id", "=", investigatorId).executeTakeFirstOrThrow();
    expect(row).toEqual({ role: "supervisor", code: "service" });
    expect(await readSession(services.db, cookie, now)).toBeNull();
    const [entry] = await auditEntries("staff.role_changed");
    expect(entry).toMatchObject({ actor_id: adminId, target_id: investigatorId });
    expect(JSON.parse(entry!.details!)).toMatchObject({ fromRole: "investigator", toRole: "supervisor" });
    await expectAuditIntact();
  });

  it("keeps the sessions when only the team changes", async () => {
    const investigatorId = idOf("investigator");
    const cookie = await sessionFor(investigatorId);
    expect(await changeStaffRole(services, investigatorId, { role: "investigator", teamCode: "service" }, adminId, now)).toEqual({ changed: true });
    expect(await readSession(services.db, cookie, now)).not.toBeNull();
  });

  it("takes from an officer moved to another team the cases of the old team they held, open or finished, and no others", async () => {
    const investigatorId = idOf("investigator");
    const officer = { id: investigatorId, role: "investigator" as const, teamId: (await services.db.selectFrom("staff_users").select("team_id").where("id", "=", investigatorId).executeTakeFirstOrThrow()).team_id };
    const tip = async () => {
      const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เรียกรับเงิน", details: {}, reporterRelation: "staff", files: [] }, { channel: "web" }, now);
      if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
      expect(await performCaseAction(services, officer, filed.receipt.caseId, { type: "assign", assigneeId: investigatorId }, now)).toEqual({ done: true });
      return filed.receipt.caseId;
    };
    const [open, finished] = [await tip(), await tip()];
    const supervisor = { id: idOf("supervisor"), role: "supervisor" as const, teamId: officer.teamId };
    expect(await performCaseAction(services, officer, finished, { type: "reject", reason: "นอกอำนาจหน้าที่" }, now)).toEqual({ problem: "forbidden" });
    expect(await performCaseAction(services, supervisor, finished, { type: "reject", reason: "นอกอำนาจหน้าที่" }, now)).toEqual({ done: true });
    const opensTip = async () => (await openCaseForStaff(services, { ...officer, teamId: (await services.db.selectFrom("staff_users").select("team_id").where("id", "=", investigatorId).executeTakeFirstOrThrow()).team_id }, finished, now + hour)) as object;
    expect(await opensTip()).toHaveProperty("workspace");

    // A move within the role keeps the sessions, and still takes the old team's cases.
    expect(await changeStaffRole(services, investigatorId, { role: "investigator", teamCode: "service" }, adminId, now + hour)).toEqual({ changed: true });
    const cases = await services.db.selectFrom("cases").select(["id", "assignee_id", "status"]).where("id", "in", [open, finished]).orderBy("id").execute();
    expect(cases.map((row) => row.assignee_id)).toEqual([null, null]);
    expect(await opensTip()).toEqual({ problem: "forbidden" });
    const events = await services.db.selectFrom("case_events").select(["case_id", "actor_id", "data"]).where("type", "=", "assignee_released").orderBy("case_id").execute();
    expect(events).toEqual([open, finished].sort().map((caseId) => ({ case_id: caseId, actor_id: adminId, data: JSON.stringify({ fromAssigneeId: investigatorId }) })));
    const [entry] = await auditEntries("staff.role_changed");
    expect(JSON.parse(entry!.details!)).toMatchObject({ releasedCaseIds: [open, finished].sort() });

    // A supervisor may hold any team's case: made one, they keep what they hold.
    expect(await performCaseAction(services, supervisor, open, { type: "assign", assigneeId: supervisor.id }, now + 2 * hour)).toEqual({ done: true });
    expect(await changeStaffRole(services, supervisor.id, { role: "supervisor", teamCode: "service" }, adminId, now + 2 * hour)).toEqual({ changed: true });
    expect((await services.db.selectFrom("cases").select("assignee_id").where("id", "=", open).executeTakeFirstOrThrow()).assignee_id).toBe(supervisor.id);
    await expectAuditIntact();
  });

  it("refuses a role change for the admin's own account, without a needed team, to an inactive team, or for no account", async () => {
    expect(await changeStaffRole(services, adminId, { role: "auditor", teamCode: null }, adminId, now)).toEqual({ problem: "own_account" });
    expect(await changeStaffRole(services, idOf("auditor"), { role: "investigator", teamCode: null }, adminId, now)).toEqual({ problem: "team_required" });
    await services.db.updateTable("teams").set({ is_active: 0 }).where("code", "=", "digital").execute();
    expect(await changeStaffRole(services, idOf("auditor"), { role: "investigator", teamCode: "digital" }, adminId, now)).toEqual({ problem: "unknown_team" });
    expect(await changeStaffRole(services, "no-such-account", { role: "auditor", teamCode: null }, adminId, now)).toEqual({ problem: "not_found" });
    expect(await auditEntries("staff.role_changed")).toEqual([]);
  });

  it("never leaves the system without an active admin, whoever asks", async () => {
    // A second admin may demote the first only while another admin remains.
    const second = await inviteStaffUser(services, { email: "second.admin@agency.go.th", displayName: "ผู้ดูแลคนที่สอง", role: "admin", teamCode: null }, adminId, now);
    if (!("staffUserId" in second)) throw new Error(JSON.stringify(second));
    expect(await changeStaffRole(services, adminId, { role: "auditor", teamCode: null }, second.staffUserId, now)).toEqual({ changed: true });
    expect(await changeStaffRole(services, second.staffUserId, { role: "auditor", teamCode: null }, adminId, now)).toEqual({ problem: "last_admin" });
    expect(await setStaffAccountActive(services, second.staffUserId, false, adminId, now)).toEqual({ problem: "last_admin" });
    expect(await auditEntries("staff.deactivated")).toEqual([]);
    expect(await services.db.selectFrom("staff_users").select("is_active").where("id", "=", second.staffUserId).executeTakeFirstOrThrow()).toEqual({ is_active: 1 });
    await expectAuditIntact();
  });

  it("deactivates an account and ends its sessions, reactivates it, and refuses the admin's own", async () => {
    const supervisorId = idOf("supervisor");
    const cookie = await sessionFor(supervisorId);
    expect(await setStaffAccountActive(services, supervisorId, false, adminId, now)).toEqual({ changed: true });
    expect(await services.db.selectFrom("sessions").select("id_hash").where("staff_user_id", "=", supervisorId).execute()).toEqual([]);
    expect(await readSession(services.db, cookie, now)).toBeNull();
    expect(await setStaffAccountActive(services, supervisorId, true, adminId, now)).toEqual({ changed: true });
    expect(await setStaffAccountActive(services, adminId, false, adminId, now)).toEqual({ problem: "own_account" });
    expect(await setStaffAccountActive(services, "no-such-account", false, adminId, now)).toEqual({ problem: "not_found" });
    expect((await auditEntries("staff.deactivated")).map((entry) => [entry.actor_id, entry.target_id])).toEqual([[adminId, supervisorId]]);
    expect((await auditEntries("staff.activated")).map((entry) => [entry.actor_id, entry.target_id])).toEqual([[adminId, supervisorId]]);
  });

  it("resets a lost second factor: the factor goes, the sessions end, the owner is told", async () => {
    const executiveId = idOf("executive");
    await services.db.updateTable("staff_users").set({ totp_enabled_at: now, totp_secret_encrypted: "enrolled" }).where("id", "=", executiveId).execute();
    const cookie = await sessionFor(executiveId);
    expect(await resetStaffSecondFactor(services, executiveId, adminId, now)).toEqual({ changed: true });
    expect(await services.db.selectFrom("staff_users").select(["totp_enabled_at", "totp_secret_encrypted"]).where("id", "=", executiveId).executeTakeFirstOrThrow()).toEqual({ totp_enabled_at: null, totp_secret_encrypted: null });
    expect(await readSession(services.db, cookie, now)).toBeNull();
    expect(await auditEntries("staff.totp_reset")).toEqual([expect.objectContaining({ actor_id: adminId, target_id: executiveId })]);
    expect(await emailsTo("executive@prongsai.example")).toHaveLength(1);
    expect(await resetStaffSecondFactor(services, "no-such-account", adminId, now)).toEqual({ problem: "not_found" });
  });

  // ——— teams ———

  it("creates and renames a team, and refuses a code already used", async () => {
    const created = await createTeam(services, { code: "legal", nameTh: "ฝ่ายกฎหมาย", nameEn: "Legal Division" }, adminId, now);
    if (!("teamId" in created)) throw new Error(JSON.stringify(created));
    expect(await createTeam(services, { code: "legal", nameTh: "ซ้ำ", nameEn: "Again" }, adminId, now)).toEqual({ problem: "code_taken" });
    expect(await renameTeam(services, created.teamId, { nameTh: "กองกฎหมาย", nameEn: "Legal Bureau" }, adminId, now)).toEqual({ changed: true });
    expect(await renameTeam(services, "no-such-team", { nameTh: "ก", nameEn: "A" }, adminId, now)).toEqual({ problem: "not_found" });
    expect((await listTeams(services.db)).find((team) => team.code === "legal")).toEqual({ id: created.teamId, code: "legal", nameTh: "กองกฎหมาย", nameEn: "Legal Bureau", isActive: true, activeCategories: 0, activeStaff: 0 });
    expect(await auditEntries("team.created")).toEqual([expect.objectContaining({ actor_id: adminId, target_id: created.teamId })]);
    expect(await auditEntries("team.renamed")).toHaveLength(1);
    await expectAuditIntact();
  });

  it("refuses to deactivate a team that still has active categories or active staff, then deactivates it", async () => {
    const digital = (await listTeams(services.db)).find((team) => team.code === "digital")!;
    expect(digital.activeCategories).toBe(2);
    expect(await setTeamActive(services, digital.id, false, adminId, now)).toEqual({ problem: "has_active_categories" });
    await services.db.updateTable("categories").set({ is_active: 0 }).where("team_id", "=", digital.id).execute();
    await services.db.updateTable("staff_users").set({ team_id: digital.id }).where("id", "=", idOf("intake_officer")).execute();
    expect(await setTeamActive(services, digital.id, false, adminId, now)).toEqual({ problem: "has_active_staff" });
    await services.db.updateTable("staff_users").set({ is_active: 0 }).where("id", "=", idOf("intake_officer")).execute();
    expect(await auditEntries("team.deactivated")).toEqual([]);
    expect(await setTeamActive(services, digital.id, false, adminId, now)).toEqual({ changed: true });
    expect(await setTeamActive(services, digital.id, true, adminId, now)).toEqual({ changed: true });
    expect(await auditEntries("team.deactivated")).toHaveLength(1);
    expect(await auditEntries("team.activated")).toHaveLength(1);
    expect(await setTeamActive(services, "no-such-team", true, adminId, now)).toEqual({ problem: "not_found" });
  });

  // ——— categories and SLA policies ———

  it("creates a category with its policies; cases filed afterwards get its deadlines", async () => {
    const created = await createCategory(
      services,
      { code: "complaint.parking", kind: "complaint", nameTh: "ที่จอดรถ", nameEn: "Parking", teamCode: "service", isActive: true, policies: standardPolicies },
      adminId,
      now,
    );
    if (!("categoryId" in created)) throw new Error(JSON.stringify(created));
    const category = await findCategory(services.db, created.categoryId);
    expect(category).toMatchObject({ code: "complaint.parking", kind: "complaint", teamCode: "service", isActive: true, policies: standardPolicies });
    expect((await listCategories(services.db)).at(-1)?.code).toBe("complaint.parking");
    const [entry] = await auditEntries("category.created");
    expect(entry).toMatchObject({ actor_id: adminId, target_id: created.categoryId });

    const filed = await fileCase(services, { kind: "complaint", categoryCode: "complaint.parking", narrative: "ที่จอดรถไม่พอ", details: {}, reporterRelation: "unknown", files: [] }, { channel: "web" }, now);
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const deadlines = await services.db.selectFrom("cases").select(["first_response_due_at", "resolve_due_at"]).where("id", "=", filed.receipt.caseId).executeTakeFirstOrThrow();
    expect(deadlines).toEqual({ first_response_due_at: now + 36 * hour, resolve_due_at: null });
  });

  it("applies a changed policy to cases filed afterwards and leaves an open case's stored deadline as it was", async () => {
    const category = (await listCategories(services.db)).find((candidate) => candidate.code === "question.general")!;
    const before = await fileCase(services, { kind: "question", categoryCode: "question.general", narrative: "เปิดกี่โมง", details: {}, reporterRelation: "unknown", files: [] }, { channel: "web" }, now);
    if (!("receipt" in before)) throw new Error(JSON.stringify(before));
    const dueBefore = await services.db.selectFrom("cases").select("resolve_due_at").where("id", "=", before.receipt.caseId).executeTakeFirstOrThrow();

    const resolveInHours: PoliciesInput = { ...category.policies, resolve: { amount: 4, unit: "hours", dueSoonFraction: 0.9 } };
    expect(await updateCategory(services, category.id, { nameTh: "สอบถาม", nameEn: "Questions", teamCode: "digital", isActive: true, policies: resolveInHours }, adminId, now)).toEqual({ changed: true });
    expect(await findCategory(services.db, category.id)).toMatchObject({ nameEn: "Questions", teamCode: "digital", code: "question.general", kind: "question", policies: resolveInHours });
    expect(await services.db.selectFrom("cases").select("resolve_due_at").where("id", "=", before.receipt.caseId).executeTakeFirstOrThrow()).toEqual(dueBefore);

    const after = await fileCase(services, { kind: "question", categoryCode: "question.general", narrative: "ปิดกี่โมง", details: {}, reporterRelation: "unknown", files: [] }, { channel: "web" }, now);
    if (!("receipt" in after)) throw new Error(JSON.stringify(after));
    expect(await services.db.selectFrom("cases").select("resolve_due_at").where("id", "=", after.receipt.caseId).executeTakeFirstOrThrow()).toEqual({ resolve_due_at: now + 4 * hour });
    const [entry] = await auditEntries("category.updated");
    expect(JSON.parse(entry!.details!)).toMatchObject({ policies: { resolve: { amount: 4, unit: "hours", dueSoonFraction: 0.9 } } });
    await expectAuditIntact();
  });

  it("refuses a category code already used, an inactive or unknown team, and an unknown category", async () => {
    const input = { code: "complaint.service_quality", kind: "complaint" as const, nameTh: "ก", nameEn: "A", teamCode: "service", isActive: true, policies: standardPolicies };
    expect(await createCategory(services, input, adminId, now)).toEqual({ problem: "code_taken" });
    expect(await createCategory(services, { ...input, code: "complaint.other", teamCode: "nowhere" }, adminId, now)).toEqual({ problem: "unknown_team" });
    const legal = await createTeam(services, { code: "legal", nameTh: "ฝ่ายกฎหมาย", nameEn: "Legal" }, adminId, now);
    if (!("teamId" in legal)) throw new Error(JSON.stringify(legal));
    await setTeamActive(services, legal.teamId, false, adminId, now);
    expect(await createCategory(services, { ...input, code: "complaint.other", teamCode: "legal" }, adminId, now)).toEqual({ problem: "unknown_team" });
    const category = (await listCategories(services.db))[0]!;
    expect(await updateCategory(services, category.id, { ...input, teamCode: "legal" }, adminId, now)).toEqual({ problem: "unknown_team" });
    expect(await updateCategory(services, "no-such-category", input, adminId, now)).toEqual({ problem: "not_found" });
    expect(await auditEntries("category.created")).toEqual([]);
    expect(await auditEntries("category.updated")).toEqual([]);
  });

  it("takes an inactive category out of the reporters' choice", async () => {
    const category = (await listCategories(services.db)).find((candidate) => candidate.code === "suggestion.general")!;
    expect(await updateCategory(services, category.id, { nameTh: category.nameTh, nameEn: category.nameEn, teamCode: category.teamCode, isActive: false, policies: category.policies }, adminId, now)).toEqual({ changed: true });
    const filed = await fileCase(services, { kind: "suggestion", categoryCode: "suggestion.general", narrative: "ควรมีที่จอดรถเพิ่ม", details: {}, reporterRelation: "unknown", files: [] }, { channel: "web" }, now);
    expect(filed).toEqual({ problem: "unknown_category" });
  });

  // ——— holidays ———

  it("lists holidays by fiscal year, adds one and removes it, auditing both", async () => {
    expect(fiscalYearDateKeys(2570)).toEqual({ first: "2026-10-01", last: "2027-09-30" });
    const seeded = await listHolidays(services.db, 2570);
    expect(seeded.length).toBeGreaterThan(5);
    expect(seeded.every((holiday) => holiday.date >= "2026-10-01" && holiday.date <= "2027-09-30")).toBe(true);

    expect(await addHoliday(services, { date: "2027-05-12", nameTh: "วันพืชมงคล", nameEn: "Royal Ploughing Ceremony" }, adminId, now)).toEqual({ added: true });
    expect(await listHolidays(services.db, 2570)).toContainEqual({ date: "2027-05-12", nameTh: "วันพืชมงคล", nameEn: "Royal Ploughing Ceremony" });
    expect(await addHoliday(services, { date: "2027-05-12", nameTh: "ซ้ำ", nameEn: "Again" }, adminId, now)).toEqual({ problem: "already_listed" });
    expect(await addHoliday(services, { date: "2027-02-30", nameTh: "ไม่มีวันนี้", nameEn: "No such day" }, adminId, now)).toEqual({ problem: "invalid_date" });

    expect(await removeHoliday(services, "2027-05-12", adminId, now)).toEqual({ removed: true });
    expect(await removeHoliday(services, "2027-05-12", adminId, now)).toEqual({ problem: "not_found" });
    expect(await listHolidays(services.db, 2570)).toEqual(seeded);
    expect(await auditEntries("holiday.added")).toEqual([expect.objectContaining({ actor_id: adminId, target_id: "2027-05-12" })]);
    expect(await auditEntries("holiday.removed")).toEqual([expect.objectContaining({ actor_id: adminId, target_id: "2027-05-12" })]);
    await expectAuditIntact();
  });

  it("moves the business-day deadlines of open cases when a holiday is added or removed, in the same change", async () => {
    // Filed on Wednesday 25 November 2026; the tip's acknowledgement is due in 3 business days.
    const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เรียกรับเงิน", details: {}, reporterRelation: "outside", files: [] }, { channel: "web" }, now);
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const dueOf = async () => (await services.db.selectFrom("cases").select("acknowledge_due_at").where("id", "=", filed.receipt.caseId).executeTakeFirstOrThrow()).acknowledge_due_at;
    const before = await dueOf();

    expect(await addHoliday(services, { date: "2026-11-27", nameTh: "วันหยุดพิเศษ", nameEn: "Special holiday" }, adminId, now)).toEqual({ added: true });
    expect(await dueOf()).toBe(before! + 24 * hour);
    const [added] = await auditEntries("holiday.added");
    expect(JSON.parse(added!.details!)).toEqual({ rescheduledCases: 1 });

    expect(await removeHoliday(services, "2026-11-27", adminId, now)).toEqual({ removed: true });
    expect(await dueOf()).toBe(before);
    await expectAuditIntact();
  });

  // ——— intake-API tokens ———

  it("issues a token that works, stores only its digest, lists it, and revokes it once", async () => {
    const issued = await issueApiToken(services, { name: "ศูนย์บริการทางโทรศัพท์", channel: "phone" }, adminId, now);
    const stored = await services.db.selectFrom("api_tokens").select("token_hash").where("id", "=", issued.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(issued.token);
    expect(await authenticateApiToken(services.db, `Bearer ${issued.token}`, now + hour)).toEqual({ tokenId: issued.id, channel: "phone" });
    expect(await listApiTokens(services.db)).toEqual([{ id: issued.id, name: "ศูนย์บริการทางโทรศัพท์", channel: "phone", createdAt: now, createdByName: "ธนา ผู้ดูแลระบบ", lastUsedAt: now + hour, revokedAt: null }]);
    expect(await auditEntries("api_token.created")).toEqual([expect.objectContaining({ actor_type: "staff", actor_id: adminId, target_id: issued.id })]);

    expect(await revokeIntakeToken(services, issued.id, adminId, now + 2 * hour)).toEqual({ revoked: true });
    expect(await revokeIntakeToken(services, issued.id, adminId, now + 2 * hour)).toEqual({ problem: "not_found" });
    expect(await authenticateApiToken(services.db, `Bearer ${issued.token}`, now + 3 * hour)).toBeNull();
    expect((await listApiTokens(services.db))[0]?.revokedAt).toBe(now + 2 * hour);
    expect(await auditEntries("api_token.revoked")).toEqual([expect.objectContaining({ actor_id: adminId, target_id: issued.id })]);
    await expectAuditIntact();
  });
});
