import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { createStaffUser } from "../../app/auth/staff-users.server";
import type { StaffRole } from "../../app/db.server";
import { caseContextOf } from "../../app/cases/case-access.server";
import { listEligibleAssignees, performCaseAction } from "../../app/cases/case-actions.server";
import { downloadAttachment, openCaseForStaff, type StaffMember } from "../../app/cases/case-workspace.server";
import { fileCase, privacyNoticeVersion, type IntakeSubmission } from "../../app/intake/intake.server";
import { postReporterReply, reporterThread } from "../../app/messaging/messages.server";
import { readOutboxPayload } from "../../app/notify/outbox.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { pdfEvidence } from "../support/evidence-files";
import { testServices } from "../support/services";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const filedAt = bangkok("2026-11-25T10:00:00");
const hour = 60 * 60 * 1000;
const day = 24 * hour;

const namedComplaint: IntakeSubmission = {
  kind: "complaint",
  categoryCode: "complaint.service_quality",
  narrative: "รอคิวที่สำนักงานเขตนานกว่าสามชั่วโมงโดยไม่มีการแจ้งเหตุผล",
  details: { when: "25 พฤศจิกายน 2569", where: "สำนักงานเขต" },
  reporterRelation: "outside",
  identity: { name: "สมหญิง ใจดี", email: "somying@example.com", phone: "081 234 5678" },
  consentVersion: privacyNoticeVersion,
  files: [],
};

const anonymousTip = async (): Promise<IntakeSubmission> => ({
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative: "เจ้าหน้าที่ฝ่ายพัสดุเรียกรับเงินจากผู้รับเหมาเพื่อแลกกับการตรวจรับงาน",
  details: { when: "ตุลาคม 2569", where: "อาคาร 2" },
  peopleInvolved: "นายสมมุติ ตัวอย่าง (ฝ่ายพัสดุ)",
  reporterRelation: "staff",
  files: [await pdfEvidence("ใบเสร็จ.pdf")],
});

type Staff = Record<"investigator" | "serviceInvestigator" | "supervisor" | "intake" | "executive" | "admin" | "auditor", StaffMember & { email: string }>;

describeEachDialect("the staff case page", (current) => {
  async function setUp() {
    const services = testServices(current());
    await prepareDatabase(services, bangkok("2026-01-01T00:00:00"));
    const make = async (role: StaffRole, email: string, teamCode: string | null): Promise<StaffMember & { email: string }> => {
      const created = await createStaffUser(services, { email, displayName: `${role} ${email}`, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, filedAt - day);
      if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
      const teamId = teamCode ? (await services.db.selectFrom("teams").select("id").where("code", "=", teamCode).executeTakeFirstOrThrow()).id : null;
      return { id: created.staffUserId, role, teamId, email };
    };
    const staff: Staff = {
      investigator: await make("investigator", "sudar@agency.example", "integrity"),
      serviceInvestigator: await make("investigator", "niran@agency.example", "service"),
      supervisor: await make("supervisor", "prasert@agency.example", "integrity"),
      intake: await make("intake_officer", "somchai@agency.example", "service"),
      executive: await make("executive", "wilai@agency.example", null),
      admin: await make("admin", "thana@agency.example", null),
      auditor: await make("auditor", "anan@agency.example", null),
    };
    const file = async (submission: IntakeSubmission) => {
      const result = await fileCase(services, submission, { channel: "web" }, filedAt);
      if (!("receipt" in result)) throw new Error(JSON.stringify(result));
      return result.receipt;
    };
    const complaint = await file(namedComplaint);
    const tip = await file(await anonymousTip());
    return { services, staff, complaint, tip };
  }

  const auditEntries = (services: AppServices, action: string, caseId: string) =>
    services.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("target_id", "=", caseId).orderBy("sequence").execute();

  const caseRow = (services: AppServices, caseId: string) => services.db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();

  it("shows the team's investigator the decrypted case with the reporter's identity, and audits the read", async () => {
    const { services, staff, complaint, tip } = await setUp();
    const opened = await openCaseForStaff(services, staff.serviceInvestigator, complaint.caseId, filedAt + hour);
    if (!("workspace" in opened)) throw new Error(JSON.stringify(opened));
    const { workspace } = opened;
    expect(workspace).toMatchObject({
      reference: complaint.reference,
      kind: "complaint",
      status: "new",
      channel: "web",
      priority: "normal",
      isAnonymous: false,
      category: { code: "complaint.service_quality" },
      team: { code: "service" },
      narrative: namedComplaint.narrative,
      details: namedComplaint.details,
      reporterIdentity: namedComplaint.identity,
      identityShown: true,
      internalNotes: [],
      assignee: null,
      deadlines: complaint.deadlines,
      nextDeadline: { clock: "acknowledge", dueAt: complaint.deadlines.acknowledgeDueAt },
    });
    expect(workspace.timeline.map((event) => event.type)).toEqual(["filed"]);
    // A new case cannot be resolved, closed or reopened yet; an investigator never reopens.
    expect(workspace.allowedActions).toEqual(["acknowledge", "start_work", "assign", "reclassify", "ask_reporter", "reply", "internal_note", "merge", "reject", "refer", "declare_conflict", "escalate", "mark_senior_official"]);

    const reads = await auditEntries(services, "case.read", complaint.caseId);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actor_type: "staff", actor_id: staff.serviceInvestigator.id, occurred_at: filedAt + hour });
    expect(JSON.parse(reads[0]!.details!)).toMatchObject({ identity: true, internalNotes: true });

    const tipOpened = await openCaseForStaff(services, staff.investigator, tip.caseId, filedAt + hour);
    if (!("workspace" in tipOpened)) throw new Error(JSON.stringify(tipOpened));
    expect(tipOpened.workspace).toMatchObject({ narrative: (await anonymousTip()).narrative, peopleInvolved: "นายสมมุติ ตัวอย่าง (ฝ่ายพัสดุ)", reporterIdentity: null, identityShown: false });
    expect(tipOpened.workspace.attachments).toEqual([
      // An anonymous reporter's file is kept as evidence-N, not under the name it was sent with.
      expect.objectContaining({ fileName: "evidence-1.pdf", mediaType: "application/pdf", uploadedByType: "reporter", uploadedByName: null, createdAt: filedAt }),
    ]);
    expect(JSON.parse((await auditEntries(services, "case.read", tip.caseId))[0]!.details!)).toMatchObject({ identity: false, attachments: 1 });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("lets the intake desk triage an unassigned complaint without the identity, and refuses it corruption tips (audited)", async () => {
    const { services, staff, complaint, tip } = await setUp();
    const opened = await openCaseForStaff(services, staff.intake, complaint.caseId, filedAt + hour);
    if (!("workspace" in opened)) throw new Error(JSON.stringify(opened));
    expect(opened.workspace).toMatchObject({ narrative: namedComplaint.narrative, reporterIdentity: null, identityShown: false });
    expect(JSON.stringify(opened.workspace)).not.toContain("somying@example.com");
    expect([...opened.workspace.allowedActions].sort()).toEqual(["acknowledge", "assign", "declare_conflict", "internal_note", "mark_senior_official", "merge", "reclassify", "reject"]);
    expect(JSON.parse((await auditEntries(services, "case.read", complaint.caseId))[0]!.details!)).toMatchObject({ identity: false });

    expect(await openCaseForStaff(services, staff.intake, tip.caseId, filedAt + hour)).toEqual({ problem: "forbidden" });
    const denials = await auditEntries(services, "case.access_denied", tip.caseId);
    expect(denials).toHaveLength(1);
    expect(denials[0]).toMatchObject({ actor_id: staff.intake.id });
    expect(JSON.parse(denials[0]!.details!)).toEqual({ attempted: "case.view", role: "intake_officer" });
    expect(await auditEntries(services, "case.read", tip.caseId)).toHaveLength(0);

    // Once assigned, the complaint leaves the desk.
    expect(await performCaseAction(services, staff.intake, complaint.caseId, { type: "assign", assigneeId: staff.serviceInvestigator.id }, filedAt + 2 * hour)).toEqual({ done: true });
    expect(await openCaseForStaff(services, staff.intake, complaint.caseId, filedAt + 3 * hour)).toEqual({ problem: "forbidden" });
    expect(await openCaseForStaff(services, staff.intake, randomUUID(), filedAt + 3 * hour)).toEqual({ problem: "not_found" });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("reads a case's context for authorization in full: every recusal and every role it was escalated to", async () => {
    const { services, staff, complaint, tip } = await setUp();
    const escalation = (rule: string, role: StaffRole) => ({ id: randomUUID(), case_id: complaint.caseId, rule, reason_encrypted: null, escalated_by_id: null, routed_to_role: role, created_at: filedAt + hour, decision: null, decision_note_encrypted: null, decided_by_id: null, decided_at: null, action_due_at: null });
    await services.db.insertInto("escalations").values([escalation("critical_priority", "executive"), escalation("resolve_breached", "executive"), escalation("manual:1", "supervisor")]).execute();
    const conflict = (staffUserId: string) => ({ id: randomUUID(), case_id: complaint.caseId, staff_user_id: staffUserId, source: "named_in_case" as const, reason_encrypted: null, created_by_id: null, created_at: filedAt + hour });
    await services.db.insertInto("conflicts").values([conflict(staff.intake.id), conflict(staff.serviceInvestigator.id)]).execute();

    const context = await caseContextOf(services.db, complaint.caseId);
    expect(context).not.toBeNull();
    expect([...context!.recusedStaffIds].sort()).toEqual([staff.intake.id, staff.serviceInvestigator.id].sort());
    expect([...(context!.escalatedTo ?? [])].sort()).toEqual(["executive", "supervisor"]);
    expect(context).toMatchObject({ kind: "complaint", assigneeId: null });
    // The other case has none of them.
    expect(await caseContextOf(services.db, tip.caseId)).toMatchObject({ kind: "corruption_tip", recusedStaffIds: new Set(), escalatedTo: [] });
    expect(await caseContextOf(services.db, randomUUID())).toBeNull();
  });

  it("refuses admins and auditors everything, and shows executives only escalated cases without identity or notes", async () => {
    const { services, staff, complaint, tip } = await setUp();
    const attachment = await services.db.selectFrom("attachments").select("id").where("case_id", "=", tip.caseId).executeTakeFirstOrThrow();
    for (const member of [staff.admin, staff.auditor, staff.executive]) {
      expect(await openCaseForStaff(services, member, complaint.caseId, filedAt + hour)).toEqual({ problem: "forbidden" });
      expect(await openCaseForStaff(services, member, tip.caseId, filedAt + hour)).toEqual({ problem: "forbidden" });
      expect(await downloadAttachment(services, member, tip.caseId, attachment.id, filedAt + hour)).toEqual({ problem: "forbidden" });
      expect(await performCaseAction(services, member, tip.caseId, { type: "acknowledge" }, filedAt + hour)).toEqual({ problem: "forbidden" });
      expect(await performCaseAction(services, member, tip.caseId, { type: "internal_note", message: "ดูแล้ว" }, filedAt + hour)).toEqual({ problem: "forbidden" });
    }
    expect(await auditEntries(services, "case.access_denied", tip.caseId)).toHaveLength(12);
    expect((await caseRow(services, tip.caseId)).status).toBe("new");

    await services.db
      .insertInto("escalations")
      .values({ id: randomUUID(), case_id: complaint.caseId, rule: "critical_priority", reason_encrypted: null, escalated_by_id: null, routed_to_role: "executive", created_at: filedAt + hour, decision: null, decision_note_encrypted: null, decided_by_id: null, decided_at: null, action_due_at: null })
      .execute();
    const opened = await openCaseForStaff(services, staff.executive, complaint.caseId, filedAt + 2 * hour);
    if (!("workspace" in opened)) throw new Error(JSON.stringify(opened));
    expect(opened.workspace).toMatchObject({ narrative: namedComplaint.narrative, reporterIdentity: null, identityShown: false, internalNotes: null, allowedActions: ["declare_conflict"] });
    expect(opened.workspace.escalations).toEqual([expect.objectContaining({ rule: "critical_priority", routedToRole: "executive", decision: null })]);
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("recuses an officer who declares a conflict: afterwards every attempt is refused and audited", async () => {
    const { services, staff, complaint } = await setUp();
    await performCaseAction(services, staff.supervisor, complaint.caseId, { type: "start_work" }, filedAt + hour).then((result) => expect(result).toEqual({ problem: "forbidden" }));
    expect(await performCaseAction(services, staff.intake, complaint.caseId, { type: "assign", assigneeId: staff.serviceInvestigator.id }, filedAt + hour)).toEqual({ done: true });
    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "declare_conflict", reason: "ผู้ร้องเป็นญาติของข้าพเจ้า" }, filedAt + 2 * hour)).toEqual({ done: true });

    const conflict = await services.db.selectFrom("conflicts").selectAll().where("case_id", "=", complaint.caseId).executeTakeFirstOrThrow();
    expect(conflict).toMatchObject({ staff_user_id: staff.serviceInvestigator.id, source: "declared", created_by_id: staff.serviceInvestigator.id });
    expect(conflict.reason_encrypted).not.toContain("ญาติ");
    expect((await caseRow(services, complaint.caseId)).assignee_id).toBeNull();
    expect(await auditEntries(services, "case.conflict_declared", complaint.caseId)).toHaveLength(1);

    expect(await openCaseForStaff(services, staff.serviceInvestigator, complaint.caseId, filedAt + 3 * hour)).toEqual({ problem: "forbidden" });
    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "reply", message: "สวัสดีครับ" }, filedAt + 3 * hour)).toEqual({ problem: "forbidden" });
    const denials = await auditEntries(services, "case.access_denied", complaint.caseId);
    expect(denials.filter((entry) => entry.actor_id === staff.serviceInvestigator.id)).toHaveLength(2);
    // Nor can anyone hand the case back to them.
    expect(await performCaseAction(services, staff.intake, complaint.caseId, { type: "assign", assigneeId: staff.serviceInvestigator.id }, filedAt + 4 * hour)).toEqual({ problem: "assignee_not_eligible" });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("walks a corruption tip through its lifecycle: each step an event and an audit entry; closing needs the supervisor", async () => {
    const { services, staff, tip } = await setUp();
    const act = (member: StaffMember, command: unknown, at: number) => performCaseAction(services, member, tip.caseId, command, at);

    expect(await act(staff.investigator, { type: "acknowledge" }, filedAt + hour)).toEqual({ done: true });
    expect(await caseRow(services, tip.caseId)).toMatchObject({ status: "acknowledged", acknowledged_at: filedAt + hour });
    expect(await act(staff.investigator, { type: "acknowledge" }, filedAt + hour)).toEqual({ problem: "not_allowed_in_status" });
    expect(await act(staff.investigator, { type: "start_work" }, filedAt + 2 * hour)).toEqual({ done: true });

    const askedAt = filedAt + day;
    expect(await act(staff.investigator, { type: "ask_reporter", message: "ขอสำเนาใบเสร็จเพิ่มเติม" }, askedAt)).toEqual({ done: true });
    const asked = await caseRow(services, tip.caseId);
    expect(asked).toMatchObject({ status: "awaiting_reporter", paused_at: askedAt, first_response_at: askedAt, next_due_at: null });
    expect((await reporterThread(services.db, services.secrets.keyring, tip.caseId, null)).map((message) => [message.author, message.body])).toEqual([["staff", "ขอสำเนาใบเสร็จเพิ่มเติม"]]);

    const repliedAt = askedAt + 2 * day;
    expect(await postReporterReply(services, tip.caseId, { body: "แนบไว้แล้วค่ะ", files: [] }, repliedAt)).toEqual({ posted: true });
    const resumed = await caseRow(services, tip.caseId);
    expect(resumed).toMatchObject({ status: "in_progress", paused_at: null, resolve_due_at: tip.deadlines.resolveDueAt! + 2 * day });

    expect(await act(staff.investigator, { type: "reply", message: "ได้รับแล้ว ขอบคุณครับ" }, repliedAt + hour)).toEqual({ done: true });
    expect(await act(staff.investigator, { type: "internal_note", message: "ตรวจสอบกับฝ่ายพัสดุแล้ว" }, repliedAt + 2 * hour)).toEqual({ done: true });
    // One officer alone cannot bury a tip: resolving it, like closing it, is the supervisor's, and the investigator's page says so.
    const endingFor = async (member: StaffMember) => {
      const opened = await openCaseForStaff(services, member, tip.caseId, repliedAt + 3 * hour);
      if (!("workspace" in opened)) throw new Error(JSON.stringify(opened));
      return { allowed: opened.workspace.allowedActions.filter((action) => ["resolve", "close", "reject"].includes(action)), hint: opened.workspace.endingIsForTheSupervisor };
    };
    expect(await endingFor(staff.investigator)).toEqual({ allowed: [], hint: true });
    expect(await endingFor(staff.supervisor)).toEqual({ allowed: ["reject", "resolve"], hint: false });
    expect(await act(staff.investigator, { type: "resolve", outcome: "substantiated" }, repliedAt + 3 * hour)).toEqual({ problem: "forbidden" });
    expect(await act(staff.supervisor, { type: "resolve", outcome: "substantiated" }, repliedAt + 3 * hour)).toEqual({ done: true });
    expect(await caseRow(services, tip.caseId)).toMatchObject({ status: "resolved", outcome: "substantiated" });

    expect(await act(staff.investigator, { type: "close" }, repliedAt + 4 * hour)).toEqual({ problem: "forbidden" });
    expect(await act(staff.investigator, { type: "reopen" }, repliedAt + 4 * hour)).toEqual({ problem: "forbidden" });
    expect(await act(staff.supervisor, { type: "close" }, repliedAt + 5 * hour)).toEqual({ done: true });
    expect(await caseRow(services, tip.caseId)).toMatchObject({ status: "closed", closed_at: repliedAt + 5 * hour });
    expect(await act(staff.supervisor, { type: "reopen" }, repliedAt + 5 * hour + 31 * day)).toEqual({ problem: "reopen_window_passed" });
    expect(await act(staff.supervisor, { type: "reopen" }, repliedAt + 6 * hour)).toEqual({ done: true });
    expect((await caseRow(services, tip.caseId)).status).toBe("reopened");

    const opened = await openCaseForStaff(services, staff.supervisor, tip.caseId, repliedAt + 7 * hour);
    if (!("workspace" in opened)) throw new Error(JSON.stringify(opened));
    const { workspace } = opened;
    expect(workspace.timeline.map((event) => [event.type, event.toStatus])).toEqual([
      ["filed", "new"],
      ["acknowledge", "acknowledged"],
      ["start_work", "in_progress"],
      ["ask_reporter", "awaiting_reporter"],
      ["reporter_replied", "in_progress"],
      ["staff_replied", null],
      ["internal_note", null],
      ["resolve", "resolved"],
      ["close", "closed"],
      ["reopen", "reopened"],
    ]);
    expect(workspace.timeline[1]).toMatchObject({ actorType: "staff", actorId: staff.investigator.id, actorName: `investigator ${staff.investigator.email}` });
    expect(workspace.thread.map((message) => [message.author, message.authorName, message.body])).toEqual([
      ["staff", `investigator ${staff.investigator.email}`, "ขอสำเนาใบเสร็จเพิ่มเติม"],
      ["reporter", null, "แนบไว้แล้วค่ะ"],
      ["staff", `investigator ${staff.investigator.email}`, "ได้รับแล้ว ขอบคุณครับ"],
    ]);
    expect(workspace.internalNotes?.map((note) => note.body)).toEqual(["ตรวจสอบกับฝ่ายพัสดุแล้ว"]);
    expect(workspace.allowedActions).toContain("start_work");

    const audited = await services.db.selectFrom("audit_log").select("action").where("target_id", "=", tip.caseId).where("action", "like", "case.%").orderBy("sequence").execute();
    expect(audited.map((entry) => entry.action).filter((action) => action !== "case.access_denied")).toEqual([
      "case.filed",
      "case.acknowledge",
      "case.start_work",
      "case.ask_reporter",
      "case.reporter_replied",
      "case.staff_replied",
      "case.internal_note",
      "case.read",
      "case.read",
      "case.resolve",
      "case.close",
      "case.reopen",
      "case.read",
    ]);
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("escalates by hand and marks a senior official from the case page's commands, each once and audited", async () => {
    const { services, staff, tip, complaint } = await setUp();
    const act = (member: StaffMember, caseId: string, command: unknown, at: number) => performCaseAction(services, member, caseId, command, at);

    expect(await act(staff.investigator, tip.caseId, { type: "escalate", reason: " " }, filedAt + hour)).toMatchObject({ problem: "invalid_input", issues: [{ field: "reason" }] });
    expect(await act(staff.intake, tip.caseId, { type: "escalate", reason: "เกี่ยวข้องกับผู้บริหาร" }, filedAt + hour)).toEqual({ problem: "forbidden" });
    expect(await act(staff.investigator, tip.caseId, { type: "escalate", reason: "ผู้รับเหมารายเดิมได้งานทุกครั้ง" }, filedAt + hour)).toEqual({ done: true });
    const escalations = await services.db.selectFrom("escalations").select(["rule", "routed_to_role", "escalated_by_id", "reason_encrypted"]).where("case_id", "=", tip.caseId).execute();
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ routed_to_role: "executive", escalated_by_id: staff.investigator.id });
    expect(escalations[0]!.rule).toMatch(/^manual:/);
    expect(escalations[0]!.reason_encrypted).not.toContain("ผู้รับเหมา");

    // Marking a tip as naming a senior official escalates it under its own rule; marking again changes nothing.
    expect(await act(staff.investigator, tip.caseId, { type: "mark_senior_official", namesSeniorOfficial: "maybe" }, filedAt + 2 * hour)).toMatchObject({ problem: "invalid_input" });
    expect(await act(staff.investigator, tip.caseId, { type: "mark_senior_official", namesSeniorOfficial: "yes" }, filedAt + 2 * hour)).toEqual({ done: true });
    expect(await act(staff.investigator, tip.caseId, { type: "mark_senior_official", namesSeniorOfficial: "yes" }, filedAt + 3 * hour)).toEqual({ done: true });
    expect((await caseRow(services, tip.caseId)).names_senior_official).toBe(1);
    expect((await services.db.selectFrom("escalations").select("rule").where("case_id", "=", tip.caseId).orderBy("rule").execute()).map((row) => row.rule)[1]).toBe("senior_official");
    expect(await auditEntries(services, "case.names_senior_official", tip.caseId)).toHaveLength(1);

    const opened = await openCaseForStaff(services, staff.investigator, tip.caseId, filedAt + 4 * hour);
    if (!("workspace" in opened)) throw new Error(JSON.stringify(opened));
    expect(opened.workspace.allowedActions).toEqual(expect.arrayContaining(["escalate", "mark_senior_official"]));
    expect(opened.workspace.timeline.map((event) => event.type)).toEqual(expect.arrayContaining(["escalated", "senior_official_marked"]));

    // Both only while the case is open.
    expect(await act(staff.intake, complaint.caseId, { type: "reject", reason: "ซ้ำกับเรื่องเดิม" }, filedAt + 5 * hour)).toEqual({ done: true });
    expect(await act(staff.intake, complaint.caseId, { type: "mark_senior_official", namesSeniorOfficial: "yes" }, filedAt + 6 * hour)).toEqual({ problem: "not_allowed_in_status" });
  });

  it("tells a named complainant by e-mail that the case page acknowledged and resolved the case, never how", async () => {
    const { services, staff, complaint } = await setUp();
    const outboxAfter = async (since: number) => {
      const rows = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).where("created_at", ">=", since).execute();
      return rows.map((row) => readOutboxPayload(services.secrets.keyring, row));
    };
    expect(await performCaseAction(services, staff.intake, complaint.caseId, { type: "acknowledge" }, filedAt + hour)).toEqual({ done: true });
    const acknowledged = (await outboxAfter(filedAt + hour)).filter((message) => message.kind === "email" && message.email.to === namedComplaint.identity!.email);
    expect(acknowledged).toHaveLength(1);
    const text = JSON.stringify(acknowledged[0]);
    expect(text).toContain(complaint.reference);
    expect(text).not.toContain(namedComplaint.narrative);
  });

  it("reopens within the window the setting gives, not a day more", async () => {
    const services = testServices(current(), { CASE_REOPEN_WINDOW_DAYS: "3" });
    await prepareDatabase(services, bangkok("2026-01-01T00:00:00"));
    const member = async (role: StaffRole, email: string): Promise<StaffMember> => {
      const created = await createStaffUser(services, { email, displayName: email, role, teamCode: "service", password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, filedAt - day);
      if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
      return { id: created.staffUserId, role, teamId: (await services.db.selectFrom("teams").select("id").where("code", "=", "service").executeTakeFirstOrThrow()).id };
    };
    const intake = await member("intake_officer", "intake@agency.example");
    const supervisor = await member("supervisor", "supervisor@agency.example");
    const filed = await fileCase(services, namedComplaint, { channel: "web" }, filedAt);
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const caseId = filed.receipt.caseId;
    expect(await performCaseAction(services, intake, caseId, { type: "acknowledge" }, filedAt + hour / 2)).toEqual({ done: true });
    expect(await performCaseAction(services, supervisor, caseId, { type: "resolve", outcome: "action_taken" }, filedAt + hour)).toEqual({ done: true });
    expect(await performCaseAction(services, supervisor, caseId, { type: "reopen" }, filedAt + hour + 3 * day + 1)).toEqual({ problem: "reopen_window_passed" });
    expect(await performCaseAction(services, supervisor, caseId, { type: "reopen" }, filedAt + hour + 3 * day)).toEqual({ done: true });
  });

  it("reclassifies: the team follows the category and the deadlines follow its policy from the filing time", async () => {
    const { services, staff, complaint, tip } = await setUp();
    expect(await performCaseAction(services, staff.intake, complaint.caseId, { type: "reclassify", categoryCode: "question.digital_service", kind: "question", priority: "high" }, filedAt + hour)).toEqual({
      done: true,
    });
    const row = await caseRow(services, complaint.caseId);
    const digital = await services.db.selectFrom("teams").select("id").where("code", "=", "digital").executeTakeFirstOrThrow();
    // A question: acknowledge in 1 business day, respond in 2, resolve in 5 (from Wednesday 25 November).
    expect(row).toMatchObject({
      kind: "question",
      team_id: digital.id,
      priority: "high",
      acknowledge_due_at: bangkok("2026-11-26T10:00:00"),
      first_response_due_at: bangkok("2026-11-27T10:00:00"),
      resolve_due_at: bangkok("2026-12-02T10:00:00"),
      next_due_at: bangkok("2026-11-26T10:00:00"),
    });
    const event = await services.db.selectFrom("case_events").selectAll().where("case_id", "=", complaint.caseId).where("type", "=", "reclassified").executeTakeFirstOrThrow();
    expect(JSON.parse(event.data!)).toMatchObject({ from: { kind: "complaint", teamId: staff.intake.teamId, priority: "normal" }, to: { kind: "question", teamId: digital.id, priority: "high" } });
    expect(await auditEntries(services, "case.reclassify", complaint.caseId)).toHaveLength(1);

    expect(await performCaseAction(services, staff.intake, complaint.caseId, { type: "reclassify", categoryCode: "no.such.category" }, filedAt + hour)).toEqual({ problem: "unknown_category" });
    expect(await performCaseAction(services, staff.intake, complaint.caseId, { type: "reclassify", kind: "suggestion" }, filedAt + hour)).toMatchObject({ problem: "invalid_input" });
    // Turning a tip into a complaint would take it out of the supervisor's approval.
    expect(await performCaseAction(services, staff.investigator, tip.caseId, { type: "reclassify", categoryCode: "complaint.staff_conduct" }, filedAt + hour)).toEqual({ problem: "forbidden" });
    expect((await caseRow(services, tip.caseId)).kind).toBe("corruption_tip");
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("assigns only eligible officers and tells them by e-mail without the case's content", async () => {
    const { services, staff, tip } = await setUp();
    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "assign", assigneeId: staff.serviceInvestigator.id }, filedAt + hour)).toEqual({ problem: "assignee_not_eligible" });
    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "assign", assigneeId: staff.intake.id }, filedAt + hour)).toEqual({ problem: "assignee_not_eligible" });
    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "assign", assigneeId: randomUUID() }, filedAt + hour)).toEqual({ problem: "assignee_not_eligible" });
    expect(await performCaseAction(services, staff.supervisor, tip.caseId, { type: "assign", assigneeId: staff.investigator.id }, filedAt + hour)).toEqual({ done: true });

    expect((await caseRow(services, tip.caseId)).assignee_id).toBe(staff.investigator.id);
    const event = await services.db.selectFrom("case_events").selectAll().where("case_id", "=", tip.caseId).where("type", "=", "assigned").executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_id: staff.supervisor.id, is_visible_to_reporter: 0 });
    expect(await auditEntries(services, "case.assign", tip.caseId)).toHaveLength(1);
    // Filing told the team a case arrived; what is asked here is what assigning sent.
    const outbox = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).where("created_at", ">", filedAt).execute();
    const staffAddresses = new Set(Object.values(staff).map((member) => member.email));
    const mails = outbox
      .map((row) => readOutboxPayload(services.secrets.keyring, row))
      .flatMap((message) => (message.kind === "email" && staffAddresses.has(message.email.to) ? [message.email] : []));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to).toBe(staff.investigator.email);
    expect(mail.text).toContain(tip.reference);
    expect(mail.text).not.toContain("พัสดุ");
    expect(mail.html).not.toContain("พัสดุ");
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("lists exactly the officers an assignment accepts: the team's active, unrecused investigators and the supervisors", async () => {
    const { services, staff, tip } = await setUp();
    const extra = async (role: StaffRole, email: string, teamCode: string | null) => {
      const created = await createStaffUser(services, { email, displayName: email.split("@")[0]!, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, filedAt - day);
      if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
      return { id: created.staffUserId, role, teamId: null as string | null };
    };
    const recused = await extra("investigator", "kanya@agency.example", "integrity");
    const inactive = await extra("investigator", "boon@agency.example", "integrity");
    const otherSupervisor = await extra("supervisor", "malee@agency.example", "service");
    recused.teamId = staff.investigator.teamId;
    expect(await performCaseAction(services, recused, tip.caseId, { type: "declare_conflict", reason: "ผู้ถูกกล่าวหาเป็นญาติ" }, filedAt + hour)).toEqual({ done: true });
    await services.db.updateTable("staff_users").set({ is_active: 0 }).where("id", "=", inactive.id).execute();

    const listed = await listEligibleAssignees(services.db, staff.supervisor, tip.caseId);
    // Investigators first, then by name; supervisors of any team.
    expect(listed).toEqual([
      { id: staff.investigator.id, displayName: `investigator ${staff.investigator.email}`, role: "investigator" },
      { id: otherSupervisor.id, displayName: "malee", role: "supervisor" },
      { id: staff.supervisor.id, displayName: `supervisor ${staff.supervisor.email}`, role: "supervisor" },
    ]);
    // The list and the assignment are one rule: every listed officer is accepted, everyone else refused.
    const listedIds = new Set(listed.map((assignee) => assignee.id));
    const everyone = [...Object.values(staff), recused, inactive, otherSupervisor];
    for (const [index, candidate] of everyone.entries()) {
      const result = await performCaseAction(services, staff.supervisor, tip.caseId, { type: "assign", assigneeId: candidate.id }, filedAt + 2 * hour + index);
      expect([candidate.id, result]).toEqual([candidate.id, listedIds.has(candidate.id) ? { done: true } : { problem: "assignee_not_eligible" }]);
    }

    // Nobody is listed to someone who may not assign the case, nor for a case that does not exist.
    expect(await listEligibleAssignees(services.db, staff.intake, tip.caseId)).toEqual([]);
    expect(await listEligibleAssignees(services.db, recused, tip.caseId)).toEqual([]);
    expect(await listEligibleAssignees(services.db, staff.supervisor, randomUUID())).toEqual([]);
  });

  it("downloads evidence for authorized staff (audited) and refuses an attachment id of another case", async () => {
    const { services, staff, complaint, tip } = await setUp();
    const attachment = await services.db.selectFrom("attachments").select("id").where("case_id", "=", tip.caseId).executeTakeFirstOrThrow();
    const result = await downloadAttachment(services, staff.investigator, tip.caseId, attachment.id, filedAt + hour);
    if (!("download" in result)) throw new Error(JSON.stringify(result));
    expect(result.download).toMatchObject({ fileName: "evidence-1.pdf", mediaType: "application/pdf" });
    expect(result.download.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const downloads = await services.db.selectFrom("audit_log").selectAll().where("action", "=", "attachment.download").execute();
    expect(downloads).toEqual([expect.objectContaining({ actor_id: staff.investigator.id, target_id: attachment.id })]);

    // The complaint's officer may download the complaint's files — not the tip's through the complaint's URL.
    expect(await downloadAttachment(services, staff.serviceInvestigator, complaint.caseId, attachment.id, filedAt + hour)).toEqual({ problem: "not_found" });
    const denials = await auditEntries(services, "case.access_denied", complaint.caseId);
    expect(JSON.parse(denials[0]!.details!)).toMatchObject({ attempted: "attachment.download", attachmentId: attachment.id, reason: "not_in_case" });
    expect(await downloadAttachment(services, staff.serviceInvestigator, tip.caseId, attachment.id, filedAt + hour)).toEqual({ problem: "forbidden" });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("merges a duplicate, refers and rejects, and answers bad input with values", async () => {
    const { services, staff, complaint } = await setUp();
    const duplicate = await fileCase(services, namedComplaint, { channel: "phone" }, filedAt + hour);
    if (!("receipt" in duplicate)) throw new Error(JSON.stringify(duplicate));
    const duplicateId = duplicate.receipt.caseId;

    expect(await performCaseAction(services, staff.intake, duplicateId, { type: "merge", intoReference: duplicate.receipt.reference }, filedAt + 2 * hour)).toEqual({ problem: "merge_target_not_found" });
    expect(await performCaseAction(services, staff.intake, duplicateId, { type: "merge", intoReference: "PS-2570-999999" }, filedAt + 2 * hour)).toEqual({ problem: "merge_target_not_found" });
    expect(await performCaseAction(services, staff.intake, duplicateId, { type: "merge", intoReference: complaint.reference.toLowerCase() }, filedAt + 2 * hour)).toEqual({ done: true });
    expect(await caseRow(services, duplicateId)).toMatchObject({ status: "merged", merged_into_case_id: complaint.caseId, next_due_at: null });
    const arrivals = await services.db.selectFrom("case_events").select("data").where("case_id", "=", complaint.caseId).where("type", "=", "duplicate_merged").execute();
    expect(arrivals.map((event) => JSON.parse(event.data!) as unknown)).toEqual([{ fromCaseId: duplicateId, fromReference: duplicate.receipt.reference }]);

    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "refer", agency: "other" }, filedAt + 3 * hour)).toEqual({
      problem: "invalid_input",
      issues: [{ field: "agencyName", code: "required" }],
    });
    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "refer", agency: "ombudsman", referredOn: "2026-12-31" }, filedAt + 3 * hour)).toEqual({
      problem: "invalid_input",
      issues: [{ field: "referredOn", code: "in_the_future" }],
    });
    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "reply", message: "   " }, filedAt + 3 * hour)).toMatchObject({ problem: "invalid_input" });
    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "escalate" }, filedAt + 3 * hour)).toMatchObject({ problem: "invalid_input" });
    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "refer", agency: "ombudsman", referredOn: "2026-11-25" }, filedAt + 3 * hour)).toEqual({ done: true });
    expect(await caseRow(services, complaint.caseId)).toMatchObject({ status: "referred", referred_to: "ombudsman", referred_at: bangkok("2026-11-25T00:00:00") });
    expect(await performCaseAction(services, staff.serviceInvestigator, complaint.caseId, { type: "reject", reason: "นอกอำนาจหน้าที่" }, filedAt + 4 * hour)).toEqual({ problem: "not_allowed_in_status" });

    const another = await fileCase(services, { ...namedComplaint, identity: undefined, consentVersion: undefined }, { channel: "walk_in" }, filedAt + hour);
    if (!("receipt" in another)) throw new Error(JSON.stringify(another));
    expect(await performCaseAction(services, staff.intake, another.receipt.caseId, { type: "reject", reason: "ข้อความไม่เกี่ยวข้อง" }, filedAt + 4 * hour)).toEqual({ done: true });
    const opened = await openCaseForStaff(services, staff.serviceInvestigator, another.receipt.caseId, filedAt + 5 * hour);
    if (!("workspace" in opened)) throw new Error(JSON.stringify(opened));
    expect(opened.workspace).toMatchObject({ status: "rejected", thread: [], internalNotes: [expect.objectContaining({ body: "ข้อความไม่เกี่ยวข้อง" })] });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });
});
