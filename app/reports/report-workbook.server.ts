import ExcelJS from "exceljs";
import { createTranslator } from "../i18n/translate";
import { evidenceAbout, evidenceTables, itemTitle, type EvidencePack } from "./evidence-pack";
import { metricDefinitions } from "./metric-definitions";
import { exportLocale, type ExportNames } from "./report-export";

/**
 * The evidence pack as an XLSX workbook (exceljs): a sheet on what it covers, one sheet per group
 * (indicator 5, indicator 7, OIT) and one with every figure's definition. Numbers are numbers, not
 * text, so an assessor can add them up; headers are in Thai (report-export.ts says why).
 */

/** Excel refuses sheet names over 31 characters or with any of []:*?/\ in them. */
function sheetName(text: string): string {
  return text.replace(/[[\]:*?/\\]/g, " ").slice(0, 31).trim();
}

export function evidenceSheetNames(pack: Pick<EvidencePack, "codes">): { about: string; groups: string[]; definitions: string } {
  const t = createTranslator(exportLocale);
  return {
    about: sheetName(t("reports.evidence.sheets.about")),
    groups: [
      sheetName(t("reports.evidence.sheets.indicator5", { code: pack.codes.indicator5 })),
      sheetName(t("reports.evidence.sheets.indicator7", { code: pack.codes.indicator7 })),
      sheetName(t("reports.evidence.sheets.oit")),
    ],
    definitions: sheetName(t("reports.evidence.sheets.definitions")),
  };
}

export async function evidenceWorkbook(pack: EvidencePack, names: ExportNames, formatDateTime: (timestamp: number) => string): Promise<Buffer> {
  const t = createTranslator(exportLocale);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = t("app.name");
  // Fixed, so the same figures make the same file: the generation time is written in the about sheet.
  workbook.created = new Date(pack.generatedAt);
  workbook.modified = new Date(pack.generatedAt);
  const sheetNames = evidenceSheetNames(pack);

  const about = workbook.addWorksheet(sheetNames.about);
  for (const pair of evidenceAbout(pack, exportLocale, names, formatDateTime)) about.addRow(pair);
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 80;
  about.getColumn(1).font = { bold: true };

  evidenceTables(pack, exportLocale).forEach(({ table }, index) => {
    const sheet = workbook.addWorksheet(sheetNames.groups[index]!, { views: [{ state: "frozen", xSplit: 3, ySplit: 1 }] });
    const header = sheet.addRow(table.headers);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "top" };
    for (const row of table.rows) sheet.addRow(row.map((cell) => (cell === null ? null : cell)));
    sheet.columns.forEach((column, columnIndex) => {
      column.width = columnIndex < 3 ? 36 : columnIndex === table.headers.length - 1 ? 80 : 14;
    });
    sheet.getColumn(table.headers.length).alignment = { wrapText: true, vertical: "top" };
  });

  const definitions = workbook.addWorksheet(sheetNames.definitions);
  const header = definitions.addRow([t("reports.evidence.columns.figure"), t("reports.evidence.columns.items"), t("reports.evidence.columns.definition")]);
  header.font = { bold: true };
  for (const definition of metricDefinitions) {
    definitions.addRow([t(definition.nameKey), definition.ita.map((reference) => itemTitle(reference, pack.codes, exportLocale)).join("; "), t(definition.definitionKey)]);
  }
  definitions.getColumn(1).width = 40;
  definitions.getColumn(2).width = 50;
  definitions.getColumn(3).width = 100;
  definitions.getColumn(3).alignment = { wrapText: true, vertical: "top" };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
