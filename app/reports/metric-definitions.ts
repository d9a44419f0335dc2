import { caseChannels, caseKinds, caseOutcomes, reporterRelations } from "../vocabulary";
import { executiveDecisions } from "../escalation/decision-rules";
import type { MessageKey } from "../i18n/translate";

/**
 * Every figure Prongsai reports, defined once: its shape, its unit, the ITA items it feeds, and the
 * dictionary keys of its name and exact definition (app/i18n/messages/reports.*.ts). Pages, exports
 * and /statistics read these; `computeMetrics` (metrics.server.ts) fills them. The precise rules
 * ("on time", "completed", "overdue at the end") are in docs/decisions/0012-metrics.md and in each
 * definition text.
 */

/**
 * The ITA items Prongsai feeds (/work/shared/ITA.md), under stable names: the NACC renumbers OIT
 * items from year to year and by agency type, so the printed code is looked up, never hard-wired.
 */
export const itaReferences = [
  "indicator5",
  "indicator7",
  "questionAndAnswer",
  "complaintGuideline",
  "corruptionStatistics",
  "feedbackChannel",
  "corruptionChannel",
] as const;
export type ItaReference = (typeof itaReferences)[number];

export type ItaItemCodes = Readonly<Record<ItaReference, string>>;

/** FY 2566 numbering, the one ITA.md records. */
export const defaultItaItemCodes: ItaItemCodes = {
  indicator5: "5",
  indicator7: "7",
  questionAndAnswer: "O8",
  complaintGuideline: "O27",
  corruptionStatistics: "O29",
  feedbackChannel: "e8",
  corruptionChannel: "e10",
};

/**
 * Known renumberings by fiscal year (B.E.), applied over the defaults for that year and later,
 * until a later entry changes them again. Empty until a year's ITA manual says otherwise.
 */
export const itaItemCodesByFiscalYear: Readonly<Record<number, Partial<ItaItemCodes>>> = {};

/** The codes to print for a fiscal year: defaults, then each year's changes up to it, then the deployment's own. */
export function itaItemCodesFor(fiscalYear: number, overrides: Partial<ItaItemCodes> = {}, byYear: Readonly<Record<number, Partial<ItaItemCodes>>> = itaItemCodesByFiscalYear): ItaItemCodes {
  const years = Object.keys(byYear)
    .map(Number)
    .filter((year) => year <= fiscalYear)
    .sort((first, second) => first - second);
  return Object.assign({}, defaultItaItemCodes, ...years.map((year) => byYear[year]), overrides) as ItaItemCodes;
}

/** The dimensions a breakdown is split by. Categories come from the database; every other dimension has a fixed list. */
export const completionKeys = [...caseOutcomes, "no_outcome", "referred_to_agency", "rejected", "merged"] as const;
export type CompletionKey = (typeof completionKeys)[number];

export const referralAgencyKeys = ["nacc", "pacc", "ombudsman", "other"] as const;
export const escalationRuleKeys = ["resolve_breached", "critical_priority", "senior_official", "manual", "other"] as const;
export const anonymityKeys = ["anonymous", "named"] as const;

export const breakdownDimensions = {
  kind: { keys: caseKinds, labelPrefix: "kinds" },
  category: { keys: null, labelPrefix: null },
  channel: { keys: caseChannels, labelPrefix: "channels" },
  anonymity: { keys: anonymityKeys, labelPrefix: "reports.breakdowns.anonymity" },
  reporterRelation: { keys: reporterRelations, labelPrefix: "reporterRelations" },
  completion: { keys: completionKeys, labelPrefix: "reports.breakdowns.completion" },
  agency: { keys: referralAgencyKeys, labelPrefix: "reports.breakdowns.agencies" },
  escalationRule: { keys: escalationRuleKeys, labelPrefix: "reports.breakdowns.escalationRules" },
  decision: { keys: executiveDecisions, labelPrefix: "escalations.decisions" },
} as const satisfies Record<string, { keys: readonly string[] | null; labelPrefix: string | null }>;
export type BreakdownDimension = keyof typeof breakdownDimensions;

export type MetricShape = "count" | "breakdown" | "ratio" | "duration";
export type MetricUnit = "cases" | "messages" | "businessDays";

interface MetricSpec {
  shape: MetricShape;
  unit: MetricUnit;
  dimension?: BreakdownDimension;
  ita: readonly ItaReference[];
}

export const metricSpecs = {
  received: { shape: "count", unit: "cases", ita: [] },
  receivedByKind: { shape: "breakdown", unit: "cases", dimension: "kind", ita: [] },
  receivedByCategory: { shape: "breakdown", unit: "cases", dimension: "category", ita: [] },
  receivedByChannel: { shape: "breakdown", unit: "cases", dimension: "channel", ita: ["feedbackChannel"] },
  receivedByAnonymity: { shape: "breakdown", unit: "cases", dimension: "anonymity", ita: ["indicator5"] },
  receivedByReporterRelation: { shape: "breakdown", unit: "cases", dimension: "reporterRelation", ita: ["indicator5"] },
  completed: { shape: "count", unit: "cases", ita: [] },
  completedByOutcome: { shape: "breakdown", unit: "cases", dimension: "completion", ita: ["indicator5"] },
  referredByAgency: { shape: "breakdown", unit: "cases", dimension: "agency", ita: ["indicator5"] },
  openAtEnd: { shape: "count", unit: "cases", ita: [] },
  inProgressAtEnd: { shape: "count", unit: "cases", ita: [] },
  overdueAtEnd: { shape: "count", unit: "cases", ita: [] },
  acknowledgedOnTime: { shape: "ratio", unit: "cases", ita: ["complaintGuideline"] },
  firstResponseOnTime: { shape: "ratio", unit: "cases", ita: ["complaintGuideline", "indicator7"] },
  resolvedOnTime: { shape: "ratio", unit: "cases", ita: ["complaintGuideline"] },
  timeToAcknowledge: { shape: "duration", unit: "businessDays", ita: ["complaintGuideline"] },
  timeToFirstResponse: { shape: "duration", unit: "businessDays", ita: ["complaintGuideline", "indicator7"] },
  timeToResolve: { shape: "duration", unit: "businessDays", ita: ["complaintGuideline"] },
  escalations: { shape: "count", unit: "cases", ita: ["indicator5"] },
  escalationsByRule: { shape: "breakdown", unit: "cases", dimension: "escalationRule", ita: ["indicator5"] },
  executiveDecisions: { shape: "count", unit: "cases", ita: ["indicator5"] },
  executiveDecisionsByDecision: { shape: "breakdown", unit: "cases", dimension: "decision", ita: ["indicator5"] },
  reporterMessages: { shape: "count", unit: "messages", ita: ["indicator7"] },
  reporterMessagesAnswered: { shape: "ratio", unit: "messages", ita: ["indicator7"] },
  timeToAnswerReporter: { shape: "duration", unit: "businessDays", ita: ["indicator7"] },
  corruptionReceived: { shape: "count", unit: "cases", ita: ["corruptionStatistics", "indicator5"] },
  corruptionCompleted: { shape: "count", unit: "cases", ita: ["corruptionStatistics", "indicator5"] },
  corruptionOpenAtEnd: { shape: "count", unit: "cases", ita: ["corruptionStatistics", "indicator5"] },
  corruptionReceivedByChannel: { shape: "breakdown", unit: "cases", dimension: "channel", ita: ["corruptionChannel"] },
  questionsAnsweredOnTime: { shape: "ratio", unit: "cases", ita: ["questionAndAnswer", "indicator7"] },
  timeToAnswerQuestion: { shape: "duration", unit: "businessDays", ita: ["questionAndAnswer", "indicator7"] },
} as const satisfies Record<string, MetricSpec>;

export type MetricId = keyof typeof metricSpecs;
export const metricIds = Object.keys(metricSpecs) as MetricId[];

/** A share: `met` of `total`, and the per cent to two decimals (null when there is nothing to share). */
export interface RatioValue {
  met: number;
  total: number;
  percent: number | null;
}

/** Business days, to two decimals (about a quarter of an hour); null when there is no case to measure. */
export interface DurationValue {
  count: number;
  median: number | null;
  percentile90: number | null;
}

/** Every key of the dimension, zero where nothing fell in it. */
export type BreakdownValue = Record<string, number>;

interface ShapeValues {
  count: number;
  breakdown: BreakdownValue;
  ratio: RatioValue;
  duration: DurationValue;
}

export type MetricValues = { [Id in MetricId]: ShapeValues[(typeof metricSpecs)[Id]["shape"]] };

export interface MetricDefinition {
  id: MetricId;
  shape: MetricShape;
  unit: MetricUnit;
  dimension: BreakdownDimension | null;
  ita: readonly ItaReference[];
  nameKey: MessageKey;
  definitionKey: MessageKey;
}

export function metricDefinition(id: MetricId): MetricDefinition {
  const spec: MetricSpec = metricSpecs[id];
  return {
    id,
    shape: spec.shape,
    unit: spec.unit,
    dimension: spec.dimension ?? null,
    ita: spec.ita,
    nameKey: `reports.metrics.${id}.name`,
    definitionKey: `reports.metrics.${id}.definition`,
  };
}

export const metricDefinitions: readonly MetricDefinition[] = metricIds.map(metricDefinition);

/** The dictionary key that names an ITA item, and the code to fill into it. */
export function itaItemLabel(reference: ItaReference, codes: ItaItemCodes): { key: MessageKey; params: { code: string } } {
  return { key: `reports.ita.${reference}`, params: { code: codes[reference] } };
}
