import { expect, it } from "vitest";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { performCaseAction } from "../../app/cases/case-actions.server";
import { applyCaseAction } from "../../app/cases/case-transitions.server";
import type { CaseAction } from "../../app/cases/case-lifecycle";
import { fileCase, privacyNoticeVersion, type IntakeSubmission } from "../../app/intake/intake.server";
import { postReporterReply } from "../../app/messaging/messages.server";
import type { AppServices } from "../../app/services.server";
import { rescheduleOpenDeadlines } from "../../app/sla/case-deadlines.server";
import { prepareDatabase } from "../../app/startup.server";
import { openReporterView } from "../../app/tracking/tracking.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);

// Wednesday 25 Nov 2026; the weekend is 28–29 Nov; no holiday until Sat 5 Dec.
const wednesday = bangkok("2026-11-25T10:00:00");

const submission = (kind: "question" | "complaint", categoryCode: string): IntakeSubmission => ({
  kind,
  categoryCode,
  narrative: "ขอทราบขั้นตอนการขอสำเนาเอกสารราชการ",
  details: {},
  reporterRelation: "outside",
  identity: { name: "สมหญิง ใจดี", email: "somying@example.com", phone: "" },
  consentVersion: privacyNoticeVersion,
  files: [],
});

const deadlineColumns = ["status", "acknowledge_due_at", "first_response_due_at", "resolve_due_at", "next_due_at", "paused_at", "is_overdue"] as const;

describeEachDialect("SLA deadlines recomputed from the case's history", (current) => {
  async function setUp() {
    const services = testServices(current());
    await prepareDatabase(services, bangkok("2026-01-01T00:00:00"));
    return services;
  }

  async function file(services: AppServices, kind: "question" | "complaint", categoryCode: string, at: number): Promise<string> {
    const result = await fileCase(services, submission(kind, categoryCode), { channel: "web" }, at);
    if (!("receipt" in result)) throw new Error(JSON.stringify(result));
    return result.receipt.caseId;
  }

  async function act(services: AppServices, caseId: string, action: CaseAction, at: number): Promise<void> {
    await services.db.transaction().execute(async (transaction) => {
      const row = await transaction.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
      const applied = await applyCaseAction(transaction, row, action, { type: "system", id: null }, at);
      if ("refused" in applied) throw new Error(applied.refused);
    });
  }

  const deadlinesOf = (services: AppServices, caseId: string) => services.db.selectFrom("cases").select(deadlineColumns).where("id", "=", caseId).executeTakeFirstOrThrow();

  it("resumes a business-day clock by the business time the wait took: a weekend adds nothing", async () => {
    const services = await setUp();
    // A question: resolve within 5 business days, from Wednesday 10:00 to Wednesday 2 Dec 10:00.
    const caseId = await file(services, "question", "question.general", wednesday);
    await act(services, caseId, { type: "ask_reporter" }, bangkok("2026-11-27T17:00:00"));
    expect(await deadlinesOf(services, caseId)).toMatchObject({ status: "awaiting_reporter", resolve_due_at: bangkok("2026-12-02T10:00:00"), next_due_at: null });

    expect(await postReporterReply(services, caseId, { body: "แนบเอกสารแล้วค่ะ", files: [] }, bangkok("2026-11-30T09:00:00"))).toEqual({ posted: true });
    // Friday 17:00 → Monday 09:00 is 64 hours, of which 16 are business time.
    expect(await deadlinesOf(services, caseId)).toMatchObject({
      status: "in_progress",
      paused_at: null,
      resolve_due_at: bangkok("2026-12-03T02:00:00"),
      next_due_at: bangkok("2026-12-03T02:00:00"),
      is_overdue: 0,
    });
    // What the reporter is promised next on /track follows.
    expect((await openReporterView(services, caseId)).nextDeadline).toEqual({ clock: "resolve", dueAt: bangkok("2026-12-03T02:00:00") });
  });

  it("reclassifies over the whole history: an earlier wait still counts, in the new category's units", async () => {
    const services = await setUp();
    const created = await createStaffUser(services, { email: "somchai@agency.example", displayName: "สมชาย", role: "intake_officer", teamCode: "service", password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, wednesday - 86_400_000);
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    const team = await services.db.selectFrom("teams").select("id").where("code", "=", "service").executeTakeFirstOrThrow();
    const intakeOfficer = { id: created.staffUserId, role: "intake_officer" as const, teamId: team.id };

    // A complaint (acknowledge 1 business day, answer 15 days, resolve 30 days), asked about on
    // Thursday 10:00, answered on Monday 09:00.
    const caseId = await file(services, "complaint", "complaint.service_quality", wednesday);
    await act(services, caseId, { type: "ask_reporter" }, bangkok("2026-11-26T10:00:00"));
    await postReporterReply(services, caseId, { body: "ตอบแล้วค่ะ", files: [] }, bangkok("2026-11-30T09:00:00"));
    expect(await deadlinesOf(services, caseId)).toMatchObject({ resolve_due_at: bangkok("2026-12-29T09:00:00") });

    expect(await performCaseAction(services, intakeOfficer, caseId, { type: "reclassify", kind: "question", categoryCode: "question.general" }, bangkok("2026-12-01T09:00:00"))).toEqual({ done: true });
    // 5 business days from filing, plus the wait's 47 business hours (Thursday 14, Friday 24, Monday 9).
    // The acknowledgement and the first response were met under the complaint's policy: their deadlines stay.
    expect(await deadlinesOf(services, caseId)).toMatchObject({
      acknowledge_due_at: bangkok("2026-11-26T10:00:00"),
      first_response_due_at: bangkok("2026-12-10T10:00:00"),
      resolve_due_at: bangkok("2026-12-04T09:00:00"),
      next_due_at: bangkok("2026-12-04T09:00:00"),
      is_overdue: 0,
    });
  });

  it("files a case around the holidays in the table when it is filed", async () => {
    const services = await setUp();
    // Monday 30 Nov and Tuesday 1 Dec made holidays: 5 business days from Wednesday end on Friday 4 Dec, not Wednesday 2 Dec.
    for (const date of ["2026-11-30", "2026-12-01"]) {
      await services.db.insertInto("holidays").values({ date, name_th: "วันหยุดราชการเพิ่มเป็นกรณีพิเศษ", name_en: "Special holiday", created_at: wednesday }).execute();
    }
    const caseId = await file(services, "question", "question.general", wednesday);
    expect(await deadlinesOf(services, caseId)).toMatchObject({ resolve_due_at: bangkok("2026-12-04T10:00:00") });
  });

  it("moves the open deadlines a new holiday falls inside by one business day, and back when it is removed", async () => {
    const services = await setUp();
    const { db } = services;
    // Resolve due Wednesday 2 Dec 10:00; acknowledge Thursday 26 Nov, first response Friday 27 Nov.
    const open = await file(services, "question", "question.general", wednesday);
    // Waiting for the reporter since 11:30: its resolve deadline is suspended where it stood.
    const waiting = await file(services, "question", "question.general", wednesday);
    await act(services, waiting, { type: "ask_reporter" }, bangkok("2026-11-25T11:30:00"));
    // Rejected: finished cases keep the deadlines they were measured against.
    const rejected = await file(services, "question", "question.general", wednesday);
    await act(services, rejected, { type: "reject" }, bangkok("2026-11-25T11:00:00"));
    // Filed after the holiday, and a case whose every deadline passed before it.
    const later = await file(services, "question", "question.general", bangkok("2026-12-02T10:00:00"));
    const earlier = await file(services, "question", "question.general", bangkok("2026-11-16T10:00:00"));
    const before = new Map<string, Awaited<ReturnType<typeof deadlinesOf>>>();
    for (const caseId of [open, waiting, rejected, later, earlier]) before.set(caseId, await deadlinesOf(services, caseId));

    const now = bangkok("2026-11-25T12:00:00");
    const moved = await db.transaction().execute(async (transaction) => {
      await transaction.insertInto("holidays").values({ date: "2026-12-01", name_th: "วันหยุดราชการเพิ่มเป็นกรณีพิเศษ", name_en: "Special holiday", created_at: now }).execute();
      return rescheduleOpenDeadlines(transaction, await loadBusinessCalendar(transaction), now, "2026-12-01");
    });
    expect(moved.sort()).toEqual([open, waiting].sort());
    expect(await deadlinesOf(services, open)).toEqual({ ...before.get(open), resolve_due_at: bangkok("2026-12-03T10:00:00") });
    expect(await deadlinesOf(services, waiting)).toEqual({ ...before.get(waiting), resolve_due_at: bangkok("2026-12-03T10:00:00") });
    expect(before.get(waiting)).toMatchObject({ next_due_at: null, resolve_due_at: bangkok("2026-12-02T10:00:00") });
    for (const untouched of [rejected, later, earlier]) expect(await deadlinesOf(services, untouched)).toEqual(before.get(untouched));

    const movedBack = await db.transaction().execute(async (transaction) => {
      await transaction.deleteFrom("holidays").where("date", "=", "2026-12-01").execute();
      return rescheduleOpenDeadlines(transaction, await loadBusinessCalendar(transaction), now, "2026-12-01");
    });
    expect(movedBack.sort()).toEqual([open, waiting].sort());
    for (const caseId of [open, waiting, rejected, later, earlier]) expect(await deadlinesOf(services, caseId)).toEqual(before.get(caseId));
  });

  it("flags a case overdue when a recompute finds its next deadline passed, and clears it when it is no longer", async () => {
    const services = await setUp();
    const caseId = await file(services, "question", "question.general", wednesday);
    const late = bangkok("2026-11-27T12:00:00");
    await services.db.transaction().execute(async (transaction) => rescheduleOpenDeadlines(transaction, await loadBusinessCalendar(transaction), late, "2026-11-26"));
    expect(await deadlinesOf(services, caseId)).toMatchObject({ next_due_at: bangkok("2026-11-26T10:00:00"), is_overdue: 1 });
    await act(services, caseId, { type: "ask_reporter" }, late);
    await postReporterReply(services, caseId, { body: "ตอบแล้วค่ะ", files: [] }, late + 3_600_000);
    expect(await deadlinesOf(services, caseId)).toMatchObject({ next_due_at: bangkok("2026-12-02T11:00:00"), is_overdue: 0 });
  });
});
