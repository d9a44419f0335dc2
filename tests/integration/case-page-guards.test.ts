import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { expect, it } from "vitest";
import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { performCaseAction } from "../../app/cases/case-actions.server";
import { nobodyHoldsTheCase } from "../../app/cases/case-commands";
import type { StaffMember } from "../../app/cases/case-workspace.server";
import type { StaffRole } from "../../app/db.server";
import { en } from "../../app/i18n/messages/en";
import { th } from "../../app/i18n/messages/th";
import { fileCase, type IntakeSubmission } from "../../app/intake/intake.server";
import { readOutboxPayload } from "../../app/notify/outbox.server";
import * as attachmentRoute from "../../app/routes/staff.cases.$caseId.attachments.$attachmentId";
import * as caseRoute from "../../app/routes/staff.cases.$caseId";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { escalationRouteOf, recusedStaffIdsOf } from "../../app/escalation/recipients.server";
import { describeEachDialect } from "../support/databases";
import { answerOf } from "../support/route-answer";
import { pdfEvidence } from "../support/evidence-files";
import { testServices } from "../support/services";

/**
 * Two rules that keep a corruption tip from being buried or read by the wrong person, through the
 * case page's own loader and action as a signed-in officer meets them: a tip merges only into
 * another tip (so its end still needs the supervisor), and the team's supervisor can recuse a
 * colleague, who from then on is refused the page, its commands and its files.
 */

const tipSubmission = async (narrative: string): Promise<IntakeSubmission> => ({
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative,
  details: {},
  peopleInvolved: "นางสาวกัญญา (ศูนย์ปฏิบัติการต่อต้านการทุจริต)",
  reporterRelation: "staff",
  files: [await pdfEvidence("หลักฐาน.pdf")],
});

const complaintSubmission: IntakeSubmission = {
  kind: "complaint",
  categoryCode: "complaint.service_quality",
  narrative: "รอคิวที่สำนักงานเขตนานกว่าสามชั่วโมง",
  details: {},
  reporterRelation: "unknown",
  files: [],
};

type Member = StaffMember & { displayName: string };

describeEachDialect("the case page's guards on tips and recusals", (current) => {
  async function setUp() {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    const now = Date.now();
    await prepareDatabase(services, now, { demoCases: 0 });
    const demo = async (email: string): Promise<Member> => {
      const row = await services.db.selectFrom("staff_users").select(["id", "role", "team_id", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
      return { id: row.id, role: row.role, teamId: row.team_id, displayName: row.display_name };
    };
    const created = async (role: StaffRole, email: string, teamCode: string | null): Promise<Member> => {
      const result = await createStaffUser(services, { email, displayName: email.split("@")[0]!, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, now);
      if (!("staffUserId" in result)) throw new Error(JSON.stringify(result));
      return demo(email);
    };
    const staff = {
      investigator: await demo("investigator@prongsai.example"),
      supervisor: await demo("supervisor@prongsai.example"),
      intake: await demo("intake@prongsai.example"),
      auditor: await demo("auditor@prongsai.example"),
      executive: await demo("executive@prongsai.example"),
      committee: await demo("committee@prongsai.example"),
      colleague: await created("investigator", "kanya@agency.example", "integrity"),
      serviceSupervisor: await created("supervisor", "malee@agency.example", "service"),
    };
    const file = async (submission: IntakeSubmission) => {
      const result = await fileCase(services, submission, { channel: "web" }, now);
      if (!("receipt" in result)) throw new Error(JSON.stringify(result));
      const attachment = await services.db.selectFrom("attachments").select("id").where("case_id", "=", result.receipt.caseId).executeTakeFirst();
      return { caseId: result.receipt.caseId, reference: result.receipt.reference, attachmentId: attachment?.id ?? null };
    };
    const tip = await file(await tipSubmission("เจ้าหน้าที่เรียกรับเงินเพื่อเร่งการอนุมัติใบอนุญาตก่อสร้าง"));

    const cookies = new Map<string, string>();
    const cookieOf = async (member: Member) => {
      const known = cookies.get(member.id);
      if (known) return known;
      const { cookieValue } = await createSession(services.db, member.id, now, { mfaVerified: true });
      const cookie = (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
      cookies.set(member.id, cookie);
      return cookie;
    };
    const context = (): AppLoadContext => ({ services, logger: services.logger, cspNonce: "", clientKey: "case-page-guards" });
    const openPage = async (member: Member, caseId: string) => {
      const request = new Request(`http://localhost/staff/cases/${caseId}`, { headers: { Cookie: await cookieOf(member) } });
      return answerOf(() => caseRoute.loader({ request, context: context(), params: { caseId } } as LoaderFunctionArgs));
    };
    const post = async (member: Member, caseId: string, form: Record<string, string>) => {
      const request = new Request(`http://localhost/staff/cases/${caseId}`, { method: "POST", headers: { Cookie: await cookieOf(member) }, body: new URLSearchParams(form) });
      return answerOf(() => caseRoute.action({ request, context: context(), params: { caseId } } as ActionFunctionArgs));
    };
    const download = async (member: Member, caseId: string, attachmentId: string) => {
      const request = new Request(`http://localhost/staff/cases/${caseId}/attachments/${attachmentId}`, { headers: { Cookie: await cookieOf(member) } });
      return answerOf(() => attachmentRoute.loader({ request, context: context(), params: { caseId, attachmentId } } as LoaderFunctionArgs));
    };
    return { services, staff, tip, file, created, openPage, post, download };
  }

  const caseRow = (services: AppServices, caseId: string) => services.db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
  const conflictsOf = (services: AppServices, caseId: string) => services.db.selectFrom("conflicts").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute();
  const auditEntries = (services: AppServices, action: string, caseId: string) =>
    services.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("target_id", "=", caseId).orderBy("sequence").execute();

  it("refuses to merge a corruption tip into a complaint, and says why on the case page in both languages", async () => {
    const { services, staff, tip, file, post } = await setUp();
    const complaint = await file(complaintSubmission);
    // The complaint another team handed to the tip's investigator: a case they may see, and could
    // then close alone had the tip been merged into it.
    await services.db.updateTable("cases").set({ assignee_id: staff.investigator.id }).where("id", "=", complaint.caseId).execute();

    const refused = await post(staff.investigator, tip.caseId, { intent: "merge", intoReference: complaint.reference });
    expect(refused.status).toBe(409);
    expect(refused.data).toMatchObject({ intent: "merge", problem: "merge_target_not_corruption_tip", values: { intoReference: complaint.reference } });
    expect(th.staffCase.problems.merge_target_not_corruption_tip).toContain("แจ้งเบาะแสการทุจริต");
    expect(en.staffCase.problems.merge_target_not_corruption_tip).toBe("A corruption tip can be merged only into another corruption tip");

    // Nothing happened: the tip is where it was, and the complaint received no duplicate.
    expect(await caseRow(services, tip.caseId)).toMatchObject({ status: "new", merged_into_case_id: null });
    const arrivals = await services.db.selectFrom("case_events").select("id").where("case_id", "=", complaint.caseId).where("type", "=", "duplicate_merged").execute();
    expect(arrivals).toEqual([]);
    // Not even the supervisor, who may approve a tip's end, merges it into a complaint.
    await services.db.updateTable("cases").set({ assignee_id: staff.supervisor.id }).where("id", "=", complaint.caseId).execute();
    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "merge", intoReference: complaint.reference }, Date.now())).toEqual({ problem: "merge_target_not_corruption_tip" });
    // Other kinds keep merging into any case they repeat, a tip included.
    expect(await performCaseAction(services, staff.supervisor, complaint.caseId, { type: "merge", intoReference: tip.reference }, Date.now())).toEqual({ done: true });
    expect(await caseRow(services, complaint.caseId)).toMatchObject({ status: "merged", merged_into_case_id: tip.caseId });
  });

  it("merges a tip into another tip, whose end still needs the supervisor's approval", async () => {
    const { services, staff, tip, file, post } = await setUp();
    const duplicate = await file(await tipSubmission("เรียกรับเงินเพื่อเร่งการอนุมัติใบอนุญาตก่อสร้าง (แจ้งซ้ำ)"));

    const merged = await post(staff.investigator, duplicate.caseId, { intent: "merge", intoReference: tip.reference });
    expect(merged).toMatchObject({ status: 303, location: `/staff/cases/${duplicate.caseId}?done=merge` });
    expect(await caseRow(services, duplicate.caseId)).toMatchObject({ status: "merged", merged_into_case_id: tip.caseId });

    const act = (member: Member, command: unknown) => performCaseAction(services, member, tip.caseId, command, Date.now());
    expect(await act(staff.investigator, { type: "start_work" })).toEqual({ done: true });
    // Resolving ends a tip as surely as closing it: it leaves every queue and tells the reporter so.
    expect(await act(staff.investigator, { type: "resolve", outcome: "unsubstantiated" })).toEqual({ problem: "forbidden" });
    expect(await act(staff.supervisor, { type: "resolve", outcome: "unsubstantiated" })).toEqual({ done: true });
    expect(await act(staff.investigator, { type: "close" })).toEqual({ problem: "forbidden" });
    expect(await act(staff.supervisor, { type: "close" })).toEqual({ done: true });
  });

  it("lets the team's supervisor recuse a colleague, who is then refused the page, its commands and its files", async () => {
    const { services, staff, tip, openPage, post, download } = await setUp();
    expect(await performCaseAction(services, staff.investigator, tip.caseId, { type: "assign", assigneeId: staff.investigator.id }, Date.now())).toEqual({ done: true });

    const before = await openPage(staff.supervisor, tip.caseId);
    expect(before.status).toBe(200);
    const page = before.data as { workspace: { allowedActions: string[] }; options: { recusableStaff: Array<{ id: string; displayName: string; role: string }> } };
    expect(page.workspace.allowedActions).toContain("recuse_staff");
    // The team's active staff, the executives, the audit committee and the auditors, no one else — not the supervisor, not another team's supervisor.
    expect(page.options.recusableStaff).toEqual([
      { id: staff.colleague.id, displayName: "kanya", role: "investigator" },
      { id: staff.committee.id, displayName: staff.committee.displayName, role: "audit_committee" },
      { id: staff.executive.id, displayName: staff.executive.displayName, role: "executive" },
      { id: staff.investigator.id, displayName: staff.investigator.displayName, role: "investigator" },
      { id: staff.auditor.id, displayName: staff.auditor.displayName, role: "auditor" },
    ]);

    const recused = await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.investigator.id, reason: "ผู้แจ้งระบุว่าเป็นญาติของผู้ถูกกล่าวหา" });
    expect(recused).toMatchObject({ status: 303, location: `/staff/cases/${tip.caseId}?done=recuse_staff` });

    const [conflict] = await conflictsOf(services, tip.caseId);
    expect(conflict).toMatchObject({ staff_user_id: staff.investigator.id, source: "assigned_by_supervisor", created_by_id: staff.supervisor.id });
    expect(conflict!.reason_encrypted).not.toContain("ญาติ");
    expect((await caseRow(services, tip.caseId)).assignee_id).toBeNull();
    const details = { conflictId: conflict!.id, recusedStaffId: staff.investigator.id, unassigned: true };
    const events = await services.db.selectFrom("case_events").select(["actor_id", "data"]).where("case_id", "=", tip.caseId).where("type", "=", "staff_recused").execute();
    expect(events.map((event) => [event.actor_id, JSON.parse(event.data!) as unknown])).toEqual([[staff.supervisor.id, details]]);
    const audited = await auditEntries(services, "case.staff_recused", tip.caseId);
    expect(audited.map((entry) => [entry.actor_id, JSON.parse(entry.details!) as unknown])).toEqual([[staff.supervisor.id, details]]);

    // The recused investigator: the page, every command and the evidence are refused, and each refusal is audited.
    expect((await openPage(staff.investigator, tip.caseId)).status).toBe(403);
    expect((await post(staff.investigator, tip.caseId, { intent: "internal_note", message: "ขอดูต่อ" })).status).toBe(403);
    expect((await post(staff.investigator, tip.caseId, { intent: "assign", assigneeId: staff.investigator.id })).status).toBe(403);
    expect((await download(staff.investigator, tip.caseId, tip.attachmentId!)).status).toBe(403);
    const denials = (await auditEntries(services, "case.access_denied", tip.caseId)).filter((entry) => entry.actor_id === staff.investigator.id);
    expect(denials.map((entry) => (JSON.parse(entry.details!) as { attempted: string }).attempted)).toEqual(["case.view", "case.internal_note", "case.assign", "attachment.download"]);
    // Nor can anyone hand the case back to them, and the list no longer offers them.
    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "assign", assigneeId: staff.investigator.id }, Date.now())).toEqual({ problem: "assignee_not_eligible" });
    const after = (await openPage(staff.supervisor, tip.caseId)).data as { workspace: { timeline: Array<{ type: string }> }; options: { recusableStaff: Array<{ id: string }> } };
    expect(after.options.recusableStaff.map((member) => member.id)).toEqual([staff.colleague.id, staff.committee.id, staff.executive.id, staff.auditor.id]);
    expect(after.workspace.timeline.map((event) => event.type)).toContain("staff_recused");
    // Recused twice is refused as a value, not a database error.
    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "recuse_staff", recusedStaffId: staff.investigator.id, reason: "อีกครั้ง" }, Date.now())).toEqual({ problem: "recused_staff_not_eligible" });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("refuses the command to an investigator, and to a supervisor who holds the case but does not lead its team (audited)", async () => {
    const { services, staff, tip, openPage, post } = await setUp();
    const asInvestigator = (await openPage(staff.investigator, tip.caseId)).data as { workspace: { allowedActions: string[] }; options: { recusableStaff: unknown[] } };
    expect(asInvestigator.workspace.allowedActions).not.toContain("recuse_staff");
    expect(asInvestigator.options.recusableStaff).toEqual([]);
    expect((await post(staff.investigator, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.colleague.id, reason: "ไม่ต้องการให้ร่วมตรวจสอบ" })).status).toBe(403);

    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "assign", assigneeId: staff.serviceSupervisor.id }, Date.now())).toEqual({ done: true });
    expect((await openPage(staff.serviceSupervisor, tip.caseId)).status).toBe(200);
    expect((await post(staff.serviceSupervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.colleague.id, reason: "ไม่ต้องการให้ร่วมตรวจสอบ" })).status).toBe(403);

    expect(await conflictsOf(services, tip.caseId)).toEqual([]);
    const denials = await auditEntries(services, "case.access_denied", tip.caseId);
    expect(denials.map((entry) => [entry.actor_id, (JSON.parse(entry.details!) as { attempted: string }).attempted])).toEqual([
      [staff.investigator.id, "case.recuse_staff"],
      [staff.serviceSupervisor.id, "case.recuse_staff"],
    ]);
  });

  it("lets the supervisor recuse an executive the tip names, who then cannot open it even once it is escalated", async () => {
    const { services, staff, tip, openPage, post } = await setUp();
    // An executive must have a second factor to open any page; the session the test makes has proved it.
    await services.db.updateTable("staff_users").set({ totp_enabled_at: Date.now() }).where("id", "=", staff.executive.id).execute();
    const page = await openPage(staff.supervisor, tip.caseId);
    expect((page.data as { options: { recusableStaff: Array<{ id: string }> } }).options.recusableStaff.map((member) => member.id)).toContain(staff.executive.id);
    expect((await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.executive.id, reason: "ผู้แจ้งระบุชื่อผู้บริหาร" })).status).toBe(303);
    expect(await conflictsOf(services, tip.caseId)).toMatchObject([{ staff_user_id: staff.executive.id, source: "assigned_by_supervisor", created_by_id: staff.supervisor.id }]);
    expect((await post(staff.investigator, tip.caseId, { intent: "escalate", reason: "ผู้ถูกกล่าวหาเป็นผู้บริหาร" })).status).toBe(303);
    expect((await openPage(staff.executive, tip.caseId)).status).toBe(403);
  });

  it("lets the supervisor recuse an audit-committee member the tip names: with every executive implicated, the escalation goes around them", async () => {
    const { services, staff, tip, created, openPage, post } = await setUp();
    const named = staff.committee;
    const other = await created("audit_committee", "somsri@agency.example", null);
    // The executive and the committee must have a second factor to open any page; the sessions the test makes have proved it.
    await services.db.updateTable("staff_users").set({ totp_enabled_at: Date.now() }).where("id", "in", [staff.executive.id, named.id, other.id]).execute();
    const offered = (await openPage(staff.supervisor, tip.caseId)).data as { options: { recusableStaff: Array<{ id: string; role: string }> } };
    expect(offered.options.recusableStaff.filter((member) => member.role !== "investigator" && member.role !== "auditor").map((member) => member.id).sort()).toEqual([staff.executive.id, named.id, other.id].sort());

    for (const implicated of [staff.executive, named]) {
      expect((await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: implicated.id, reason: "ผู้แจ้งระบุชื่อ" })).status).toBe(303);
    }
    expect(await escalationRouteOf(services.db, await recusedStaffIdsOf(services.db, tip.caseId))).toEqual({ role: "audit_committee", recipients: [{ id: other.id, email: "somsri@agency.example" }] });
    expect((await post(staff.investigator, tip.caseId, { intent: "escalate", reason: "ผู้ถูกกล่าวหาเป็นผู้บริหาร" })).status).toBe(303);
    expect(await services.db.selectFrom("escalations").select("routed_to_role").where("case_id", "=", tip.caseId).execute()).toEqual([{ routed_to_role: "audit_committee" }]);
    expect((await openPage(named, tip.caseId)).status).toBe(403);
    expect((await openPage(other, tip.caseId)).status).toBe(200);
  });

  it("sends an escalation on to the audit committee when the executive it went to is recused afterwards", async () => {
    const { services, staff, tip, openPage, post } = await setUp();
    await services.db.updateTable("staff_users").set({ totp_enabled_at: Date.now() }).where("id", "in", [staff.executive.id, staff.committee.id]).execute();
    expect((await post(staff.investigator, tip.caseId, { intent: "escalate", reason: "ขอให้ผู้บริหารพิจารณา" })).status).toBe(303);
    const routedTo = async () => (await services.db.selectFrom("escalations").select("routed_to_role").where("case_id", "=", tip.caseId).executeTakeFirstOrThrow()).routed_to_role;
    expect(await routedTo()).toBe("executive");
    const emailsToCommittee = async () =>
      (await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).execute())
        .map((row) => readOutboxPayload(services.secrets.keyring, row))
        .filter((message) => message.kind === "email" && message.email.to === "committee@prongsai.example").length;
    expect(await emailsToCommittee()).toBe(0);

    expect((await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.executive.id, reason: "ผู้แจ้งระบุชื่อผู้บริหาร" })).status).toBe(303);
    expect(await routedTo()).toBe("audit_committee");
    expect(await emailsToCommittee()).toBe(1);
    const rerouted = await services.db.selectFrom("case_events").select(["actor_id", "data"]).where("case_id", "=", tip.caseId).where("type", "=", "escalation_rerouted").execute();
    expect(rerouted.map((event) => [event.actor_id, (JSON.parse(event.data!) as { fromRole: string; toRole: string }).toRole])).toEqual([[staff.supervisor.id, "audit_committee"]]);
    expect(await auditEntries(services, "case.escalation_rerouted", tip.caseId)).toHaveLength(1);
    expect((await openPage(staff.executive, tip.caseId)).status).toBe(403);
    expect((await openPage(staff.committee, tip.caseId)).status).toBe(200);
    // A later recusal that leaves the route as it is changes nothing.
    expect((await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.colleague.id, reason: "ญาติของผู้ถูกกล่าวหา" })).status).toBe(303);
    expect(await emailsToCommittee()).toBe(1);
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("refuses an assignment from a page that showed someone else holding the case", async () => {
    const { services, staff, tip, post } = await setUp();
    // Both open the unassigned tip and press "take it myself"; the second press finds it taken.
    const first = await post(staff.colleague, tip.caseId, { intent: "assign", assigneeId: staff.colleague.id, expectedAssigneeId: nobodyHoldsTheCase });
    expect(first).toMatchObject({ status: 303, location: `/staff/cases/${tip.caseId}?done=assign` });
    const second = await post(staff.investigator, tip.caseId, { intent: "assign", assigneeId: staff.investigator.id, expectedAssigneeId: nobodyHoldsTheCase });
    expect(second.status).toBe(409);
    expect(second.data).toMatchObject({ intent: "assign", problem: "assignee_changed" });
    expect(en.staffCase.problems.assignee_changed).toContain("meanwhile");
    expect(th.staffCase.problems.assignee_changed).toContain("ไม่ได้เปลี่ยนแปลง");
    expect((await caseRow(services, tip.caseId)).assignee_id).toBe(staff.colleague.id);
    // From a page that shows the current holder, the supervisor hands it on.
    expect((await post(staff.supervisor, tip.caseId, { intent: "assign", assigneeId: staff.investigator.id, expectedAssigneeId: staff.colleague.id })).status).toBe(303);
    expect((await caseRow(services, tip.caseId)).assignee_id).toBe(staff.investigator.id);
  });

  it("does not let the supervisor recuse themselves by it, nor anyone inactive or outside the case's team", async () => {
    const { services, staff, tip, openPage, post } = await setUp();
    const self = await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.supervisor.id, reason: "ทดลอง" });
    expect(self.status).toBe(400);
    expect(self.data).toMatchObject({ intent: "recuse_staff", problem: "cannot_recuse_self" });
    expect(en.staffCase.problems.cannot_recuse_self).toBe("If you have a conflict yourself, declare it instead");
    expect(th.staffCase.problems.cannot_recuse_self).toContain("แจ้งว่ามีส่วนได้เสีย");

    await services.db.updateTable("staff_users").set({ is_active: 0 }).where("id", "=", staff.colleague.id).execute();
    for (const other of [staff.colleague, staff.serviceSupervisor, staff.intake]) {
      const refused = await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: other.id, reason: "ทดลอง" });
      expect([other.id, refused.status, (refused.data as { problem: string }).problem]).toEqual([other.id, 400, "recused_staff_not_eligible"]);
    }
    expect((await post(staff.supervisor, tip.caseId, { intent: "recuse_staff", recusedStaffId: staff.investigator.id, reason: "  " })).data).toMatchObject({ problem: "invalid_input", fieldErrors: { reason: ["staffCase.issues.required"] } });

    expect(await conflictsOf(services, tip.caseId)).toEqual([]);
    expect((await openPage(staff.supervisor, tip.caseId)).status).toBe(200);
  });
});
