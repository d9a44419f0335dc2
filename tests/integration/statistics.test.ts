import type { AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { expect, it } from "vitest";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { performCaseAction, type CaseCommand } from "../../app/cases/case-actions.server";
import type { StaffMember } from "../../app/cases/case-workspace.server";
import type { CaseKind, StaffRole } from "../../app/db.server";
import { fileCase } from "../../app/intake/intake.server";
import * as statisticsRoute from "../../app/routes/statistics";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import type { PublishedFigure } from "../../app/statistics/suppression";
import type { FiscalYearStatistics, StatisticsPage, StatisticsRow } from "../../app/statistics/statistics-tables";
import { publishedStatistics, publishedStatisticsMaxAgeMs } from "../../app/statistics/published-statistics.server";
import { loadStatistics } from "../../app/statistics/statistics.server";
import { createTestDatabase, describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/**
 * A known history through the real services, published at 15 January 2026 (FY 2569, with FY 2568
 * before it) at the default threshold of 5: exact printed cells, the small ones as "< 5", the
 * figures withheld because of them, the empty months and the months not yet begun.
 */

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const publishedAt = bangkok("2026-01-15T12:00:00");

async function buildHistory(services: AppServices) {
  await prepareDatabase(services, bangkok("2024-10-01T00:00:00"));
  const make = async (role: StaffRole, email: string, teamCode: string): Promise<StaffMember> => {
    const created = await createStaffUser(services, { email, displayName: email, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, bangkok("2024-10-01T00:00:00"));
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    const teamId = (await services.db.selectFrom("teams").select("id").where("code", "=", teamCode).executeTakeFirstOrThrow()).id;
    return { id: created.staffUserId, role, teamId };
  };
  const integrity = await make("investigator", "sudar@agency.example", "integrity");
  const service = await make("investigator", "niran@agency.example", "service");
  // Resolving a tip is its team supervisor's (decision 0008).
  const integritySupervisor = await make("supervisor", "somsak@agency.example", "integrity");

  const file = async (kind: CaseKind, categoryCode: string, at: string): Promise<string> => {
    const result = await fileCase(services, { kind, categoryCode, narrative: "รายละเอียดของเรื่อง", details: {}, reporterRelation: "outside", files: [] }, { channel: "web" }, bangkok(at));
    if (!("receipt" in result)) throw new Error(JSON.stringify(result));
    return result.receipt.caseId;
  };
  const act = async (member: StaffMember, caseId: string, command: CaseCommand, at: string) => {
    const result = await performCaseAction(services, member, caseId, command, bangkok(at));
    if (!("done" in result)) throw new Error(`${command.type} at ${at}: ${JSON.stringify(result)}`);
  };

  // FY 2568: six tips in November 2024, one in March 2025 (a small month).
  const tips: string[] = [];
  for (let day = 4; day <= 9; day += 1) tips.push(await file("corruption_tip", "corruption.bribery", `2024-11-0${day}T10:00:00`));
  await file("corruption_tip", "corruption.procurement", "2025-03-10T10:00:00");
  // Five complaints in January 2025, each answered the same afternoon; one question in February.
  for (let day = 6; day <= 10; day += 1) {
    const complaint = await file("complaint", "complaint.service_quality", `2025-01-${String(day).padStart(2, "0")}T09:00:00`);
    await act(service, complaint, { type: "reply", message: "คำตอบ" }, `2025-01-${String(day).padStart(2, "0")}T15:00:00`);
  }
  const question = await file("question", "question.general", "2025-02-03T09:00:00");
  await act(service, question, { type: "reply", message: "คำตอบ" }, "2025-02-03T11:00:00");

  // FY 2569: five of the November tips substantiated in October 2025, the sixth referred to the NACC in November.
  for (const [index, tip] of tips.entries()) await act(integrity, tip, { type: "acknowledge" }, `2025-10-0${index + 1}T09:00:00`);
  for (const tip of tips.slice(0, 5)) await act(integritySupervisor, tip, { type: "resolve", outcome: "substantiated" }, "2025-10-20T10:00:00");
  await act(integrity, tips[5]!, { type: "refer", agency: "nacc" }, "2025-11-03T10:00:00");
}

const shown = (value: number): PublishedFigure => ({ state: "shown", value });
const below: PublishedFigure = { state: "belowThreshold", threshold: 5 };
const withheld: PublishedFigure = { state: "withheld" };

function row<Column extends string>(rows: ReadonlyArray<StatisticsRow<Column>>, key: string): StatisticsRow<Column> {
  const found = rows.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

function yearOf(page: StatisticsPage, fiscalYear: number): FiscalYearStatistics {
  const found = page.years.find((year) => year.fiscalYear === fiscalYear);
  if (!found) throw new Error(`no fiscal year ${fiscalYear}`);
  return found;
}

const noOutcome = { substantiated: shown(0), unsubstantiated: shown(0), referred: shown(0), rejected: shown(0), otherEnding: shown(0) };

describeEachDialect("the public statistics", (current) => {
  it("publishes FY 2569 and FY 2568 exactly: printed cells, “< 5”, withheld totals and stocks, empty and future periods", async () => {
    const services = testServices(current());
    await buildHistory(services);
    const page = await loadStatistics(services, publishedAt);

    expect(page.threshold).toBe(5);
    expect(page.computedAt).toBe(publishedAt);
    expect(page.years.map((year) => year.fiscalYear)).toEqual([2569, 2568]);
    expect(page.years.map((year) => year.corruptionItaCode)).toEqual(["O29", "O29"]);

    // ---- FY 2568, corruption (O29) ----
    const previous = yearOf(page, 2568);
    expect(previous.corruption.map((entry) => entry.key)).toEqual([
      ...["M01", "M02", "M03", "M04", "M05", "M06"].map((month) => `2568-${month}`),
      "2568-H1",
      ...["M07", "M08", "M09", "M10", "M11", "M12"].map((month) => `2568-${month}`),
      "2568-H2",
      "2568",
    ]);
    // October 2024: nothing at all.
    expect(row(previous.corruption, "2568-M01")).toMatchObject({ status: "empty", figures: null });
    // November: six received, all in progress at its end.
    expect(row(previous.corruption, "2568-M02")).toMatchObject({ status: "figures", figures: { received: shown(6), completed: shown(0), inProgress: shown(6), ...noOutcome } });
    // December to February: nothing received or completed, the six still in progress — not "no complaints".
    expect(row(previous.corruption, "2568-M04")).toMatchObject({ status: "figures", figures: { received: shown(0), completed: shown(0), inProgress: shown(6) } });
    // March: one tip — "< 5"; the stock it joins is withheld (7 − 6 would give it away), and so is every stock after it.
    expect(row(previous.corruption, "2568-M06").figures).toMatchObject({ received: below, inProgress: withheld, completed: shown(0) });
    for (const key of ["2568-H1", "2568-M07", "2568-M12", "2568-H2", "2568"]) expect(row(previous.corruption, key).figures).toMatchObject({ inProgress: withheld });
    // The first half received 6 + 1: printing 7 beside the 6 of November would reveal March's count.
    expect(row(previous.corruption, "2568-H1").figures).toMatchObject({ received: withheld, completed: shown(0), ...noOutcome });
    expect(row(previous.corruption, "2568-H2").figures).toMatchObject({ received: shown(0), completed: shown(0) });
    expect(row(previous.corruption, "2568").figures).toMatchObject({ received: withheld, completed: shown(0) });

    // ---- FY 2568, general complaints ----
    expect(row(previous.general, "2568-M01")).toMatchObject({ status: "empty", figures: null });
    expect(row(previous.general, "2568-M04").figures).toEqual({
      "complaint.received": shown(5),
      "complaint.completed": shown(0),
      "complaint.answeredOnTime": shown(5),
      "question.received": shown(0),
      "question.completed": shown(0),
      "question.answeredOnTime": shown(0),
      "suggestion.received": shown(0),
      "suggestion.completed": shown(0),
      "suggestion.answeredOnTime": shown(0),
      "compliment.received": shown(0),
      "compliment.completed": shown(0),
      "compliment.answeredOnTime": shown(0),
    });
    expect(row(previous.general, "2568-M05").figures).toMatchObject({ "complaint.received": shown(0), "question.received": below, "question.answeredOnTime": below });
    // The half year and the year: complaints printed (all parts printed, and they add up), the lone question withheld.
    for (const key of ["2568-H1", "2568"]) {
      expect(row(previous.general, key).figures).toMatchObject({ "complaint.received": shown(5), "complaint.answeredOnTime": shown(5), "question.received": withheld, "question.answeredOnTime": withheld, "question.completed": shown(0) });
    }
    expect(row(previous.general, "2568-H2")).toMatchObject({ status: "empty" });

    // ---- FY 2569, to 15 January 2026 ----
    const currentYear = yearOf(page, 2569);
    // October 2025: five substantiated — printed, and they add up to the completed.
    expect(row(currentYear.corruption, "2569-M01").figures).toEqual({ received: shown(0), completed: shown(5), inProgress: withheld, ...noOutcome, substantiated: shown(5) });
    // November: the one referral is "< 5", and so the month's completed is withheld.
    expect(row(currentYear.corruption, "2569-M02").figures).toEqual({ received: shown(0), completed: withheld, inProgress: withheld, ...noOutcome, referred: below });
    // The half so far: substantiated printed (its months all printed), referred and completed withheld.
    expect(row(currentYear.corruption, "2569-H1").figures).toEqual({ received: shown(0), completed: withheld, inProgress: withheld, ...noOutcome, substantiated: shown(5), referred: withheld });
    // February onwards has not begun.
    for (const key of ["2569-M05", "2569-M06", "2569-M07", "2569-M12", "2569-H2"]) expect(row(currentYear.corruption, key)).toMatchObject({ status: "future", figures: null });
    expect(row(currentYear.general, "2569-M02")).toMatchObject({ status: "empty" });
    expect(row(currentYear.general, "2569-H2")).toMatchObject({ status: "future" });

    // Nothing withheld travels to the page: no cell carries a count unless it is printed.
    expect(JSON.stringify(page)).not.toMatch(/"state":"(belowThreshold|withheld)","value"/);
  });

  it("publishes every count at threshold 1, and picks the fiscal years from the time of publication", async () => {
    const services = testServices(current(), { STATISTICS_SUPPRESSION_THRESHOLD: "1" });
    await buildHistory(services);
    const page = await loadStatistics(services, publishedAt);
    const previous = yearOf(page, 2568);
    expect(row(previous.corruption, "2568-M06").figures).toMatchObject({ received: shown(1), inProgress: shown(7) });
    expect(row(previous.corruption, "2568-H1").figures).toMatchObject({ received: shown(7) });
    expect(row(yearOf(page, 2569).corruption, "2569-H1").figures).toMatchObject({ completed: shown(6), referred: shown(1), inProgress: shown(1) });

    // The last instant of FY 2568 and the first of FY 2569, in Bangkok.
    expect((await loadStatistics(services, bangkok("2025-09-30T23:59:59"))).years.map((year) => year.fiscalYear)).toEqual([2568, 2567]);
    expect((await loadStatistics(services, bangkok("2025-10-01T00:00:00"))).years.map((year) => year.fiscalYear)).toEqual([2569, 2568]);
  });

  it("computes the public page once per five minutes, however many requests arrive, and never across fiscal years", async () => {
    const services = testServices(current(), { STATISTICS_SUPPRESSION_THRESHOLD: "1" });
    await buildHistory(services);
    const received = (page: StatisticsPage) => row(yearOf(page, 2569).corruption, "2569-H1").figures?.received;

    // Requests arriving while the page is being computed share that one computation.
    const [first, concurrent] = await Promise.all([publishedStatistics(services, publishedAt), publishedStatistics(services, publishedAt + 10)]);
    expect(concurrent).toBe(first);
    expect(received(first)).toEqual(shown(0));

    // A tip filed after publication shows only once the page is older than its maximum age.
    const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "รายละเอียดของเรื่อง", details: {}, reporterRelation: "outside", files: [] }, { channel: "web" }, publishedAt + 1_000);
    expect("receipt" in filed).toBe(true);
    const withinAge = await publishedStatistics(services, publishedAt + publishedStatisticsMaxAgeMs - 1);
    expect(withinAge).toBe(first);
    const afterAge = await publishedStatistics(services, publishedAt + publishedStatisticsMaxAgeMs);
    expect(afterAge).toEqual(await loadStatistics(services, publishedAt + publishedStatisticsMaxAgeMs));
    expect(received(afterAge)).toEqual(shown(1));

    // Another database in the same process never gets this one's page.
    const otherDatabase = await createTestDatabase(current().dialect);
    try {
      const other = testServices(otherDatabase, { STATISTICS_SUPPRESSION_THRESHOLD: "1" });
      await prepareDatabase(other, bangkok("2024-10-01T00:00:00"));
      expect(received(await publishedStatistics(other, publishedAt + publishedStatisticsMaxAgeMs))).toBeUndefined();
    } finally {
      await otherDatabase.destroy();
    }

    // The first instant of a new fiscal year shows the new pair of years at once.
    const lastInstant = bangkok("2026-09-30T23:59:59");
    expect((await publishedStatistics(services, lastInstant)).years.map((year) => year.fiscalYear)).toEqual([2569, 2568]);
    expect((await publishedStatistics(services, lastInstant + 1_000)).years.map((year) => year.fiscalYear)).toEqual([2570, 2569]);
  });

  it("serves the page through its loader with no sign-in", async () => {
    const services = testServices(current());
    await prepareDatabase(services, bangkok("2024-10-01T00:00:00"));
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "test" } as AppLoadContext;
    const page = (await statisticsRoute.loader({ request: new Request("http://localhost/statistics"), context, params: {} } as LoaderFunctionArgs)) as StatisticsPage;
    expect(page.years).toHaveLength(2);
    expect(page.years[0]!.fiscalYear - page.years[1]!.fiscalYear).toBe(1);
    // No case at all: every begun period reads "no complaints".
    for (const year of page.years) for (const entry of [...year.corruption, ...year.general]) expect(entry.status).not.toBe("figures");
  });
});
