import { setImmediate as nextTurnOfTheEventLoop } from "node:timers/promises";
import { SqliteAdapter, sql, type Kysely, type Transaction } from "kysely";
import { repeatInBackground } from "../background-task.server";
import { loadBusinessCalendar } from "../calendar/business-calendar.server";
import type { BusinessCalendar } from "../calendar/thai-calendar";
import { reportFoldLockKey, type Database } from "../db.server";
import type { AppServices } from "../services.server";
import { pausesFromHistory } from "../sla/deadlines";
import { referralKeyOf, type CaseFacts } from "./case-contributions";
import { knownEntries, monthStartOf, reporterMessagesOf, type FoldedFacts, type KnownEntries } from "./kept-entries";
import { caseFactsColumns, computeMetrics, computeMetricsFromKeptFigures, type MetricsQuery, type MetricsReport } from "./metrics.server";

/**
 * Keeps the report's figures up to date with the cases (decision 0020). Triggers mark a case stale
 * on every write its figures read (migration 0019); a fold takes each stale case, and each case
 * with something newly known since it was folded (a deadline passed), takes out of the monthly sums
 * and durations what the case added last time and adds what it adds now. A report folds up to its
 * `now` first, so the sums are exact at that instant.
 */

/**
 * Reports from the kept figures, all at one instant: folded up to `now` once, then each read in a
 * snapshot of its own. If another fold moved the figures on between two of those reads, it folds
 * and reads them all again, so one page never mixes two instants. A fold already past `now` by
 * more than `laterBy` (another node's clock ahead of this one, or reports asked about a past
 * instant) cannot give the figures at `now`, nor can figures kept by newer rules than this node's
 * (a node not yet upgraded): the reports then read the cases themselves.
 */
export async function computeReports(
  services: { db: Kysely<Database>; reportDb: Kysely<Database> },
  queries: readonly MetricsQuery[],
  calendar: BusinessCalendar,
  { laterBy = clockSkewAllowanceMs }: { laterBy?: number } = {},
): Promise<MetricsReport[]> {
  const now = queries[0]?.now;
  if (now === undefined) return [];
  if (queries.some((query) => query.now !== now)) throw new Error("computeReports: every query must be at the same instant");
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const until = await foldReportFigures(services.db, now);
    if (until === null || until - now > laterBy) break;
    const reports = await Promise.all(queries.map((query) => computeMetricsFromKeptFigures(services.reportDb, { ...query, now: until })));
    if (reports.every((report) => report !== null)) return reports as MetricsReport[];
  }
  return Promise.all(queries.map((query) => computeMetrics(services.reportDb, query, calendar)));
}

/** One report from the kept figures (`computeReports`). */
export async function computeReport(
  services: { db: Kysely<Database>; reportDb: Kysely<Database> },
  query: MetricsQuery,
  calendar: BusinessCalendar,
  options: { laterBy?: number } = {},
): Promise<MetricsReport> {
  const [report] = await computeReports(services, [query], calendar, options);
  return report!;
}

/**
 * How far past this node's `now` another node's fold may stand and still give the report: its
 * figures are those of a few seconds later, which a report computed at `now` may show.
 */
const clockSkewAllowanceMs = 60_000;

/** Often enough that a report finds little to fold; each pass with nothing to fold is a few short reads. */
const foldIntervalMs = 60_000;

/**
 * The version of the rules in case-contributions.ts and kept-entries.ts. The fold takes a case out
 * of the sums with today's rules applied to the facts it stored, so a change to what a case adds
 * must come with a new version here: the next fold then empties the kept tables and folds every
 * case again (as after migration 0019), instead of subtracting what the old rules never added.
 */
export const keptFiguresRulesVersion = 1;

/**
 * The in-process fold of a running server, beside the SLA sweep: it keeps the stale cases few, so
 * that a report's own fold is short. At start-up it fills in the figures of cases written while no
 * server ran (after migration 0019, every case), a batch of cases per transaction.
 */
export function startReportFolder(services: Pick<AppServices, "db" | "logger">): { stop(): void } {
  return repeatInBackground({
    logger: services.logger,
    failureMessage: "report fold failed",
    intervalMs: foldIntervalMs,
    runAtStart: true,
    pass: async () => {
      await foldReportFigures(services.db, Date.now());
    },
  });
}

/** Cases per transaction: a few tens of milliseconds of work, so the writers in between are not held up. */
const casesPerBatch = 1_000;

/**
 * Folds every stale case, and every case with something newly known before `now`, and returns the
 * instant the kept figures now stand at: `now`, or a later instant another fold reached first.
 * Null, folding nothing, when the figures are kept by newer rules than this code's: during a rolling
 * upgrade an old node must not empty what the new nodes folded, nor they what it would fold back,
 * every minute, each time for the whole database.
 *
 * It takes the marks up to the greatest sequence it saw at its start, a batch per transaction.
 * Marks written meanwhile get later sequences and wait for the next fold: under a steady stream of
 * filings each batch would otherwise find a few new ones, and a report would wait for the stream to
 * stop. Until then the figures count those cases as they stood at their last fold, as they would
 * count a write that came a moment after the report.
 */
export async function foldReportFigures(db: Kysely<Database>, now: number): Promise<number | null> {
  let lastSequence: number | null = null;
  for (;;) {
    const result = await db.transaction().execute(async (transaction) => {
      if (!(transaction.getExecutor().adapter instanceof SqliteAdapter)) await sql`select pg_advisory_xact_lock(${reportFoldLockKey})`.execute(transaction);
      const state = await transaction.selectFrom("report_fold_state").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
      if (state.rules_version > keptFiguresRulesVersion) return { finished: true, until: null };
      if (state.rules_version !== keptFiguresRulesVersion) await refoldEverything(transaction);
      // Read under the lock, which a holiday's trigger also takes: a holiday added meanwhile is in this calendar.
      const calendar = await loadBusinessCalendar(transaction);
      // Never behind a fold that ran, or runs, to a later instant: its cases are folded up to there.
      const until = Math.max(Number(state.folded_until), Number(state.folding_until ?? 0), now);
      if (lastSequence === null || state.rules_version !== keptFiguresRulesVersion) {
        const { greatest } = await transaction.selectFrom("report_stale_cases").select((eb) => eb.fn.max("sequence").as("greatest")).executeTakeFirstOrThrow();
        lastSequence = greatest === null ? 0 : Number(greatest);
      }
      const stale = await transaction
        .selectFrom("report_stale_cases")
        .select(["case_id", "sequence"])
        .where("sequence", "<=", lastSequence)
        .orderBy("sequence")
        .orderBy("case_id")
        .limit(casesPerBatch)
        .execute();
      // Cases with an entry that became known before `until` (a deadline passed), stale or not: the figures at
      // `until` need them whatever else happens.
      const due =
        stale.length < casesPerBatch
          ? await transaction
              .selectFrom("report_case_folds")
              .select("case_id")
              .where("refold_at", "is not", null)
              .where("refold_at", "<", until)
              .orderBy("refold_at")
              .limit(casesPerBatch - stale.length)
              .execute()
          : [];
      const caseIds = [...new Set([...stale.map((row) => row.case_id), ...due.map((row) => row.case_id)])];
      if (caseIds.length === 0) {
        await transaction.updateTable("report_fold_state").set({ folded_until: until, folding_until: null }).where("id", "=", 1).execute();
        return { finished: true, until };
      }
      if (state.folding_until === null || Number(state.folding_until) !== until) {
        await transaction.updateTable("report_fold_state").set({ folding_until: until }).where("id", "=", 1).execute();
      }
      await foldCases(transaction, caseIds, until, calendar);
      // A mark whose sequence changed was written after the facts above were read: it stays, for the next fold.
      for (const chunk of chunksOf(stale, 500)) {
        await sql`delete from report_stale_cases where (case_id, sequence) in (values ${sql.join(chunk.map((row) => sql`(${row.case_id}, ${sql.lit(Number(row.sequence))})`))})`.execute(
          transaction,
        );
      }
      return { finished: false, until };
    });
    if (result.finished) return result.until;
    // On SQLite every statement above ran without giving the event loop a turn: the server's requests go between batches.
    await nextTurnOfTheEventLoop();
  }
}

/**
 * The rules changed since the sums were folded: they are emptied and every case marked, in the
 * transaction of a fold's first batch, so no report reads sums folded by two sets of rules.
 */
async function refoldEverything(transaction: Transaction<Database>): Promise<void> {
  await transaction.deleteFrom("report_month_sums").execute();
  await transaction.deleteFrom("report_durations").execute();
  await transaction.deleteFrom("report_case_folds").execute();
  await transaction.deleteFrom("report_stale_cases").execute();
  // Sequence 0, below any mark's: they are all taken by this fold, and a write meanwhile waits for the next.
  await sql`insert into report_stale_cases (case_id, sequence) select id, 0 from cases`.execute(transaction);
  await transaction.updateTable("report_fold_state").set({ rules_version: keptFiguresRulesVersion, folded_until: 0, folding_until: null }).where("id", "=", 1).execute();
}

async function foldCases(transaction: Transaction<Database>, caseIds: string[], until: number, calendar: BusinessCalendar): Promise<void> {
  const [caseRows, waitEvents, thread, previousFolds] = await Promise.all([
    transaction
      .selectFrom("cases")
      .select([...caseFactsColumns, "cases.team_id"])
      .where("id", "in", caseIds)
      .execute(),
    transaction
      .selectFrom("case_events")
      .select(["case_id", "created_at", "data"])
      .where("case_id", "in", caseIds)
      // Literal, not a parameter: it is the predicate of case_events_pause_index (migration 0010).
      .where(sql<boolean>`data like '%"pausedMs"%'`)
      .orderBy("created_at")
      .execute(),
    transaction
      .selectFrom("messages")
      .select(["case_id", "author_type", "created_at"])
      .where("case_id", "in", caseIds)
      .where("visibility", "=", "reporter_thread")
      .orderBy("case_id")
      .orderBy("created_at")
      .execute(),
    transaction.selectFrom("report_case_folds").select(["case_id", "folded_facts"]).where("case_id", "in", caseIds).execute(),
  ]);

  const eventsByCase = groupBy(waitEvents, (event) => event.case_id);
  const threadByCase = groupBy(thread, (message) => message.case_id);
  const sums = new Map<string, { month_start: number; team_id: string; category_id: string; kind: string; figure: string; item: string; total: number }>();
  const addSums = (folded: Pick<FoldedFacts, "facts">, entries: KnownEntries, sign: 1 | -1) => {
    const { team_id, category_id, kind } = folded.facts;
    for (const entry of entries.sums) {
      const month = monthStartOf(entry.instant);
      const key = `${month}\u0000${team_id}\u0000${category_id}\u0000${kind}\u0000${entry.figure}\u0000${entry.item}`;
      const row = sums.get(key) ?? { month_start: month, team_id, category_id, kind, figure: entry.figure, item: entry.item, total: 0 };
      row.total += sign * entry.delta;
      sums.set(key, row);
    }
  };

  for (const previous of previousFolds) {
    const folded = JSON.parse(previous.folded_facts) as FoldedFacts;
    addSums(folded, knownEntries(folded, folded.until, calendar, false), -1);
  }
  const folds: Array<{ case_id: string; folded_facts: string; refold_at: number | null }> = [];
  const durations: Array<Database["report_durations"]> = [];
  for (const row of caseRows) {
    const { team_id, ...facts } = row;
    const folded: FoldedFacts = {
      // The agency named in free text stays in the case, not in this copy.
      facts: { ...(facts as CaseFacts), referred_to: referralKeyOf(facts.referred_to), team_id },
      pauses: pausesFromHistory((eventsByCase.get(row.id) ?? []).map((event) => ({ createdAt: Number(event.created_at), data: event.data })), null),
      messages: reporterMessagesOf((threadByCase.get(row.id) ?? []).map((message) => ({ authorType: message.author_type, createdAt: Number(message.created_at) }))),
      until,
    };
    const entries = knownEntries(folded, until, calendar);
    addSums(folded, entries, 1);
    folds.push({ case_id: row.id, folded_facts: JSON.stringify(folded), refold_at: entries.refoldAt });
    for (const duration of entries.durations) {
      durations.push({
        case_id: row.id,
        figure: duration.figure,
        counted_at: duration.countedAt,
        started_at: duration.startedAt,
        ended_at: duration.endedAt,
        team_id,
        category_id: row.category_id,
        kind: row.kind,
        business_days: duration.businessDays,
      });
    }
  }

  await transaction.deleteFrom("report_durations").where("case_id", "in", caseIds).execute();
  await transaction.deleteFrom("report_case_folds").where("case_id", "in", caseIds).execute();
  for (const chunk of chunksOf(durations, 500)) await transaction.insertInto("report_durations").values(chunk).execute();
  for (const chunk of chunksOf(folds, 500)) await transaction.insertInto("report_case_folds").values(chunk).execute();
  const changed = [...sums.values()].filter((row) => row.total !== 0);
  for (const chunk of chunksOf(changed, 500)) {
    await transaction
      .insertInto("report_month_sums")
      .values(chunk)
      .onConflict((conflict) =>
        conflict.columns(["month_start", "team_id", "category_id", "kind", "figure", "item"]).doUpdateSet({ total: sql`report_month_sums.total + excluded.total` }),
      )
      .execute();
  }
}

function groupBy<Item, Key>(items: readonly Item[], keyOf: (item: Item) => Key): Map<Key, Item[]> {
  const groups = new Map<Key, Item[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function chunksOf<Item>(items: readonly Item[], size: number): Item[][] {
  const chunks: Item[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
