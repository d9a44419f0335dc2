import { z } from "zod";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { StaffUserForPermissions } from "../auth/permissions";
import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import { periodRange, type ReportPeriod } from "../calendar/thai-calendar";
import type { Queryable } from "../db.server";
import { formatDateTime } from "../i18n/format";
import type { AppServices } from "../services.server";
import { buildEvidencePack, type EvidencePack } from "./evidence-pack";
import { itaItemCodesByFiscalYear, itaItemCodesFor, itaReferences, type ItaItemCodes } from "./metric-definitions";
import { computeReports } from "./kept-figures.server";
import type { PeriodMetrics } from "./metrics.server";
import { evidenceCsv, exportFileName, exportLocale, exportMediaTypes, type ExportFormat, type ExportNames } from "./report-export";
import { periodKey } from "./report-periods";
import type { ReportSelection } from "./report-selection";
import { evidenceWorkbook } from "./report-workbook.server";

/**
 * What the reports page, the evidence pack and the exports read. Every figure comes from
 * `computeReports` (plaintext metadata, never decrypted).
 *
 * Who sees which teams: reports.view is held by supervisors, executives, the audit committee and
 * auditors, and every team is offered to all of them. A report is a count of cases by metadata — no
 * content, no identity, no reference — and an auditor or executive must see the whole agency; a
 * supervisor comparing teams learns nothing about any case. Cells are not suppressed here, unlike
 * the public /statistics page, because these readers are staff entitled to the counts.
 */

/**
 * Settings key of the deployment's own ITA item codes, by fiscal year (B.E.):
 * `{"2569": {"corruptionStatistics": "O30"}}`. A year's codes apply to it and later years until a
 * later year changes them again, on top of the codes known in metric-definitions.ts.
 */
export const itaItemCodesSettingKey = "reports.ita_item_codes";

const itaCodesSetting = z.record(z.string().regex(/^\d{4}$/), z.object(Object.fromEntries(itaReferences.map((reference) => [reference, z.string().trim().min(1).max(20).optional()]))).strict());

export async function loadItaItemCodes(db: Queryable, fiscalYear: number): Promise<ItaItemCodes> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", itaItemCodesSettingKey).executeTakeFirst();
  const byYear: Record<number, Partial<ItaItemCodes>> = { ...itaItemCodesByFiscalYear };
  if (row) {
    // A broken setting must not hide the reports: it is ignored, and the codes known in code are printed.
    const parsed = itaCodesSetting.safeParse(JSON.parse(row.value));
    if (parsed.success) {
      for (const [year, codes] of Object.entries(parsed.data)) {
        const defined = Object.fromEntries(Object.entries(codes).filter(([, code]) => code !== undefined)) as Partial<ItaItemCodes>;
        byYear[Number(year)] = { ...byYear[Number(year)], ...defined };
      }
    }
  }
  return itaItemCodesFor(fiscalYear, {}, byYear);
}

export interface NamedCode {
  code: string;
  nameTh: string;
  nameEn: string;
}

interface Scope {
  teams: NamedCode[];
  categories: NamedCode[];
  /** The filters in effect: a code that names no team or category is dropped, not an error. */
  team: (NamedCode & { id: string }) | null;
  category: NamedCode | null;
}

async function resolveScope(db: Queryable, teamCode: string | null, categoryCode: string | null): Promise<Scope> {
  const [teamRows, categoryRows] = await Promise.all([
    db.selectFrom("teams").select(["id", "code", "name_th", "name_en"]).orderBy("code").execute(),
    db.selectFrom("categories").select(["code", "name_th", "name_en"]).orderBy("sort_order").orderBy("code").execute(),
  ]);
  const teams = teamRows.map((row) => ({ id: row.id, code: row.code, nameTh: row.name_th, nameEn: row.name_en }));
  const categories = categoryRows.map((row) => ({ code: row.code, nameTh: row.name_th, nameEn: row.name_en }));
  return {
    teams: teams.map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn })),
    categories,
    team: teams.find((team) => team.code === teamCode) ?? null,
    category: categories.find((category) => category.code === categoryCode) ?? null,
  };
}

export interface ReportView {
  fiscalYear: number;
  period: ReportPeriod;
  periodKey: string;
  range: { start: number; end: number };
  computedAt: number;
  teams: NamedCode[];
  categories: NamedCode[];
  teamCode: string | null;
  categoryCode: string | null;
  /** The chosen period's figures. */
  selected: PeriodMetrics;
  /** The months of the chosen period, in order, for the trend. */
  months: PeriodMetrics[];
  /** The categories of the by-category breakdown, in the admins' order. */
  breakdownCategories: NamedCode[];
}

/** The figures of one period (the year, a half, a quarter or a month) and of each of its months. */
export async function loadReportView(services: Pick<AppServices, "db" | "reportDb">, selection: ReportSelection, now: number): Promise<ReportView> {
  const db = services.reportDb;
  const scope = await resolveScope(db, selection.teamCode, selection.categoryCode);
  const calendar = await loadBusinessCalendar(db);
  const filters = { teamId: scope.team?.id, categoryCode: scope.category?.code, now };
  const byMonth = { fiscalYear: selection.fiscalYear, period: "month" as const, ...filters };
  // The chosen period and its months at one instant (computeReports).
  const reports = await computeReports(
    services,
    selection.period.kind === "month" ? [byMonth] : [byMonth, { ...byMonth, period: selection.period.kind }],
    calendar,
  );
  const key = periodKey(selection.fiscalYear, selection.period);
  const range = periodRange(selection.fiscalYear, selection.period);
  const monthly = reports[0]!;
  const selected = (reports[1] ?? monthly).periods.find((period) => period.key === key)!;
  return {
    fiscalYear: selection.fiscalYear,
    period: selection.period,
    periodKey: key,
    range,
    computedAt: now,
    teams: scope.teams,
    categories: scope.categories,
    teamCode: scope.team?.code ?? null,
    categoryCode: scope.category?.code ?? null,
    selected,
    months: monthly.periods.filter((period) => period.start >= range.start && period.end <= range.end),
    breakdownCategories: monthly.categories,
  };
}

export interface EvidenceView {
  pack: EvidencePack;
  teams: NamedCode[];
  categories: NamedCode[];
  names: ExportNames;
}

/** The evidence pack of a fiscal year: its figures for the year and each month, with the year's ITA item codes. */
export async function loadEvidencePack(services: Pick<AppServices, "db" | "reportDb">, selection: Pick<ReportSelection, "fiscalYear" | "teamCode" | "categoryCode">, now: number): Promise<EvidenceView> {
  const db = services.reportDb;
  const scope = await resolveScope(db, selection.teamCode, selection.categoryCode);
  const calendar = await loadBusinessCalendar(db);
  const query = { fiscalYear: selection.fiscalYear, teamId: scope.team?.id, categoryCode: scope.category?.code, now };
  const [reports, codes] = await Promise.all([
    computeReports(services, [{ ...query, period: "year" }, { ...query, period: "month" }], calendar),
    loadItaItemCodes(db, selection.fiscalYear),
  ]);
  return {
    pack: buildEvidencePack(reports[0]!, reports[1]!, codes, scope.team?.code ?? null),
    teams: scope.teams,
    categories: scope.categories,
    names: { team: scope.team?.nameTh ?? null, category: scope.category?.nameTh ?? null },
  };
}

export interface ExportFile {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/** The file alone, for the page's download and `npm run report:export` alike. */
export async function renderEvidenceFile(view: EvidenceView, format: ExportFormat): Promise<ExportFile> {
  const stamp = (timestamp: number) => formatDateTime(timestamp, exportLocale);
  const bytes = format === "csv" ? Buffer.from(evidenceCsv(view.pack, view.names, stamp), "utf8") : await evidenceWorkbook(view.pack, view.names, stamp);
  return { fileName: exportFileName(view.pack, format), mediaType: exportMediaTypes[format], bytes };
}

export type ExportActor = { type: "staff"; user: StaffUserForPermissions } | { type: "system" };

/**
 * Builds the export and records who took it: a file leaves the system, so the audit log says
 * which year, format and filters. The entry is written once the file is ready, before it is sent.
 */
export async function exportEvidencePack(
  services: Pick<AppServices, "db" | "reportDb">,
  actor: ExportActor,
  selection: Pick<ReportSelection, "fiscalYear" | "teamCode" | "categoryCode">,
  format: ExportFormat,
  now: number,
): Promise<ExportFile | { problem: "unknown_team" | "unknown_category" }> {
  const view = await loadEvidencePack(services, selection, now);
  // A file says which team and category it covers; one asked for a code that names none must not pass for "all".
  if (selection.teamCode !== null && view.pack.teamCode !== selection.teamCode) return { problem: "unknown_team" };
  if (selection.categoryCode !== null && view.pack.categoryCode !== selection.categoryCode) return { problem: "unknown_category" };
  const file = await renderEvidenceFile(view, format);
  await services.db.transaction().execute((transaction) =>
    appendAuditEntry(transaction, {
      actorType: actor.type,
      actorId: actor.type === "staff" ? actor.user.id : null,
      action: "reports.exported",
      targetType: "report",
      targetId: String(selection.fiscalYear),
      details: { fy: selection.fiscalYear, format, team: view.pack.teamCode, category: view.pack.categoryCode },
      occurredAt: now,
    }),
  );
  return file;
}
