import { expect, it } from "vitest";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { performCaseAction, type CaseCommand } from "../../app/cases/case-actions.server";
import type { StaffMember } from "../../app/cases/case-workspace.server";
import type { CaseChannel, CaseKind, ReporterRelation, StaffRole } from "../../app/db.server";
import { decideEscalation } from "../../app/escalation/decisions.server";
import { escalateCase, markNamesSeniorOfficial } from "../../app/escalation/manual-escalation.server";
import { fileCase, privacyNoticeVersion } from "../../app/intake/intake.server";
import { postReporterReply } from "../../app/messaging/messages.server";
import { breakdownDimensions, metricIds, metricSpecs, type MetricId, type MetricValues } from "../../app/reports/metric-definitions";
import { computeMetrics, type MetricsQuery } from "../../app/reports/metrics.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { categorySeeds } from "../../db/seed/reference-data";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/**
 * A known history across fiscal years 2568 and 2569, made through the real services with explicit
 * times, and every figure of every period asserted exactly. The expected numbers are worked out by
 * hand in the comments (business days: Monday–Friday, whole Bangkok days; the seeded holidays
 * include 13 and 23 October, 5 and 10 December 2025). No holiday is seeded before October 2025.
 */

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const reportTime = bangkok("2026-03-16T12:00:00");

type Staff = Record<"integrity" | "integrityRecused" | "integritySupervisor" | "service" | "serviceSupervisor" | "digital" | "executive", StaffMember>;

interface Filing {
  kind: CaseKind;
  categoryCode: string;
  channel: CaseChannel;
  relation: ReporterRelation;
  named: boolean;
  at: string;
  receivedAt?: string;
}

async function buildHistory(services: AppServices) {
  await prepareDatabase(services, bangkok("2024-10-01T00:00:00"));
  const make = async (role: StaffRole, email: string, teamCode: string | null): Promise<StaffMember> => {
    const created = await createStaffUser(services, { email, displayName: email, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, bangkok("2024-10-01T00:00:00"));
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    const teamId = teamCode ? (await services.db.selectFrom("teams").select("id").where("code", "=", teamCode).executeTakeFirstOrThrow()).id : null;
    return { id: created.staffUserId, role, teamId };
  };
  const staff: Staff = {
    integrity: await make("investigator", "sudar@agency.example", "integrity"),
    integrityRecused: await make("investigator", "manee@agency.example", "integrity"),
    integritySupervisor: await make("supervisor", "somsak@agency.example", "integrity"),
    service: await make("investigator", "niran@agency.example", "service"),
    serviceSupervisor: await make("supervisor", "prasert@agency.example", "service"),
    digital: await make("investigator", "kanya@agency.example", "digital"),
    executive: await make("executive", "wilai@agency.example", null),
  };

  const file = async (filing: Filing): Promise<string> => {
    const result = await fileCase(
      services,
      {
        kind: filing.kind,
        categoryCode: filing.categoryCode,
        narrative: "รายละเอียดของเรื่อง",
        details: {},
        reporterRelation: filing.relation,
        ...(filing.named ? { identity: { name: "สมหญิง ใจดี" }, consentVersion: privacyNoticeVersion } : {}),
        files: [],
      },
      { channel: filing.channel, ...(filing.receivedAt ? { receivedAt: bangkok(filing.receivedAt) } : {}) },
      bangkok(filing.at),
    );
    if (!("receipt" in result)) throw new Error(JSON.stringify(result));
    return result.receipt.caseId;
  };
  const act = async (member: StaffMember, caseId: string, command: CaseCommand, at: string) => {
    const result = await performCaseAction(services, member, caseId, command, bangkok(at));
    if (!("done" in result)) throw new Error(`${command.type} at ${at}: ${JSON.stringify(result)}`);
  };
  const reporterWrites = async (caseId: string, at: string) => {
    const result = await postReporterReply(services, caseId, { body: "ข้อมูลเพิ่มเติม", files: [] }, bangkok(at));
    if (!("posted" in result)) throw new Error(JSON.stringify(result));
  };
  const decide = async (caseId: string, decision: string, at: string) => {
    const escalation = await services.db.selectFrom("escalations").select("id").where("case_id", "=", caseId).where("decided_at", "is", null).executeTakeFirstOrThrow();
    const result = await decideEscalation(services, staff.executive, escalation.id, { decision, note: "บันทึกการพิจารณา" }, bangkok(at));
    if (!("done" in result)) throw new Error(JSON.stringify(result));
  };

  // ---- Fiscal year 2568 ------------------------------------------------------------------------
  // C0: complaint, received Tue 15 Oct 2024 09:00. Acknowledged 6 h later (0.25, on time); resolved
  // 35 days later (25 business days): the first response (15 days) and the resolution (30 days) both late.
  const c0 = await file({ kind: "complaint", categoryCode: "complaint.staff_conduct", channel: "web", relation: "outside", named: true, at: "2024-10-15T09:00:00" });
  await act(staff.service, c0, { type: "acknowledge" }, "2024-10-15T15:00:00");
  await act(staff.service, c0, { type: "resolve", outcome: "disciplinary_action" }, "2024-11-19T09:00:00");

  // C1: anonymous tip from a member of staff, Mon 1 Sep 2025 12:00. Acknowledged after 1 business
  // day, asked the reporter after 2 (first response), who answered 3 business days later (the wait);
  // their message answered 30 h later (1.25); escalated by hand and decided; resolved Tue 30 Sep 12:00:
  // 21 business days less the 3 waited = 18.
  const c1 = await file({ kind: "corruption_tip", categoryCode: "corruption.bribery", channel: "web", relation: "staff", named: false, at: "2025-09-01T12:00:00" });
  await act(staff.integrity, c1, { type: "acknowledge" }, "2025-09-02T12:00:00");
  await act(staff.integrity, c1, { type: "ask_reporter", message: "ขอหลักฐานเพิ่มเติม" }, "2025-09-03T12:00:00");
  await reporterWrites(c1, "2025-09-08T12:00:00");
  await act(staff.integrity, c1, { type: "reply", message: "ได้รับแล้ว" }, "2025-09-09T18:00:00");
  const escalated = await escalateCase(services, staff.integrity, c1, "ผู้ถูกกล่าวหาเป็นหัวหน้าฝ่าย", bangkok("2025-09-10T10:00:00"));
  if (!("done" in escalated)) throw new Error(JSON.stringify(escalated));
  await decide(c1, "appoint_committee", "2025-09-12T10:00:00");
  // Resolving a tip is its team supervisor's (decision 0008).
  await act(staff.integritySupervisor, c1, { type: "resolve", outcome: "substantiated" }, "2025-09-30T12:00:00");

  // C2: a named complaint by phone at 23:30 on the last day of FY 2568. Its acknowledgement was due
  // Wed 1 Oct 23:30 and came Thu 2 Oct 09:30 (34 h = 1.42, late): settled at the deadline, in FY 2569.
  // Never answered, never resolved: overdue at every month end of FY 2569.
  const c2 = await file({ kind: "complaint", categoryCode: "complaint.service_quality", channel: "phone", relation: "outside", named: true, at: "2025-09-30T23:30:00" });

  // ---- Fiscal year 2569 ------------------------------------------------------------------------
  // C3: a question by LINE at the very first instant of FY 2569. The reporter writes at 12:00, the
  // reply at 18:00 answers it (0.25) and is the acknowledgement and first response (0.75, on time);
  // resolved Thu 12:00 (1.5), closed the next day (still completed on Thursday).
  const c3 = await file({ kind: "question", categoryCode: "question.general", channel: "line", relation: "outside", named: true, at: "2025-10-01T00:00:00" });
  await reporterWrites(c3, "2025-10-01T12:00:00");
  await act(staff.service, c3, { type: "reply", message: "คำตอบ" }, "2025-10-01T18:00:00");
  await act(staff.service, c3, { type: "start_work" }, "2025-10-02T09:00:00");
  await act(staff.service, c2, { type: "acknowledge" }, "2025-10-02T09:30:00");
  await act(staff.service, c3, { type: "resolve", outcome: "action_taken" }, "2025-10-02T12:00:00");
  await act(staff.service, c3, { type: "close" }, "2025-10-03T09:00:00");

  // C5: a named tip by e-mail, Mon 6 Oct 09:00. One investigator steps away (recused): the other
  // acknowledges after 1 business day, marks it as naming a senior official (escalated) and the
  // executive refers it to the NACC; referred Mon 3 Nov 09:00 with no first response, which was due
  // Wed 29 Oct 09:00 (15 business days over the holidays of 13 and 23 Oct): late. 18 business days.
  const c5 = await file({ kind: "corruption_tip", categoryCode: "corruption.procurement", channel: "email", relation: "staff", named: true, at: "2025-10-06T09:00:00" });
  await act(staff.integrityRecused, c5, { type: "declare_conflict", reason: "รู้จักผู้ถูกกล่าวหา" }, "2025-10-06T10:00:00");
  expect(await performCaseAction(services, staff.integrityRecused, c5, { type: "acknowledge" }, bangkok("2025-10-06T10:30:00"))).toEqual({ problem: "forbidden" });
  await act(staff.integrity, c5, { type: "acknowledge" }, "2025-10-07T09:00:00");
  const marked = await markNamesSeniorOfficial(services, staff.integrity, c5, true, bangkok("2025-10-08T10:00:00"));
  expect(marked).toMatchObject({ done: true, escalated: true });
  await decide(c5, "refer_nacc", "2025-10-09T10:00:00");

  // C4: an anonymous question, Fri 10 Oct 12:00. Monday 13 is a holiday, so the acknowledgement was
  // due Tue 14 12:00 and the first response Wed 15 12:00; the reply came Wed 18:00 (2.25, both late).
  // Resolved exactly at its deadline, Mon 20 Oct 12:00 (5 business days): on time.
  const c4 = await file({ kind: "question", categoryCode: "question.digital_service", channel: "web", relation: "outside", named: false, at: "2025-10-10T12:00:00" });
  await act(staff.digital, c4, { type: "reply", message: "คำตอบ" }, "2025-10-15T18:00:00");
  await act(staff.digital, c4, { type: "start_work" }, "2025-10-16T09:00:00");
  await act(staff.digital, c4, { type: "resolve", outcome: "action_taken" }, "2025-10-20T12:00:00");
  await act(staff.integrity, c5, { type: "refer", agency: "nacc" }, "2025-11-03T09:00:00");

  // C6: an anonymous complaint at the walk-in desk, Fri 14 Nov 15:00, rejected Mon 17 Nov 10:00
  // (19 h = 0.79): acknowledged and resolved on time; its first response never applied.
  const c6 = await file({ kind: "complaint", categoryCode: "complaint.staff_conduct", channel: "walk_in", relation: "unknown", named: false, at: "2025-11-14T15:00:00" });
  await act(staff.service, c6, { type: "reject", reason: "นอกอำนาจหน้าที่" }, "2025-11-17T10:00:00");

  // C7: a named complaint through the API, Mon 1 Dec 10:00, never touched: every clock late in December.
  await file({ kind: "complaint", categoryCode: "complaint.digital_service", channel: "api", relation: "outside", named: true, at: "2025-12-01T10:00:00" });

  // C8: an anonymous tip by letter, received Thu 4 Dec 14:00 (Fri 5 is a holiday), typed in Mon 8 Dec.
  // Work started Mon 16:00 (26 h = 1.08), the reporter asked Tue 16:00 (50 h = 2.08): it has awaited
  // the reporter since, so its resolution deadline (4 Mar 2026) stands still — neither late nor overdue.
  const c8 = await file({ kind: "corruption_tip", categoryCode: "corruption.misuse_of_assets", channel: "letter", relation: "outside", named: false, at: "2025-12-08T09:00:00", receivedAt: "2025-12-04T14:00:00" });
  await act(staff.integrity, c8, { type: "start_work" }, "2025-12-08T16:00:00");
  await act(staff.integrity, c8, { type: "ask_reporter", message: "ขอเอกสาร" }, "2025-12-09T16:00:00");
  const escalatedTip = await escalateCase(services, staff.integrity, c8, "เกี่ยวข้องกับงบประมาณจำนวนมาก", bangkok("2026-01-05T10:00:00"));
  if (!("done" in escalatedTip)) throw new Error(JSON.stringify(escalatedTip));

  // The named complainant of C2 writes in January; nobody answers.
  await reporterWrites(c2, "2026-01-20T10:00:00");

  // C9: a suggestion, Tue 10 Feb 10:00: acknowledged 5 h later (0.21), resolved the next day (first
  // response 1), reopened the day after — so not completed, and late once its 30 days ran out (12 Mar).
  const c9 = await file({ kind: "suggestion", categoryCode: "suggestion.general", channel: "web", relation: "outside", named: true, at: "2026-02-10T10:00:00" });
  await act(staff.service, c9, { type: "acknowledge" }, "2026-02-10T15:00:00");
  await act(staff.service, c9, { type: "resolve", outcome: "action_taken" }, "2026-02-11T10:00:00");
  await act(staff.serviceSupervisor, c9, { type: "reopen" }, "2026-02-12T10:00:00");

  return { staff };
}

const categoryCodes = categorySeeds.map((category) => category.code);

function zeroValues(): MetricValues {
  const values: Record<string, unknown> = {};
  for (const id of metricIds) {
    const spec: { shape: string; dimension?: keyof typeof breakdownDimensions } = metricSpecs[id];
    if (spec.shape === "count") values[id] = 0;
    if (spec.shape === "ratio") values[id] = { met: 0, total: 0, percent: null };
    if (spec.shape === "duration") values[id] = { count: 0, median: null, percentile90: null };
    if (spec.shape === "breakdown") {
      const keys = spec.dimension === "category" ? categoryCodes : breakdownDimensions[spec.dimension!].keys!;
      values[id] = Object.fromEntries(keys.map((key) => [key, 0]));
    }
  }
  return values as MetricValues;
}

/** A period's figures: zero except what is given; a breakdown lists only its non-zero keys. */
function figures(given: { [Id in MetricId]?: unknown }): MetricValues {
  const values = zeroValues() as unknown as Record<string, unknown>;
  for (const [id, value] of Object.entries(given)) {
    const shape = metricSpecs[id as MetricId].shape;
    values[id] = shape === "breakdown" ? { ...(values[id] as object), ...(value as object) } : value;
  }
  return values as unknown as MetricValues;
}

const ratio = (met: number, total: number, percent: number | null) => ({ met, total, percent });
const duration = (count: number, median: number, percentile90: number) => ({ count, median, percentile90 });

describeEachDialect("the metrics", (current) => {
  async function report(services: AppServices, query: Omit<MetricsQuery, "now">) {
    return computeMetrics(services.db, { ...query, now: reportTime }, await loadBusinessCalendar(services.db));
  }

  it("gives every figure of every month of FY 2568 and FY 2569 exactly, zeros where nothing happened", async () => {
    const services = testServices(current());
    await buildHistory(services);

    const fiscal2568 = await report(services, { fiscalYear: 2568, period: "month" });
    expect(fiscal2568.periods.map((period) => [period.key, period.isFuture])).toEqual(
      Array.from({ length: 12 }, (_, index) => [`2568-M${String(index + 1).padStart(2, "0")}`, false]),
    );
    const expected2568: Record<string, MetricValues> = {
      // October 2024: C0 received and acknowledged on time; its first response fell due on 30 Oct unmet.
      "2568-M01": figures({
        received: 1,
        receivedByKind: { complaint: 1 },
        receivedByCategory: { "complaint.staff_conduct": 1 },
        receivedByChannel: { web: 1 },
        receivedByAnonymity: { named: 1 },
        receivedByReporterRelation: { outside: 1 },
        openAtEnd: 1,
        inProgressAtEnd: 1,
        overdueAtEnd: 1,
        acknowledgedOnTime: ratio(1, 1, 100),
        firstResponseOnTime: ratio(0, 1, 0),
        timeToAcknowledge: duration(1, 0.25, 0.25),
      }),
      // November 2024: C0 resolved late, with disciplinary action.
      "2568-M02": figures({
        completed: 1,
        completedByOutcome: { disciplinary_action: 1 },
        resolvedOnTime: ratio(0, 1, 0),
        timeToFirstResponse: duration(1, 25, 25),
        timeToResolve: duration(1, 25, 25),
      }),
      // September 2025: C1 from start to finish; C2 arrives at 23:30 on the 30th, open at the year's end.
      "2568-M12": figures({
        received: 2,
        receivedByKind: { corruption_tip: 1, complaint: 1 },
        receivedByCategory: { "corruption.bribery": 1, "complaint.service_quality": 1 },
        receivedByChannel: { web: 1, phone: 1 },
        receivedByAnonymity: { anonymous: 1, named: 1 },
        receivedByReporterRelation: { staff: 1, outside: 1 },
        completed: 1,
        completedByOutcome: { substantiated: 1 },
        openAtEnd: 1,
        acknowledgedOnTime: ratio(1, 1, 100),
        firstResponseOnTime: ratio(1, 1, 100),
        resolvedOnTime: ratio(1, 1, 100),
        timeToAcknowledge: duration(1, 1, 1),
        timeToFirstResponse: duration(1, 2, 2),
        timeToResolve: duration(1, 18, 18),
        escalations: 1,
        escalationsByRule: { manual: 1 },
        executiveDecisions: 1,
        executiveDecisionsByDecision: { appoint_committee: 1 },
        reporterMessages: 1,
        reporterMessagesAnswered: ratio(1, 1, 100),
        timeToAnswerReporter: duration(1, 1.25, 1.25),
        corruptionReceived: 1,
        corruptionCompleted: 1,
        corruptionReceivedByChannel: { web: 1 },
      }),
    };
    for (const period of fiscal2568.periods) expect(period.values, period.key).toEqual(expected2568[period.key] ?? figures({}));

    const fiscal2569 = await report(services, { fiscalYear: 2569, period: "month" });
    // March 2026 has begun at the time of the report and is measured up to it; April on is to come.
    expect(fiscal2569.periods.map((period) => [period.key, period.isFuture, period.measuredAt])).toEqual([
      ["2569-M01", false, bangkok("2025-11-01T00:00:00")],
      ["2569-M02", false, bangkok("2025-12-01T00:00:00")],
      ["2569-M03", false, bangkok("2026-01-01T00:00:00")],
      ["2569-M04", false, bangkok("2026-02-01T00:00:00")],
      ["2569-M05", false, bangkok("2026-03-01T00:00:00")],
      ["2569-M06", false, reportTime],
      ...["07", "08", "09", "10", "11", "12"].map((month) => [`2569-M${month}`, true, fiscal2569.periods[Number(month) - 1]!.start]),
    ]);
    const expected2569: Record<string, MetricValues> = {
      "2569-M01": figures({
        received: 3,
        receivedByKind: { question: 2, corruption_tip: 1 },
        receivedByCategory: { "question.general": 1, "question.digital_service": 1, "corruption.procurement": 1 },
        receivedByChannel: { line: 1, web: 1, email: 1 },
        receivedByAnonymity: { named: 2, anonymous: 1 },
        receivedByReporterRelation: { outside: 2, staff: 1 },
        completed: 2,
        completedByOutcome: { action_taken: 2 },
        // C2 (first response due 15 Oct) and C5 (due 29 Oct), both acknowledged.
        openAtEnd: 2,
        inProgressAtEnd: 2,
        overdueAtEnd: 2,
        // C3 and C5 on time; C2 (due 1 Oct 23:30) and C4 late.
        acknowledgedOnTime: ratio(2, 4, 50),
        // C3 on time; C2, C4 and C5 late (C5 at its deadline, though referred later without one).
        firstResponseOnTime: ratio(1, 4, 25),
        // C3 and C4 (exactly at the deadline) on time; C2 late on 30 Oct.
        resolvedOnTime: ratio(2, 3, 66.67),
        // 0.75, 1, 1.42, 2.25.
        timeToAcknowledge: duration(4, 1.21, 2),
        timeToFirstResponse: duration(2, 1.5, 2.1),
        timeToResolve: duration(2, 3.25, 4.65),
        escalations: 1,
        escalationsByRule: { senior_official: 1 },
        executiveDecisions: 1,
        executiveDecisionsByDecision: { refer_nacc: 1 },
        reporterMessages: 1,
        reporterMessagesAnswered: ratio(1, 1, 100),
        timeToAnswerReporter: duration(1, 0.25, 0.25),
        corruptionReceived: 1,
        corruptionOpenAtEnd: 1,
        corruptionReceivedByChannel: { email: 1 },
        questionsAnsweredOnTime: ratio(1, 2, 50),
        timeToAnswerQuestion: duration(2, 1.5, 2.1),
      }),
      "2569-M02": figures({
        received: 1,
        receivedByKind: { complaint: 1 },
        receivedByCategory: { "complaint.staff_conduct": 1 },
        receivedByChannel: { walk_in: 1 },
        receivedByAnonymity: { anonymous: 1 },
        receivedByReporterRelation: { unknown: 1 },
        completed: 2,
        completedByOutcome: { referred_to_agency: 1, rejected: 1 },
        referredByAgency: { nacc: 1 },
        openAtEnd: 1,
        inProgressAtEnd: 1,
        overdueAtEnd: 1,
        acknowledgedOnTime: ratio(1, 1, 100),
        resolvedOnTime: ratio(2, 2, 100),
        timeToAcknowledge: duration(1, 0.79, 0.79),
        // 0.79 and 18.
        timeToResolve: duration(2, 9.4, 16.28),
        corruptionCompleted: 1,
      }),
      "2569-M03": figures({
        received: 2,
        receivedByKind: { complaint: 1, corruption_tip: 1 },
        receivedByCategory: { "complaint.digital_service": 1, "corruption.misuse_of_assets": 1 },
        receivedByChannel: { api: 1, letter: 1 },
        receivedByAnonymity: { named: 1, anonymous: 1 },
        receivedByReporterRelation: { outside: 2 },
        // C2, C7 and C8 open; C7 never acknowledged; C2 and C7 overdue, C8 waits for the reporter.
        openAtEnd: 3,
        inProgressAtEnd: 2,
        overdueAtEnd: 2,
        acknowledgedOnTime: ratio(1, 2, 50),
        firstResponseOnTime: ratio(1, 2, 50),
        resolvedOnTime: ratio(0, 1, 0),
        timeToAcknowledge: duration(1, 1.08, 1.08),
        timeToFirstResponse: duration(1, 2.08, 2.08),
        corruptionReceived: 1,
        corruptionOpenAtEnd: 1,
        corruptionReceivedByChannel: { letter: 1 },
      }),
      "2569-M04": figures({
        openAtEnd: 3,
        inProgressAtEnd: 2,
        overdueAtEnd: 2,
        escalations: 1,
        escalationsByRule: { manual: 1 },
        reporterMessages: 1,
        reporterMessagesAnswered: ratio(0, 1, 0),
        corruptionOpenAtEnd: 1,
      }),
      "2569-M05": figures({
        received: 1,
        receivedByKind: { suggestion: 1 },
        receivedByCategory: { "suggestion.general": 1 },
        receivedByChannel: { web: 1 },
        receivedByAnonymity: { named: 1 },
        receivedByReporterRelation: { outside: 1 },
        // Resolved on the 11th and reopened on the 12th: C9 is open, not completed.
        openAtEnd: 4,
        inProgressAtEnd: 3,
        overdueAtEnd: 2,
        acknowledgedOnTime: ratio(1, 1, 100),
        firstResponseOnTime: ratio(1, 1, 100),
        timeToAcknowledge: duration(1, 0.21, 0.21),
        timeToFirstResponse: duration(1, 1, 1),
        corruptionOpenAtEnd: 1,
      }),
      // Up to the time of the report: C9's resolution fell due on 12 March; C8's stands still.
      "2569-M06": figures({
        openAtEnd: 4,
        inProgressAtEnd: 3,
        overdueAtEnd: 3,
        resolvedOnTime: ratio(0, 1, 0),
        corruptionOpenAtEnd: 1,
      }),
    };
    for (const period of fiscal2569.periods) expect(period.values, period.key).toEqual(expected2569[period.key] ?? figures({}));
  });

  it("adds up the same history by quarter, half and year, and by team or category", async () => {
    const services = testServices(current());
    const { staff } = await buildHistory(services);

    const years = await report(services, { fiscalYear: 2569, period: "year" });
    expect(years.periods).toHaveLength(1);
    expect(years.periods[0]!.values).toEqual(
      figures({
        received: 7,
        receivedByKind: { question: 2, corruption_tip: 2, complaint: 2, suggestion: 1 },
        receivedByCategory: {
          "question.general": 1,
          "question.digital_service": 1,
          "corruption.procurement": 1,
          "complaint.staff_conduct": 1,
          "complaint.digital_service": 1,
          "corruption.misuse_of_assets": 1,
          "suggestion.general": 1,
        },
        receivedByChannel: { line: 1, web: 2, email: 1, walk_in: 1, api: 1, letter: 1 },
        receivedByAnonymity: { named: 4, anonymous: 3 },
        receivedByReporterRelation: { outside: 5, staff: 1, unknown: 1 },
        completed: 4,
        completedByOutcome: { action_taken: 2, referred_to_agency: 1, rejected: 1 },
        referredByAgency: { nacc: 1 },
        openAtEnd: 4,
        inProgressAtEnd: 3,
        overdueAtEnd: 3,
        acknowledgedOnTime: ratio(5, 8, 62.5),
        firstResponseOnTime: ratio(3, 7, 42.86),
        resolvedOnTime: ratio(4, 7, 57.14),
        // 0.21, 0.75, 0.79, 1, 1.08, 1.42, 2.25.
        timeToAcknowledge: duration(7, 1, 1.75),
        // 0.75, 1, 2.08, 2.25.
        timeToFirstResponse: duration(4, 1.54, 2.2),
        // 0.79, 1.5, 5, 18.
        timeToResolve: duration(4, 3.25, 14.1),
        escalations: 2,
        escalationsByRule: { senior_official: 1, manual: 1 },
        executiveDecisions: 1,
        executiveDecisionsByDecision: { refer_nacc: 1 },
        reporterMessages: 2,
        reporterMessagesAnswered: ratio(1, 2, 50),
        timeToAnswerReporter: duration(1, 0.25, 0.25),
        corruptionReceived: 2,
        corruptionCompleted: 1,
        corruptionOpenAtEnd: 1,
        corruptionReceivedByChannel: { email: 1, letter: 1 },
        questionsAnsweredOnTime: ratio(1, 2, 50),
        timeToAnswerQuestion: duration(2, 1.5, 2.1),
      }),
    );

    const previousYear = await report(services, { fiscalYear: 2568, period: "year" });
    expect(previousYear.periods[0]!.values).toMatchObject({
      received: 3,
      completed: 2,
      completedByOutcome: { disciplinary_action: 1, substantiated: 1 },
      openAtEnd: 1,
      inProgressAtEnd: 0,
      overdueAtEnd: 0,
      acknowledgedOnTime: ratio(2, 2, 100),
      firstResponseOnTime: ratio(1, 2, 50),
      resolvedOnTime: ratio(1, 2, 50),
      timeToAcknowledge: duration(2, 0.63, 0.93),
      timeToFirstResponse: duration(2, 13.5, 22.7),
      timeToResolve: duration(2, 21.5, 24.3),
      corruptionReceived: 1,
      corruptionCompleted: 1,
      corruptionOpenAtEnd: 0,
    });

    const quarters = await report(services, { fiscalYear: 2569, period: "quarter" });
    expect(quarters.periods.map((period) => [period.key, period.isFuture, period.values.received, period.values.completed, period.values.openAtEnd, period.values.overdueAtEnd, period.values.acknowledgedOnTime])).toEqual([
      ["2569-Q1", false, 6, 4, 3, 2, ratio(4, 7, 57.14)],
      ["2569-Q2", false, 1, 0, 4, 3, ratio(1, 1, 100)],
      ["2569-Q3", true, 0, 0, 0, 0, ratio(0, 0, null)],
      ["2569-Q4", true, 0, 0, 0, 0, ratio(0, 0, null)],
    ]);
    const halves = await report(services, { fiscalYear: 2569, period: "half" });
    expect(halves.periods[0]!.values).toEqual(years.periods[0]!.values);
    expect(halves.periods[1]!.values).toEqual(figures({}));

    const serviceTeam = await report(services, { fiscalYear: 2569, period: "year", teamId: staff.service.teamId! });
    expect(serviceTeam.periods[0]!.values).toMatchObject({
      received: 3,
      receivedByKind: { question: 1, complaint: 1, suggestion: 1, corruption_tip: 0 },
      completed: 2,
      openAtEnd: 2,
      overdueAtEnd: 2,
      acknowledgedOnTime: ratio(3, 4, 75),
      corruptionReceived: 0,
    });

    const procurement = await report(services, { fiscalYear: 2569, period: "year", categoryCode: "corruption.procurement" });
    expect(procurement.categories.map((category) => category.code)).toEqual(["corruption.procurement"]);
    expect(procurement.periods[0]!.values).toMatchObject({
      received: 1,
      receivedByCategory: { "corruption.procurement": 1 },
      completed: 1,
      referredByAgency: { nacc: 1, pacc: 0, ombudsman: 0, other: 0 },
      escalations: 1,
      executiveDecisions: 1,
      timeToResolve: duration(1, 18, 18),
      corruptionReceived: 1,
      corruptionCompleted: 1,
    });
    expect(Object.keys(procurement.periods[0]!.values.receivedByCategory)).toEqual(["corruption.procurement"]);

    const unknownCategory = await report(services, { fiscalYear: 2569, period: "month", categoryCode: "no.such.category" });
    expect(unknownCategory.periods).toHaveLength(12);
    expect(unknownCategory.periods.every((period) => period.values.received === 0 && period.values.openAtEnd === 0)).toBe(true);
  });
});
