import fs from "node:fs";
import path from "node:path";
import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { expect, it } from "vitest";
import { fileNameContext } from "../../app/attachments/attachments.server";
import { attachmentsDirectory } from "../../app/attachments/attachment-store.server";
import { verifyAuditLog } from "../../app/audit/audit-log.server";
import { listAuditEntries } from "../../app/audit/audit-view.server";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { performCaseAction } from "../../app/cases/case-actions.server";
import { caseFieldContext, downloadAttachment, type StaffMember } from "../../app/cases/case-workspace.server";
import { decryptText } from "../../app/crypto/envelope.server";
import type { StaffRole } from "../../app/db.server";
import { openEscalation } from "../../app/escalation/inbox.server";
import { fileCase, privacyNoticeVersion, type IntakeSubmission } from "../../app/intake/intake.server";
import { messageContext, postReporterReply } from "../../app/messaging/messages.server";
import { computeMetrics } from "../../app/reports/metrics.server";
import { loadEvidencePack } from "../../app/reports/report-view.server";
import { retentionCutoff } from "../../app/retention/retention-period";
import { purgeExpired } from "../../app/retention/retention.server";
import * as caseRoute from "../../app/routes/staff.cases.$caseId";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { findCaseByTrackingCode } from "../../app/tracking/tracking.server";
import { describeEachDialect } from "../support/databases";
import { pdfEvidence } from "../support/evidence-files";
import { testServices } from "../support/services";

/**
 * The privacy notice's promise (ARCHITECTURE §6, docs/decisions/0017): RETENTION_YEARS after a case
 * ended, `purge-expired` removes what told the story or pointed at a person, keeps what the
 * reports count, and records it in the audit log. A case ended a little less long ago, and an open
 * case, keep everything.
 */

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
/** The purge runs here: five years (the default) before it is the cutoff. */
const now = bangkok("2032-06-15T10:00:00");
const cutoff = retentionCutoff(now, 5);
/** Fiscal year 2570 (October 2026 – September 2027), where every case of the test was filed. */
const filedAt = bangkok("2027-01-11T10:00:00");

const tipSubmission = async (narrative: string): Promise<IntakeSubmission> => ({
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative,
  details: { when: "มกราคม 2570", where: "ฝ่ายพัสดุ อาคาร 2" },
  peopleInvolved: "นายสมมุติ ตัวอย่าง (ฝ่ายพัสดุ)",
  reporterRelation: "staff",
  files: [await pdfEvidence("ใบเสร็จ.pdf")],
});

const namedComplaint = (narrative: string): IntakeSubmission => ({
  kind: "complaint",
  categoryCode: "complaint.service_quality",
  narrative,
  details: { when: "11 มกราคม 2570", where: "สำนักงานเขต" },
  reporterRelation: "outside",
  identity: { name: "สมหญิง ใจดี", email: "somying@example.com", phone: "081 234 5678" },
  consentVersion: privacyNoticeVersion,
  files: [],
});

type Member = StaffMember & { email: string };

describeEachDialect("purge-expired: anonymizing cases at the end of the retention period", (current) => {
  async function setUp() {
    const services = testServices(current());
    await prepareDatabase(services, filedAt - day);
    const make = async (role: StaffRole, email: string, teamCode: string | null): Promise<Member> => {
      const created = await createStaffUser(services, { email, displayName: email.split("@")[0]!, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, filedAt - day);
      if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
      const teamId = teamCode ? (await services.db.selectFrom("teams").select("id").where("code", "=", teamCode).executeTakeFirstOrThrow()).id : null;
      return { id: created.staffUserId, role, teamId, email };
    };
    const staff = {
      supervisor: await make("supervisor", "prasert@agency.example", "integrity"),
      investigator: await make("investigator", "sudar@agency.example", "integrity"),
      serviceSupervisor: await make("supervisor", "malee@agency.example", "service"),
      executive: await make("executive", "wilai@agency.example", null),
      auditor: await make("auditor", "anan@agency.example", null),
    };
    const file = async (submission: IntakeSubmission) => {
      const result = await fileCase(services, submission, { channel: "web" }, filedAt);
      if (!("receipt" in result)) throw new Error(JSON.stringify(result));
      return result.receipt;
    };
    const act = async (member: Member, caseId: string, command: Record<string, unknown>, at: number) => {
      const result = await performCaseAction(services, member, caseId, command, at);
      if (!("done" in result)) throw new Error(`${String(command.type)}: ${JSON.stringify(result)}`);
    };

    // A tip closed just over five years ago, with everything a case can hold: files from the filing
    // and from a reply, messages both ways, an internal note, an escalation and a declared conflict.
    const expiredTip = await file(await tipSubmission("เจ้าหน้าที่ฝ่ายพัสดุเรียกรับเงินจากผู้รับเหมาเพื่อแลกกับการตรวจรับงาน"));
    await act(staff.supervisor, expiredTip.caseId, { type: "acknowledge" }, filedAt + hour);
    await act(staff.supervisor, expiredTip.caseId, { type: "reply", message: "ขอบคุณที่แจ้ง ขอทราบชื่อผู้รับเหมาเพิ่มเติม" }, filedAt + 2 * hour);
    const replied = await postReporterReply(services, expiredTip.caseId, { body: "บริษัท ตัวอย่าง จำกัด", files: [await pdfEvidence("สัญญา.pdf")] }, filedAt + 3 * hour);
    if (!("posted" in replied)) throw new Error(JSON.stringify(replied));
    await act(staff.supervisor, expiredTip.caseId, { type: "internal_note", message: "ตรวจสอบเอกสารการตรวจรับแล้ว" }, filedAt + 4 * hour);
    await act(staff.supervisor, expiredTip.caseId, { type: "escalate", reason: "ผู้ถูกกล่าวหาเป็นผู้อำนวยการกอง" }, filedAt + 5 * hour);
    await act(staff.investigator, expiredTip.caseId, { type: "declare_conflict", reason: "เป็นญาติกับผู้ถูกกล่าวหา" }, filedAt + 6 * hour);
    await act(staff.supervisor, expiredTip.caseId, { type: "resolve", outcome: "substantiated" }, cutoff - day);
    await act(staff.supervisor, expiredTip.caseId, { type: "close" }, cutoff - hour);

    // A named complaint rejected just over five years ago.
    const expiredComplaint = await file(namedComplaint("รอคิวที่สำนักงานเขตนานกว่าสามชั่วโมงโดยไม่มีการแจ้งเหตุผล"));
    await act(staff.serviceSupervisor, expiredComplaint.caseId, { type: "reply", message: "ขออภัยในความล่าช้า" }, filedAt + hour);
    await act(staff.serviceSupervisor, expiredComplaint.caseId, { type: "reject", reason: "ผู้ร้องแจ้งว่าได้รับบริการแล้ว" }, cutoff - minute);

    // A complaint closed a little less than five years ago, and a tip still open.
    const recentComplaint = await file(namedComplaint("เจ้าหน้าที่พูดจาไม่สุภาพที่เคาน์เตอร์บริการ"));
    await act(staff.serviceSupervisor, recentComplaint.caseId, { type: "acknowledge" }, filedAt + hour);
    await act(staff.serviceSupervisor, recentComplaint.caseId, { type: "reply", message: "ได้ตักเตือนเจ้าหน้าที่แล้ว" }, filedAt + 2 * hour);
    await act(staff.serviceSupervisor, recentComplaint.caseId, { type: "resolve", outcome: "action_taken" }, cutoff - day);
    await act(staff.serviceSupervisor, recentComplaint.caseId, { type: "close" }, cutoff + hour);
    const openTip = await file(await tipSubmission("มีการแบ่งสัญญาจัดซื้อเพื่อหลีกเลี่ยงการประกวดราคา"));
    await act(staff.supervisor, openTip.caseId, { type: "acknowledge" }, filedAt + hour);

    return { services, staff, expiredTip, expiredComplaint, recentComplaint, openTip };
  }

  const caseRow = (services: AppServices, caseId: string) => services.db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
  const everythingOf = async (services: AppServices, caseId: string) => ({
    case: await caseRow(services, caseId),
    messages: await services.db.selectFrom("messages").selectAll().where("case_id", "=", caseId).orderBy("id").execute(),
    attachments: await services.db.selectFrom("attachments").selectAll().where("case_id", "=", caseId).orderBy("id").execute(),
    escalations: await services.db.selectFrom("escalations").selectAll().where("case_id", "=", caseId).orderBy("id").execute(),
    conflicts: await services.db.selectFrom("conflicts").selectAll().where("case_id", "=", caseId).orderBy("id").execute(),
    events: await services.db.selectFrom("case_events").selectAll().where("case_id", "=", caseId).orderBy("id").execute(),
  });
  const evidenceFileExists = (services: AppServices, storageKey: string) => fs.existsSync(path.join(attachmentsDirectory(services.config.dataDirectory), storageKey));
  const figures = async (services: AppServices) => {
    const calendar = await loadBusinessCalendar(services.db);
    return {
      quarters: await computeMetrics(services.db, { fiscalYear: 2570, period: "quarter", now }, calendar),
      months: await computeMetrics(services.db, { fiscalYear: 2570, period: "month", now }, calendar),
      evidencePack: await loadEvidencePack(services, { fiscalYear: 2570, teamCode: null, categoryCode: null }, now),
    };
  };

  it("removes the content of cases ended more than the period ago, keeps what reports count, and audits it", async () => {
    const { services, expiredTip, expiredComplaint } = await setUp();
    const { keyring } = services.secrets;
    const before = await everythingOf(services, expiredTip.caseId);
    const complaintBefore = await everythingOf(services, expiredComplaint.caseId);
    expect(before.attachments).toHaveLength(2);
    expect(before.messages.length).toBeGreaterThanOrEqual(3);
    for (const attachment of before.attachments) expect(evidenceFileExists(services, attachment.storage_key)).toBe(true);
    expect(await findCaseByTrackingCode(services, expiredTip.trackingCode, "retention-test", now)).toEqual({ caseId: expiredTip.caseId });

    const result = await purgeExpired(services, now);
    expect(result).toMatchObject({ casesAnonymized: 2, filesDeleted: 2, casesFailed: 0 });

    const after = await everythingOf(services, expiredTip.caseId);
    // What told the story or pointed at a person is gone; NOT NULL envelopes now hold the empty text.
    expect(decryptText(keyring, after.case.narrative_encrypted, caseFieldContext("narrative_encrypted", expiredTip.caseId))).toBe("");
    expect(after.case).toMatchObject({
      details_encrypted: null,
      subjects_encrypted: null,
      reporter_identity_encrypted: null,
      consent_version: null,
      consent_at: null,
      reporter_seen_at: null,
      tracking_hash: "",
      anonymized_at: now,
    });
    expect(after.case.tracking_lookup).not.toBe(before.case.tracking_lookup);
    for (const message of after.messages) expect(decryptText(keyring, message.body_encrypted, messageContext(message.id))).toBe("");
    for (const attachment of after.attachments) {
      expect(decryptText(keyring, attachment.file_name_encrypted, fileNameContext(attachment.id))).toBe("");
      expect(attachment).toMatchObject({ content_digest: "", size_bytes: 0 });
    }
    for (const attachment of before.attachments) expect(evidenceFileExists(services, attachment.storage_key)).toBe(false);
    expect(after.escalations.map((row) => [row.reason_encrypted, row.decision_note_encrypted])).toEqual([[null, null]]);
    expect(after.conflicts.map((row) => row.reason_encrypted)).toEqual([null]);

    // What the reports and the statistics count stays as it was.
    const metadata = (row: typeof before.case) => ({
      reference: row.reference,
      kind: row.kind,
      category_id: row.category_id,
      team_id: row.team_id,
      channel: row.channel,
      is_anonymous: row.is_anonymous,
      reporter_relation: row.reporter_relation,
      priority: row.priority,
      status: row.status,
      outcome: row.outcome,
      assignee_id: row.assignee_id,
      names_senior_official: row.names_senior_official,
      fiscal_year: row.fiscal_year,
      created_at: row.created_at,
      updated_at: row.updated_at,
      acknowledged_at: row.acknowledged_at,
      first_response_at: row.first_response_at,
      resolved_at: row.resolved_at,
      closed_at: row.closed_at,
      acknowledge_due_at: row.acknowledge_due_at,
      first_response_due_at: row.first_response_due_at,
      resolve_due_at: row.resolve_due_at,
      is_overdue: row.is_overdue,
    });
    expect(metadata(after.case)).toEqual(metadata(before.case));
    const messageMetadata = (rows: typeof before.messages) => rows.map(({ id, author_type, author_id, visibility, created_at }) => ({ id, author_type, author_id, visibility, created_at }));
    expect(messageMetadata(after.messages)).toEqual(messageMetadata(before.messages));
    const escalationMetadata = (rows: typeof before.escalations) => rows.map(({ reason_encrypted: _reason, decision_note_encrypted: _note, ...rest }) => rest);
    expect(escalationMetadata(after.escalations)).toEqual(escalationMetadata(before.escalations));
    expect(after.events).toEqual(before.events);

    // The named reporter's identity and consent go too.
    const complaintAfter = await caseRow(services, expiredComplaint.caseId);
    expect(complaintBefore.case.reporter_identity_encrypted).not.toBeNull();
    expect(complaintAfter).toMatchObject({ reporter_identity_encrypted: null, consent_version: null, consent_at: null, status: "rejected", is_anonymous: 0 });

    // The code opens nothing any more.
    expect(await findCaseByTrackingCode(services, expiredTip.trackingCode, "retention-test", now)).toEqual({ problem: "unknown" });
    expect(await findCaseByTrackingCode(services, expiredComplaint.trackingCode, "retention-test", now)).toEqual({ problem: "unknown" });

    // One entry per case, by the system, and the chain still holds.
    const entries = await services.db.selectFrom("audit_log").selectAll().where("action", "=", "case.anonymized").orderBy("sequence").execute();
    expect(entries.map((entry) => entry.target_id).sort()).toEqual([expiredTip.caseId, expiredComplaint.caseId].sort());
    for (const entry of entries) expect(entry).toMatchObject({ actor_type: "system", actor_id: null, target_type: "case", occurred_at: now });
    expect(JSON.parse(entries.find((entry) => entry.target_id === expiredTip.caseId)!.details!)).toEqual({ retentionYears: 5, messages: before.messages.length, attachments: 2 });
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });

  it("leaves a case ended a little less than the period ago and an open case untouched", async () => {
    const { services, recentComplaint, openTip } = await setUp();
    const recentBefore = await everythingOf(services, recentComplaint.caseId);
    const openBefore = await everythingOf(services, openTip.caseId);

    await purgeExpired(services, now);

    expect(await everythingOf(services, recentComplaint.caseId)).toEqual(recentBefore);
    expect(await everythingOf(services, openTip.caseId)).toEqual(openBefore);
    for (const attachment of openBefore.attachments) expect(evidenceFileExists(services, attachment.storage_key)).toBe(true);
    expect(await findCaseByTrackingCode(services, recentComplaint.trackingCode, "retention-test", now)).toEqual({ caseId: recentComplaint.caseId });
    expect(await findCaseByTrackingCode(services, openTip.trackingCode, "retention-test", now)).toEqual({ caseId: openTip.caseId });
    // An hour and a half later the recent case's period has run out too.
    expect(await purgeExpired(services, now + 2 * hour)).toMatchObject({ casesAnonymized: 1 });
    expect((await caseRow(services, recentComplaint.caseId)).anonymized_at).toBe(now + 2 * hour);
    expect((await caseRow(services, openTip.caseId)).anonymized_at).toBeNull();
  });

  it("changes nothing when run again", async () => {
    const { services, expiredTip, expiredComplaint } = await setUp();
    await purgeExpired(services, now);
    const tipAfterFirst = await everythingOf(services, expiredTip.caseId);
    const complaintAfterFirst = await everythingOf(services, expiredComplaint.caseId);
    const entriesAfterFirst = await services.db.selectFrom("audit_log").select("sequence").execute();

    // A minute later: the case closed an hour after the cutoff is still within its period.
    expect(await purgeExpired(services, now + minute)).toEqual({ casesAnonymized: 0, filesDeleted: 0, casesFailed: 0, sessionsPurged: 0, outboxMessagesPurged: 0 });
    expect(await everythingOf(services, expiredTip.caseId)).toEqual(tipAfterFirst);
    expect(await everythingOf(services, expiredComplaint.caseId)).toEqual(complaintAfterFirst);
    expect(await services.db.selectFrom("audit_log").select("sequence").execute()).toHaveLength(entriesAfterFirst.length);
  });

  it("gives the reports, the evidence pack and the statistics the same figures before and after", async () => {
    const { services } = await setUp();
    const before = await figures(services);
    expect(before.quarters.periods.some((period) => period.values.received > 0)).toBe(true);
    await purgeExpired(services, now);
    expect(await figures(services)).toEqual(before);
  });

  it("deletes ended staff sessions and keeps live ones", async () => {
    const { services, staff } = await setUp();
    const sessionStarts = async () => (await services.db.selectFrom("sessions").select("created_at").orderBy("created_at").execute()).map((row) => row.created_at);
    // Past its absolute end (12 hours), idle for 40 minutes (the limit is 30), and in use.
    await createSession(services.db, staff.supervisor.id, now - 13 * hour, { mfaVerified: true });
    await createSession(services.db, staff.investigator.id, now - 40 * minute, { mfaVerified: true });
    await createSession(services.db, staff.auditor.id, now - 5 * minute, { mfaVerified: true });

    expect(await purgeExpired(services, now)).toMatchObject({ sessionsPurged: 2 });
    expect(await sessionStarts()).toEqual([now - 5 * minute]);
  });

  it("deletes delivered and abandoned outbox messages older than the period, which hold addresses, and keeps the rest", async () => {
    const { services } = await setUp();
    const outboxRow = (id: string, status: "pending" | "sent" | "dead", createdAt: number) => ({
      id,
      kind: "email" as const,
      payload_encrypted: "envelope",
      status,
      attempts: 1,
      next_attempt_at: createdAt,
      locked_until: null,
      last_error: null,
      created_at: createdAt,
      sent_at: status === "sent" ? createdAt : null,
    });
    await services.db.deleteFrom("outbox").execute();
    await services.db
      .insertInto("outbox")
      .values([outboxRow("old-sent", "sent", cutoff - day), outboxRow("old-dead", "dead", cutoff - day), outboxRow("old-pending", "pending", cutoff - day), outboxRow("recent-sent", "sent", cutoff + day)])
      .execute();
    await services.db
      .insertInto("webhook_deliveries")
      .values([
        { outbox_id: "old-sent", webhook_id: "webhook-1", event_id: "b7c2a4e0-0000-4000-8000-000000000001", event_type: "sla_breach", created_at: cutoff - day },
        { outbox_id: "recent-sent", webhook_id: "webhook-1", event_id: "b7c2a4e0-0000-4000-8000-000000000002", event_type: "sla_breach", created_at: cutoff + day },
      ])
      .execute();

    expect(await purgeExpired(services, now)).toMatchObject({ outboxMessagesPurged: 2 });
    expect((await services.db.selectFrom("outbox").select("id").orderBy("id").execute()).map((row) => row.id)).toEqual(["old-pending", "recent-sent"]);
    expect((await services.db.selectFrom("webhook_deliveries").select("outbox_id").execute()).map((row) => row.outbox_id)).toEqual(["recent-sent"]);
  });

  it("opens an anonymized case everywhere staff look, with a notice instead of content, and refuses commands and downloads", async () => {
    const { services, staff, expiredTip } = await setUp();
    const attachmentIds = (await services.db.selectFrom("attachments").select("id").where("case_id", "=", expiredTip.caseId).execute()).map((row) => row.id);
    const escalation = await services.db.selectFrom("escalations").select("id").where("case_id", "=", expiredTip.caseId).executeTakeFirstOrThrow();
    await purgeExpired(services, now);

    // The case page's own loader, as a signed-in supervisor of the team meets it. The loader reads the
    // session at the real time, so the account and its session are made at the real time too.
    const signedInAt = Date.now();
    const created = await createStaffUser(services, { email: "kanya@agency.example", displayName: "kanya", role: "supervisor", teamCode: "integrity", password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, signedInAt - minute);
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    const { cookieValue } = await createSession(services.db, created.staffUserId, signedInAt, { mfaVerified: true });
    const cookie = (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
    const context: AppLoadContext = { services, logger: services.logger, cspNonce: "", clientKey: "retention-test" };
    const request = new Request(`http://localhost/staff/cases/${expiredTip.caseId}`, { headers: { Cookie: cookie } });
    const page = await caseRoute.loader({ request, context, params: { caseId: expiredTip.caseId } } as LoaderFunctionArgs);
    expect(page.workspace).toMatchObject({
      reference: expiredTip.reference,
      status: "closed",
      outcome: "substantiated",
      anonymizedAt: now,
      narrative: "",
      details: {},
      peopleInvolved: null,
      reporterIdentity: null,
      identityShown: false,
      thread: [],
      internalNotes: [],
      attachments: [],
      allowedActions: [],
    });
    expect(page.workspace.timeline.map((entry) => entry.type)).toContain("close");

    // No command writes to it again, not even a note, and its files are gone.
    expect(await performCaseAction(services, staff.supervisor, expiredTip.caseId, { type: "internal_note", message: "บันทึกเพิ่ม" }, now + hour)).toEqual({ problem: "not_allowed_in_status" });
    for (const attachmentId of attachmentIds) {
      expect(await downloadAttachment(services, staff.supervisor, expiredTip.caseId, attachmentId, now + hour)).toEqual({ problem: "not_found" });
    }

    // The executive's escalation page, and the auditor's log of the case, open without content.
    const opened = await openEscalation(services, staff.executive, escalation.id, now + hour);
    if (!("escalation" in opened)) throw new Error(JSON.stringify(opened));
    expect(opened.escalation.reason).toBeNull();
    expect(opened.workspace.anonymizedAt).toBe(now);
    const log = await listAuditEntries(services.db, staff.auditor, { caseReference: expiredTip.reference }, { limit: 200 });
    expect(log.rows.map((row) => row.action)).toEqual(expect.arrayContaining(["case.anonymized", "case.filed"]));
    expect(await verifyAuditLog(services.db)).toMatchObject({ intact: true });
  });
});
