import type { Locale } from "../i18n/locales";
import { createTranslator } from "../i18n/translate";
import { evidenceAbout, evidenceTables, type EvidencePack } from "./evidence-pack";

/**
 * The evidence pack as files. Exports are written in Thai: they are filed with the ITA assessment,
 * which is in Thai, whatever language the person downloading reads the page in.
 */

export const exportFormats = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportLocale: Locale = "th";

export const exportMediaTypes: Readonly<Record<ExportFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** "prongsai-ita-2569.xlsx", "prongsai-ita-2569-team-integrity-category-corruption.bribery.csv". */
export function exportFileName(pack: Pick<EvidencePack, "fiscalYear" | "teamCode" | "categoryCode">, format: ExportFormat): string {
  const parts = [`prongsai-ita-${pack.fiscalYear}`];
  if (pack.teamCode) parts.push(`team-${pack.teamCode}`);
  if (pack.categoryCode) parts.push(`category-${pack.categoryCode}`);
  return `${parts.join("-").replace(/[^A-Za-z0-9._-]/g, "_")}.${format}`;
}

/**
 * A spreadsheet opening the CSV runs a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return as a formula (CSV injection): a team or category name like `=HYPERLINK(…)` would act on the
 * reader's machine. Such a text gets a leading apostrophe, which spreadsheets show as text (OWASP's
 * advice). Numbers are written as numbers, so a negative figure is never touched.
 */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(fields: ReadonlyArray<string | number | null>): string {
  return fields.map(csvField).join(",");
}

export interface ExportNames {
  team: string | null;
  category: string | null;
}

/**
 * RFC 4180 with CRLF, and a byte-order mark: without it Excel reads UTF-8 as the local code page
 * and Thai turns to noise. First what the file covers (label, value), a blank line, then one table
 * whose first column names the group, so the figures can be sorted and filtered as one list.
 */
export function evidenceCsv(pack: EvidencePack, names: ExportNames, formatDateTime: (timestamp: number) => string): string {
  const t = createTranslator(exportLocale);
  const tables = evidenceTables(pack, exportLocale);
  const lines = evidenceAbout(pack, exportLocale, names, formatDateTime).map((pair) => csvLine(pair));
  lines.push("");
  lines.push(csvLine([t("reports.evidence.columns.group"), ...(tables[0]?.table.headers ?? [])]));
  for (const { title, table } of tables) for (const row of table.rows) lines.push(csvLine([title, ...row]));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Reads what `evidenceCsv` writes (and any RFC 4180 text): rows of fields, the BOM dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]!;
    if (quoted) {
      if (character === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\n" || character === "\r") {
      if (character === "\r" && source[index + 1] === "\n") index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += character;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
