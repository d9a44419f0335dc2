import { beforeEach, expect, it } from "vitest";
import { startOfBangkokDay } from "../../app/calendar/thai-calendar";
import { summaryMonthOf, type ExecutiveDecision } from "../../app/escalation/decision-rules";
import { decideEscalation } from "../../app/escalation/decisions.server";
import { recordEscalation } from "../../app/escalation/escalations.server";
import { inboxCounts, listEscalationInbox, openEscalation } from "../../app/escalation/inbox.server";
import { monthlySummaryCounts, sendMonthlySummary, sendPreviousMonthSummaryIfDue } from "../../app/escalation/monthly-summary.server";
import { fileCase } from "../../app/intake/intake.server";
import { readOutboxPayload } from "../../app/notify/outbox.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { openReporterView } from "../../app/tracking/tracking.server";
import type { StaffMember } from "../../app/cases/case-workspace.server";
import type { StaffRole } from "../../app/db.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/**
 * The executives' part of escalation (issue 5): the inbox lists what is routed to the viewer's role
 * and never a case they are recused from; each decision writes its row, one timeline event the
 * reporter reads without the note, an audit entry and the team's e-mail; the monthly summary counts
 * a known month exactly and is sent once.
 */
describeEachDialect("the escalation inbox and executive decisions", (current) => {
  let services: AppServices;
  let staff: Record<"executive" | "audit_committee" | "supervisor" | "investigator", StaffMember>;
  const now = Date.UTC(2026, 10, 20, 3, 0, 0);

  beforeEach(async () => {
    services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, now - 60 * 86_400_000, { demoCases: 0 });
    const rows = await services.db.selectFrom("staff_users").select(["id", "role", "team_id"]).execute();
    const of = (role: StaffRole): StaffMember => {
      const row = rows.find((member) => member.role === role)!;
      return { id: row.id, role: row.role, teamId: row.team_id };
    };
    staff = { executive: of("executive"), audit_committee: of("audit_committee"), supervisor: of("supervisor"), investigator: of("investigator") };
  });

  async function fileTip(at = now - 40 * 86_400_000, narrative = "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต") {
    const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative, details: {}, reporterRelation: "outside", files: [] }, { channel: "web" }, at);
    if (!("receipt" in filed)) throw new Error("filing failed");
    return filed.receipt;
  }

  async function recuse(caseId: string, staffUserId: string) {
    await services.db
      .insertInto("conflicts")
      .values({ id: `conflict-${caseId}-${staffUserId}`, case_id: caseId, staff_user_id: staffUserId, source: "declared", reason_encrypted: null, created_by_id: staffUserId, created_at: now })
      .execute();
  }

  async function escalate(caseId: string, reference: string, rule = "resolve_breached", at = now) {
    const recused = new Set((await services.db.selectFrom("conflicts").select("staff_user_id").where("case_id", "=", caseId).execute()).map((row) => row.staff_user_id));
    const recorded = await services.db
      .transaction()
      .execute((transaction) => recordEscalation(transaction, services, { caseId, reference, rule, reason: "resolve_breached", actor: { type: "system", id: null }, recused }, at));
    if (!recorded) throw new Error("not escalated");
    return recorded;
  }

  async function auditActions(action: string) {
    return services.db.selectFrom("audit_log").select(["actor_id", "target_id", "details"]).where("action", "=", action).orderBy("sequence").execute();
  }

  /** The e-mails written at exactly `at`: those of the change under test, not the filing's. */
  async function emailsAt(at: number) {
    const rows = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).where("created_at", "=", at).execute();
    return rows.map((row) => readOutboxPayload(services.secrets.keyring, row)).flatMap((message) => (message.kind === "email" ? [message.email] : []));
  }

  it("lists escalations routed to the viewer's role only, never a case the viewer is recused from, by URL neither", async () => {
    const routed = await fileTip();
    const aroundExecutive = await fileTip();
    const laterConflict = await fileTip();
    await recuse(aroundExecutive.caseId, staff.executive.id);
    const toExecutive = await escalate(routed.caseId, routed.reference);
    const toCommittee = await escalate(aroundExecutive.caseId, aroundExecutive.reference);
    const hidden = await escalate(laterConflict.caseId, laterConflict.reference);
    expect(toCommittee.routedToRole).toBe("audit_committee");
    expect(hidden.routedToRole).toBe("executive");
    // The executive declares a conflict after the escalation reached them: it leaves their inbox.
    await recuse(laterConflict.caseId, staff.executive.id);

    const executiveInbox = await listEscalationInbox(services.db, staff.executive, "awaiting", { limit: 10 });
    expect(executiveInbox.rows.map((row) => row.reference)).toEqual([routed.reference]);
    expect(executiveInbox.rows[0]).toMatchObject({ escalationId: toExecutive.escalationId, rule: "resolve_breached", kind: "corruption_tip", earlierDecisions: 0, decision: null });
    expect(await inboxCounts(services.db, staff.executive)).toEqual({ awaiting: 1, decided: 0 });
    const committeeInbox = await listEscalationInbox(services.db, staff.audit_committee, "awaiting", { limit: 10 });
    expect(committeeInbox.rows.map((row) => row.reference)).toEqual([aroundExecutive.reference]);

    expect(await openEscalation(services, staff.executive, hidden.escalationId, now)).toEqual({ problem: "forbidden" });
    expect(await openEscalation(services, staff.executive, toCommittee.escalationId, now)).toEqual({ problem: "forbidden" });
    expect(await openEscalation(services, staff.audit_committee, toExecutive.escalationId, now)).toEqual({ problem: "forbidden" });
    expect(await openEscalation(services, staff.executive, "no-such-escalation", now)).toEqual({ problem: "not_found" });
    const denials = await auditActions("case.access_denied");
    expect(denials.map((denial) => [denial.actor_id, denial.target_id])).toEqual([
      [staff.executive.id, laterConflict.caseId],
      [staff.executive.id, aroundExecutive.caseId],
      [staff.audit_committee.id, routed.caseId],
    ]);
    expect(await decideEscalation(services, staff.executive, hidden.escalationId, { decision: "close", note: "ไม่ควรผ่าน" }, now)).toEqual({ problem: "forbidden" });
    expect((await services.db.selectFrom("escalations").select("decided_at").where("id", "=", hidden.escalationId).executeTakeFirstOrThrow()).decided_at).toBeNull();

    const opened = await openEscalation(services, staff.executive, toExecutive.escalationId, now);
    if ("problem" in opened) throw new Error("refused");
    expect(opened.workspace.reference).toBe(routed.reference);
    expect(opened.workspace.identityShown).toBe(false);
    expect(opened.workspace.internalNotes).toBeNull();
    expect(opened.escalation).toMatchObject({ rule: "resolve_breached", reason: null, mayDecide: true, escalatedByName: null });
    const reads = await auditActions("case.read");
    expect(reads.at(-1)).toMatchObject({ actor_id: staff.executive.id, target_id: routed.caseId });
  });

  it("shows an officer's reason on the escalation page, and pages the inbox by keyset without gaps or repeats", async () => {
    const receipts = [];
    for (let index = 0; index < 5; index += 1) receipts.push(await fileTip());
    for (const [index, receipt] of receipts.entries()) await escalate(receipt.caseId, receipt.reference, "resolve_breached", now - (index % 2) * 1000);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 5; pages += 1) {
      const page = await listEscalationInbox(services.db, staff.executive, "awaiting", { after, limit: 2 });
      seen.push(...page.rows.map((row) => row.reference));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect([...seen].sort()).toEqual(receipts.map((receipt) => receipt.reference).sort());
    expect(new Set(seen).size).toBe(5);

    const manual = await fileTip();
    const recorded = await services.db
      .transaction()
      .execute((transaction) =>
        recordEscalation(transaction, services, { caseId: manual.caseId, reference: manual.reference, rule: "manual:1", reason: "manual", reasonText: "ผู้ถูกกล่าวหาเป็นผู้อำนวยการกอง", actor: { type: "staff", id: staff.investigator.id }, recused: new Set() }, now),
      );
    const opened = await openEscalation(services, staff.executive, recorded!.escalationId, now);
    if ("problem" in opened) throw new Error("refused");
    expect(opened.escalation.reason).toBe("ผู้ถูกกล่าวหาเป็นผู้อำนวยการกอง");
    expect(opened.escalation.escalatedByName).not.toBeNull();
  });

  const eventOf: Record<ExecutiveDecision, string> = {
    order_action: "executive_ordered_action",
    appoint_committee: "executive_appointed_committee",
    refer_nacc: "executive_referred_nacc",
    refer_police: "executive_referred_police",
    return_to_team: "executive_returned_to_team",
    close: "executive_closed_escalation",
  };

  for (const decision of Object.keys(eventOf) as ExecutiveDecision[]) {
    it(`records "${decision}" with its event, audit entry, internal note and the supervisors' e-mail, and shows the reporter what was decided without the note`, async () => {
      const receipt = await fileTip();
      const escalation = await escalate(receipt.caseId, receipt.reference);
      const decidedAt = now + 1000;
      const note = `บันทึกลับของผู้บริหาร ${decision}`;
      const result = await decideEscalation(services, staff.executive, escalation.escalationId, { decision, note, actionDueOn: "2026-12-15" }, decidedAt);
      expect(result).toMatchObject({ done: true, decision });

      const row = await services.db.selectFrom("escalations").selectAll().where("id", "=", escalation.escalationId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ decision, decided_by_id: staff.executive.id, decided_at: decidedAt });
      expect(row.decision_note_encrypted).not.toContain(note);
      const expectedDue = decision === "order_action" ? startOfBangkokDay("2026-12-16") - 1 : null;
      expect(row.action_due_at).toBe(expectedDue);

      const events = await services.db.selectFrom("case_events").selectAll().where("case_id", "=", receipt.caseId).where("type", "=", eventOf[decision]).execute();
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor_id: staff.executive.id, is_visible_to_reporter: 1 });
      expect(events[0]!.data).not.toContain(note);

      const audit = await auditActions("escalation.decided");
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: staff.executive.id, target_id: receipt.caseId });
      expect(audit[0]!.details).not.toContain(note);

      const mail = await emailsAt(decidedAt);
      expect(mail.map((email) => email.to)).toEqual(["supervisor@prongsai.example"]);
      expect(mail[0]!.text).toContain(receipt.reference);
      expect(mail[0]!.text).not.toContain(note);

      const opened = await openEscalation(services, staff.supervisor, escalation.escalationId, decidedAt);
      expect(opened).toEqual({ problem: "forbidden" });
      const notes = await services.db.selectFrom("messages").select("visibility").where("case_id", "=", receipt.caseId).where("author_id", "=", staff.executive.id).execute();
      expect(notes).toEqual([{ visibility: "internal_note" }]);

      const reporterView = await openReporterView(services, receipt.caseId);
      expect(reporterView.timeline.map((entry) => entry.type)).toContain(eventOf[decision]);
      expect(JSON.stringify(reporterView)).not.toContain(note);

      const decidedInbox = await listEscalationInbox(services.db, staff.executive, "decided", { limit: 10 });
      expect(decidedInbox.rows.map((inboxRow) => [inboxRow.reference, inboxRow.decision])).toEqual([[receipt.reference, decision]]);
      const again = await openEscalation(services, staff.executive, escalation.escalationId, decidedAt);
      if ("problem" in again) throw new Error("refused");
      expect(again.escalation.mayDecide).toBe(false);
      expect(again.decisions.map((entry) => [entry.decision, entry.note])).toEqual([[decision, note]]);
    });
  }

  it("makes an order's due date the case's next deadline when it comes first, and refuses a second decision or bad input", async () => {
    const receipt = await fileTip(now - 86_400_000);
    const escalation = await escalate(receipt.caseId, receipt.reference);
    const before = await services.db.selectFrom("cases").select("next_due_at").where("id", "=", receipt.caseId).executeTakeFirstOrThrow();
    expect(before.next_due_at).not.toBeNull();

    const missingDate = await decideEscalation(services, staff.executive, escalation.escalationId, { decision: "order_action", note: "เร่งดำเนินการ" }, now);
    expect(missingDate).toEqual({ problem: "invalid_input", issues: [{ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueMissing" }] });
    const pastDate = await decideEscalation(services, staff.executive, escalation.escalationId, { decision: "order_action", note: "เร่งดำเนินการ", actionDueOn: "2026-11-01" }, now);
    expect(pastDate).toMatchObject({ problem: "invalid_input" });
    const noNote = await decideEscalation(services, staff.executive, escalation.escalationId, { decision: "close", note: "   " }, now);
    expect(noNote).toEqual({ problem: "invalid_input", issues: [{ field: "note", message: "validation.required" }] });
    const unknown = await decideEscalation(services, staff.executive, escalation.escalationId, { decision: "fire_everyone", note: "x" }, now);
    expect(unknown).toMatchObject({ problem: "invalid_input", issues: [{ field: "decision" }] });

    // Tomorrow (Bangkok) is earlier than any SLA deadline of a tip filed yesterday.
    const result = await decideEscalation(services, staff.executive, escalation.escalationId, { decision: "order_action", note: "เร่งดำเนินการ", actionDueOn: "2026-11-21" }, now);
    expect(result).toMatchObject({ done: true, actionDueAt: startOfBangkokDay("2026-11-22") - 1 });
    const after = await services.db.selectFrom("cases").select("next_due_at").where("id", "=", receipt.caseId).executeTakeFirstOrThrow();
    expect(after.next_due_at).toBe(startOfBangkokDay("2026-11-22") - 1);

    expect(await decideEscalation(services, staff.executive, escalation.escalationId, { decision: "close", note: "อีกครั้ง" }, now)).toEqual({ problem: "already_decided" });
    expect(await auditActions("escalation.decided")).toHaveLength(1);

    const second = await escalate(receipt.caseId, receipt.reference, "critical_priority");
    const inbox = await listEscalationInbox(services.db, staff.executive, "awaiting", { limit: 10 });
    expect(inbox.rows.find((row) => row.escalationId === second.escalationId)?.earlierDecisions).toBe(1);
  });

  it("counts a known month exactly from metadata and sends the summary once", async () => {
    const day = (date: string, hour = 10) => startOfBangkokDay(date) + hour * 3_600_000;
    const month = summaryMonthOf("2026-10")!;
    const file = async (filedOn: string, changes: Record<string, number | null>) => {
      const receipt = await fileTip(day(filedOn));
      await services.db
        .updateTable("cases")
        .set({ acknowledge_due_at: null, first_response_due_at: null, resolve_due_at: null, acknowledged_at: null, first_response_at: null, resolved_at: null, closed_at: null, ...changes })
        .where("id", "=", receipt.caseId)
        .execute();
      return receipt.caseId;
    };
    // Received in October, never acknowledged though due on the 8th: overdue at month end.
    const lateAcknowledgement = await file("2026-10-05", { acknowledge_due_at: day("2026-10-08") });
    // Received in October, acknowledged in time, later clocks due after October.
    const onTime = await file("2026-10-10", { acknowledge_due_at: day("2026-10-13"), acknowledged_at: day("2026-10-11"), first_response_due_at: day("2026-11-20"), resolve_due_at: day("2027-01-10") });
    // Received in September, resolve due in October, resolved only in November: overdue at month end.
    const lateResolution = await file("2026-09-20", { acknowledged_at: day("2026-09-21"), resolve_due_at: day("2026-10-20"), resolved_at: day("2026-11-02") });
    // Received in September, late but closed in October: not overdue at month end.
    const closedInOctober = await file("2026-09-01", { resolve_due_at: day("2026-10-01"), closed_at: day("2026-10-15") });
    // Received in November: neither.
    await file("2026-11-02", { acknowledge_due_at: day("2026-11-03") });

    const insertEscalation = async (id: string, caseId: string, createdOn: string, decidedOn: string | null) =>
      services.db
        .insertInto("escalations")
        .values({
          id,
          case_id: caseId,
          rule: `test:${id}`,
          reason_encrypted: null,
          escalated_by_id: null,
          routed_to_role: "executive",
          created_at: day(createdOn),
          decision: decidedOn === null ? null : "return_to_team",
          decision_note_encrypted: null,
          decided_by_id: null,
          decided_at: decidedOn === null ? null : day(decidedOn),
          action_due_at: null,
        })
        .execute();
    await insertEscalation("e1", lateAcknowledgement, "2026-10-12", "2026-10-20");
    await insertEscalation("e2", onTime, "2026-10-25", null);
    await insertEscalation("e3", lateResolution, "2026-09-28", "2026-10-03");
    await insertEscalation("e4", closedInOctober, "2026-11-01", null);

    const expected = { received: 2, overdueAtMonthEnd: 2, escalated: 2, decided: 2, awaitingAtMonthEnd: 1 };
    expect(await monthlySummaryCounts(services.db, month)).toEqual(expected);

    expect(await sendMonthlySummary(services, month, day("2026-10-31", 23))).toEqual({ sent: false, reason: "month_not_over" });
    const sentAt = day("2026-11-01", 8);
    expect(await sendMonthlySummary(services, month, sentAt)).toEqual({ sent: true, recipients: 2, counts: expected });
    const mail = await emailsAt(sentAt);
    expect(mail.map((email) => email.to).sort()).toEqual(["committee@prongsai.example", "executive@prongsai.example"]);
    expect(mail[0]!.text).toContain("/staff/escalations");
    expect(mail[0]!.subject).toContain("ตุลาคม 2569");

    const outboxSize = async () => Number((await services.db.selectFrom("outbox").select((eb) => eb.fn.countAll().as("count")).executeTakeFirstOrThrow()).count);
    const sizeBefore = await outboxSize();
    expect(await sendMonthlySummary(services, month, sentAt + 60_000)).toEqual({ sent: false, reason: "already_sent" });
    expect(await outboxSize()).toBe(sizeBefore);
    expect(await auditActions("escalation.monthly_summary_sent")).toHaveLength(1);
    // The sweeper's schedule finds October sent, and sends nothing more in November.
    expect(await sendPreviousMonthSummaryIfDue(services, day("2026-11-15", 9))).toEqual({ sent: false, reason: "already_sent" });
    expect(await outboxSize()).toBe(sizeBefore);
  });
});
