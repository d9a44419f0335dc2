import { listCategories, type CategoryRow } from "../admin/categories.server";
import { bangkokDateKey, fiscalYearOf, fiscalYearRange } from "../calendar/thai-calendar";
import { caseKinds, type CaseChannel, type Queryable } from "../db.server";
import type { AppServices } from "../services.server";
import { publicChannels, type Guideline, type GuidelineCategory, type GuidelineHoliday, type GuidelineTeam } from "./guideline";

/** What the admin changes that the page shows; their audit entries date the page. */
const configurationTargets = ["category", "team", "holiday", "api_token"] as const;

/**
 * When what the page shows last changed. Categories and policies carry no update time of their
 * own, but every admin change to them is in the audit log with its target, whose index this reads;
 * the creation times cover what the seed wrote without a target.
 */
async function lastConfigurationChange(db: Queryable): Promise<number | null> {
  const [audited, categories, teams, holidays] = await Promise.all([
    db.selectFrom("audit_log").select((expression) => expression.fn.max("occurred_at").as("latest")).where("target_type", "in", configurationTargets).executeTakeFirst(),
    db.selectFrom("categories").select((expression) => expression.fn.max("created_at").as("latest")).executeTakeFirst(),
    db.selectFrom("teams").select((expression) => expression.fn.max("created_at").as("latest")).executeTakeFirst(),
    db.selectFrom("holidays").select((expression) => expression.fn.max("created_at").as("latest")).executeTakeFirst(),
  ]);
  // PostgreSQL returns bigint aggregates as strings.
  const instants = [audited, categories, teams, holidays].map((row) => row?.latest).filter((latest) => latest !== null && latest !== undefined).map(Number);
  return instants.length === 0 ? null : Math.max(...instants);
}

function publishedCategory(row: CategoryRow): GuidelineCategory {
  const clocks = Object.fromEntries(
    Object.entries(row.policies).map(([clock, policy]) => [clock, policy ? { amount: policy.amount, unit: policy.unit } : null]),
  ) as GuidelineCategory["clocks"];
  return { code: row.code, kind: row.kind, nameTh: row.nameTh, nameEn: row.nameEn, teamCode: row.teamCode, clocks };
}

/** The teams behind the active categories, in the order their first category appears. */
function responsibleTeams(rows: readonly CategoryRow[]): GuidelineTeam[] {
  const teams = new Map<string, GuidelineTeam>();
  for (const row of rows) {
    const team = teams.get(row.teamCode) ?? { code: row.teamCode, nameTh: row.teamNameTh, nameEn: row.teamNameEn, categoryCodes: [] };
    team.categoryCodes.push(row.code);
    teams.set(row.teamCode, team);
  }
  return [...teams.values()];
}

async function holidaysOfFiscalYear(db: Queryable, fiscalYear: number): Promise<GuidelineHoliday[]> {
  const range = fiscalYearRange(fiscalYear);
  const rows = await db
    .selectFrom("holidays")
    .select(["date", "name_th", "name_en"])
    .where("date", ">=", bangkokDateKey(range.start))
    .where("date", "<", bangkokDateKey(range.end))
    .orderBy("date")
    .execute();
  return rows.map((row) => ({ date: row.date, nameTh: row.name_th, nameEn: row.name_en }));
}

async function connectedChannels(db: Queryable): Promise<CaseChannel[]> {
  const rows = await db.selectFrom("api_tokens").select("channel").distinct().where("revoked_at", "is", null).execute();
  return rows.map((row) => row.channel);
}

/**
 * The guideline as the configuration stands now: active categories grouped by kind in the order
 * reporters see them, with their teams and policies; the channels; this fiscal year's holidays;
 * the escalation ladder's settings. Nothing here is about any case.
 */
export async function loadGuideline(services: Pick<AppServices, "db" | "config">, now: number): Promise<Guideline> {
  const { db, config } = services;
  const fiscalYear = fiscalYearOf(now);
  const [rows, channels, holidays, asOf] = await Promise.all([listCategories(db), connectedChannels(db), holidaysOfFiscalYear(db, fiscalYear), lastConfigurationChange(db)]);
  const active = rows.filter((row) => row.isActive).sort((first, second) => caseKinds.indexOf(first.kind) - caseKinds.indexOf(second.kind));
  return {
    asOf,
    channels: publicChannels(config.agencyContact, channels),
    categories: active.map(publishedCategory),
    teams: responsibleTeams(active),
    holidays: { fiscalYear, days: holidays },
    escalation: {
      resolveBreachedAfterBusinessDays: config.sla.escalateResolveBreached ? config.sla.resolveBreachedBusinessDays : null,
      criticalPriority: config.sla.escalateCriticalPriority,
      seniorOfficial: config.sla.escalateSeniorOfficial,
    },
    reopenWindowDays: Math.round(config.cases.reopenWindowMs / 86_400_000),
  };
}
