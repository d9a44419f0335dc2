import type { Locale } from "../i18n/locales";
import { createTranslator, type MessageKey } from "../i18n/translate";
import {
  breakdownDimensions,
  itaItemLabel,
  metricIds,
  metricSpecs,
  type ItaItemCodes,
  type ItaReference,
  type MetricId,
  type MetricValues,
} from "./metric-definitions";
import type { MetricsReport } from "./metrics.server";
import { periodLabel } from "./report-periods";

/**
 * The ITA evidence pack of a fiscal year: every figure an assessor looks for, grouped as the
 * assessment asks (indicator 5, indicator 7, the OIT complaint items), each with its value for the
 * year and for every month, and the definition of how it was counted. The groups are derived from
 * the ITA items each figure declares in metric-definitions.ts, so a figure is never listed by hand
 * in two places. One model feeds the printable page and both exports (CSV and XLSX).
 */

export const evidenceGroupIds = ["indicator5", "indicator7", "oit"] as const;
export type EvidenceGroupId = (typeof evidenceGroupIds)[number];

/**
 * Which ITA items each group holds, in the order printed. O8 (Q&A), e8 and e10 are what the EIT
 * questions of indicator 7 ask about; O27 and O29 are the website items of the OIT. O28 (a separate
 * corruption channel) is a property of the site, not a number, so it has no figure here.
 */
export const evidenceGroupItems: Readonly<Record<EvidenceGroupId, readonly ItaReference[]>> = {
  indicator5: ["indicator5"],
  indicator7: ["indicator7", "questionAndAnswer", "feedbackChannel", "corruptionChannel"],
  oit: ["corruptionStatistics", "complaintGuideline"],
};

/** What one line of a figure holds: the single number, one part of a share or duration, or one key of a breakdown. */
export type EvidencePart =
  | { kind: "value"; value: "count" | "met" | "total" | "percent" | "median" | "percentile90" | "durationCount" }
  | { kind: "breakdown"; key: string };

export interface EvidenceLine {
  part: EvidencePart;
  year: number | null;
  /** One per fiscal month, October first. */
  months: Array<number | null>;
}

export interface EvidenceFigure {
  metricId: MetricId;
  lines: EvidenceLine[];
}

export interface EvidenceItem {
  reference: ItaReference;
  code: string;
  figures: EvidenceFigure[];
}

export interface EvidenceGroup {
  id: EvidenceGroupId;
  items: EvidenceItem[];
}

export interface EvidencePack {
  fiscalYear: number;
  generatedAt: number;
  teamCode: string | null;
  categoryCode: string | null;
  codes: ItaItemCodes;
  /** The start of each fiscal month, for its label. */
  monthStarts: number[];
  categories: MetricsReport["categories"];
  groups: EvidenceGroup[];
}

function linesOf(metricId: MetricId, year: MetricValues, months: readonly MetricValues[]): EvidenceLine[] {
  const spec = metricSpecs[metricId];
  const pick = <Value>(read: (values: MetricValues) => Value) => ({ year: read(year), months: months.map(read) });
  switch (spec.shape) {
    case "count": {
      const read = (values: MetricValues) => values[metricId] as number;
      return [{ part: { kind: "value", value: "count" }, ...pick(read) }];
    }
    case "ratio": {
      const ratio = (values: MetricValues) => values[metricId] as { met: number; total: number; percent: number | null };
      return (["met", "total", "percent"] as const).map((value) => ({ part: { kind: "value", value }, ...pick((values) => ratio(values)[value]) }));
    }
    case "duration": {
      const duration = (values: MetricValues) => values[metricId] as { count: number; median: number | null; percentile90: number | null };
      return [
        { part: { kind: "value", value: "durationCount" }, ...pick((values) => duration(values).count) },
        { part: { kind: "value", value: "median" }, ...pick((values) => duration(values).median) },
        { part: { kind: "value", value: "percentile90" }, ...pick((values) => duration(values).percentile90) },
      ];
    }
    case "breakdown": {
      const breakdown = (values: MetricValues) => values[metricId] as Record<string, number>;
      // Every key of either report, in the year's order: the year holds every key of its months.
      return Object.keys(breakdown(year)).map((key) => ({ part: { kind: "breakdown", key }, ...pick((values) => breakdown(values)[key] ?? 0) }));
    }
  }
}

/**
 * @param yearReport `computeMetrics` with period "year"
 * @param monthReport `computeMetrics` with period "month", same fiscal year, filters and time
 */
export function buildEvidencePack(yearReport: MetricsReport, monthReport: MetricsReport, codes: ItaItemCodes, teamCode: string | null): EvidencePack {
  if (yearReport.fiscalYear !== monthReport.fiscalYear || yearReport.granularity !== "year" || monthReport.granularity !== "month") {
    throw new Error("the evidence pack needs a yearly and a monthly report of the same fiscal year");
  }
  const year = yearReport.periods[0]!.values;
  const months = monthReport.periods.map((period) => period.values);
  const groups = evidenceGroupIds.map((id) => ({
    id,
    items: evidenceGroupItems[id].map((reference) => ({
      reference,
      code: codes[reference],
      figures: metricIds
        .filter((metricId) => (metricSpecs[metricId].ita as readonly ItaReference[]).includes(reference))
        .map((metricId) => ({ metricId, lines: linesOf(metricId, year, months) })),
    })),
  }));
  return {
    fiscalYear: yearReport.fiscalYear,
    generatedAt: yearReport.computedAt,
    teamCode,
    categoryCode: yearReport.categoryCode,
    codes,
    monthStarts: monthReport.periods.map((period) => period.start),
    categories: yearReport.categories,
    groups,
  };
}

const partKeys: Readonly<Record<Extract<EvidencePart, { kind: "value" }>["value"], MessageKey>> = {
  count: "reports.values.count",
  met: "reports.values.met",
  total: "reports.values.total",
  percent: "reports.values.percent",
  durationCount: "reports.values.count",
  median: "reports.values.median",
  percentile90: "reports.values.percentile90",
};

/** The words for one line: a breakdown key by its dimension's names (a category by the admins' name), a value by its kind. */
export function partLabel(metricId: MetricId, part: EvidencePart, locale: Locale, categories: MetricsReport["categories"]): string {
  const t = createTranslator(locale);
  if (part.kind === "value") return t(partKeys[part.value]);
  const spec = metricSpecs[metricId];
  if (!("dimension" in spec)) return part.key;
  const dimension = breakdownDimensions[spec.dimension];
  if (dimension.labelPrefix === null) {
    const category = categories.find((candidate) => candidate.code === part.key);
    return category ? (locale === "th" ? category.nameTh : category.nameEn) : part.key;
  }
  const key = `${dimension.labelPrefix}.${part.key}`;
  const text = t(key as MessageKey);
  return text === key ? part.key : text;
}

/** A unit for the line's numbers, or "" when the part's name says it (a per cent). */
export function lineUnit(metricId: MetricId, part: EvidencePart, locale: Locale): string {
  const t = createTranslator(locale);
  if (part.kind === "value" && part.value === "percent") return t("reports.units.percent");
  if (part.kind === "value" && (part.value === "median" || part.value === "percentile90")) return t("reports.units.businessDays");
  return t(`reports.units.${metricSpecs[metricId].unit === "businessDays" ? "cases" : metricSpecs[metricId].unit}`);
}

export function groupTitle(group: EvidenceGroupId, codes: ItaItemCodes, locale: Locale): string {
  const t = createTranslator(locale);
  if (group === "oit") return t("reports.evidence.groups.oit");
  return t(`reports.evidence.groups.${group}`, { code: codes[group] });
}

export function itemTitle(reference: ItaReference, codes: ItaItemCodes, locale: Locale): string {
  const { key, params } = itaItemLabel(reference, codes);
  return createTranslator(locale)(key, params);
}

export function monthLabels(pack: Pick<EvidencePack, "fiscalYear" | "monthStarts">, locale: Locale): string[] {
  return pack.monthStarts.map((start, index) => periodLabel({ fiscalYear: pack.fiscalYear, start, period: { kind: "month", fiscalMonth: (index + 1) as 1 } }, locale));
}

/** A sheet or a CSV: column headers and rows of text and numbers (null = nothing to measure, an empty cell). */
export interface EvidenceTable {
  headers: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * The pack as one table per group, in words of `locale`: item, figure, line, unit, the year, each
 * month, the definition. A zero is written 0, never left blank (ITA O29: a period with none is an
 * explicit zero); an empty cell means there was nothing to measure (a share of no case).
 */
export function evidenceTables(pack: EvidencePack, locale: Locale): Array<{ group: EvidenceGroupId; title: string; table: EvidenceTable }> {
  const t = createTranslator(locale);
  const headers = [
    t("reports.evidence.columns.item"),
    t("reports.evidence.columns.figure"),
    t("reports.evidence.columns.part"),
    t("reports.evidence.columns.unit"),
    t("reports.periods.year", { fiscalYear: pack.fiscalYear }),
    ...monthLabels(pack, locale),
    t("reports.evidence.columns.definition"),
  ];
  return pack.groups.map((group) => ({
    group: group.id,
    title: groupTitle(group.id, pack.codes, locale),
    table: {
      headers,
      rows: group.items.flatMap((item) =>
        item.figures.flatMap((figure) =>
          figure.lines.map((line) => [
            itemTitle(item.reference, pack.codes, locale),
            t(`reports.metrics.${figure.metricId}.name`),
            partLabel(figure.metricId, line.part, locale, pack.categories),
            lineUnit(figure.metricId, line.part, locale),
            line.year,
            ...line.months,
            t(`reports.metrics.${figure.metricId}.definition`),
          ]),
        ),
      ),
    },
  }));
}

/** What the pack covers, as label and value pairs: the first rows of a CSV and the first sheet. */
export function evidenceAbout(pack: EvidencePack, locale: Locale, names: { team: string | null; category: string | null }, formatDateTime: (timestamp: number) => string): Array<[string, string]> {
  const t = createTranslator(locale);
  return [
    [t("reports.evidence.about.title"), t("reports.evidence.heading", { fiscalYear: pack.fiscalYear })],
    [t("reports.evidence.about.fiscalYear"), t("reports.periods.year", { fiscalYear: pack.fiscalYear })],
    [t("reports.evidence.about.generatedAt"), formatDateTime(pack.generatedAt)],
    [t("reports.evidence.about.team"), names.team ?? t("reports.evidence.about.all")],
    [t("reports.evidence.about.category"), names.category ?? t("reports.evidence.about.all")],
    [t("reports.evidence.about.source"), t("reports.evidence.about.sourceText")],
  ];
}
