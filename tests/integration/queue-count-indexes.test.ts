import { sql, type Insertable, type Kysely } from "kysely";
import { expect, it } from "vitest";
import { openStatuses } from "../../app/cases/case-lifecycle";
import { listQueue, queueCountQuery, queueCounts } from "../../app/cases/queues.server";
import type { CasesTable, Database, StaffUsersTable } from "../../db/schema";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";
import { planOf, queryRecorder } from "../support/query-recorder";

const filedAt = Date.parse("2026-11-02T10:00:00+07:00");
const now = filedAt + 30 * 24 * 60 * 60 * 1000;
const minute = 60 * 1000;
const investigator = { id: "staff-investigator", role: "investigator" as const, teamId: "team-1" };

/**
 * The shape of a grown database where the reader's team is a small one: the other teams hold most
 * cases, unassigned ones of every open status among them; most cases are closed, and the reader
 * holds thousands of them.
 */
async function insertCases(
  db: Kysely<Database>,
  total: number,
): Promise<{ mineOpen: number; teamOpen: number; teamUnassignedOpen: number; overdueInReach: number; waitingInReach: number }> {
  await insertBareCase(db, { status: "closed", closed_at: filedAt + minute, assignee_id: null }, filedAt);
  for (const id of ["team-2", "team-3"]) {
    await db.insertInto("teams").values({ id, code: id, name_th: id, name_en: id, is_active: 1, created_at: filedAt }).execute();
  }
  await db.insertInto("staff_users").values(staffRow(investigator.id, "investigator")).execute();
  const original = await db.selectFrom("cases").selectAll().where("id", "=", "case-1").executeTakeFirstOrThrow();
  const rows: Array<Insertable<CasesTable>> = [];
  let mineOpen = 0;
  let teamOpen = 0;
  let teamUnassignedOpen = 0;
  let overdueInReach = 0;
  let waitingInReach = 0;
  for (let index = 0; index < total; index += 1) {
    // One case in twenty is the reader's team's; two in three are closed; one open case in three is unassigned.
    const teamId = index % 20 === 0 ? "team-1" : index % 2 === 0 ? "team-2" : "team-3";
    const isOpen = index % 3 === 0;
    const status = isOpen ? openStatuses[Math.floor(index / 3) % openStatuses.length]! : "closed";
    const isUnassigned = status === "new" || index % 9 === 0;
    if (isOpen && !isUnassigned) mineOpen += 1;
    if (teamId === "team-1" && isOpen) teamOpen += 1;
    if (teamId === "team-1" && isOpen && isUnassigned) teamUnassignedOpen += 1;
    // Every open case but a waiting one is due before `now`; the reader reaches the team's cases and their own.
    const inReach = teamId === "team-1" || !isUnassigned;
    if (isOpen && inReach && status === "awaiting_reporter") waitingInReach += 1;
    if (isOpen && inReach && status !== "awaiting_reporter") overdueInReach += 1;
    rows.push({
      ...original,
      id: `case-${String(index).padStart(6, "0")}`,
      reference: `PS-2569-${String(index + 100).padStart(6, "0")}`,
      tracking_lookup: `lookup-bulk-${index}`,
      team_id: teamId,
      status,
      assignee_id: isUnassigned ? null : investigator.id,
      closed_at: isOpen ? null : filedAt + minute,
      next_due_at: isOpen && status !== "awaiting_reporter" ? filedAt + (index + 1) * minute : null,
      updated_at: filedAt + index * minute,
    });
  }
  for (let start = 0; start < rows.length; start += 400) await db.insertInto("cases").values(rows.slice(start, start + 400)).execute();
  return { mineOpen, teamOpen, teamUnassignedOpen, overdueInReach, waitingInReach };
}

function staffRow(id: string, role: "investigator"): Insertable<StaffUsersTable> {
  return {
    id,
    email: `${id}@agency.example`,
    display_name: id,
    role,
    team_id: "team-1",
    password_hash: "not-a-hash",
    totp_secret_encrypted: null,
    totp_enabled_at: null,
    totp_last_step: null,
    is_active: 1,
    failed_login_count: 0,
    locked_until: null,
    password_changed_at: filedAt,
    created_at: filedAt,
    updated_at: filedAt,
  };
}

describeEachDialect("the queue counts' indexes (migrations 0014 and 0015)", (current) => {
  it("count every tab exactly, and on SQLite mine, team and unassigned from their ranges, with statistics or without", async () => {
    const { db, dialect } = current();
    const { mineOpen, teamOpen, teamUnassignedOpen, overdueInReach, waitingInReach } = await insertCases(db, 30_000);
    expect(await queueCounts(db, investigator, now, { cap: 100_000 })).toEqual({
      mine: mineOpen,
      team: teamOpen,
      unassigned: teamUnassignedOpen,
      due_soon: 0,
      overdue: overdueInReach,
      awaiting_reporter: waitingInReach,
    });
    // The tabs as the page counts them: up to the cap, the first hundred members, in one statement.
    const recorded = queryRecorder(db);
    expect(await queueCounts(recorded.db, investigator, now)).toMatchObject({ mine: 100, team: 100, unassigned: 100 });
    expect(recorded.compiled()).toHaveLength(1);
    const [statement] = recorded.compiled();
    const count = (queue: "mine" | "team" | "unassigned") => queueCountQuery(db, investigator, queue, now).compile();
    const counts = {
      mine: { query: count("mine"), index: "cases_assignee_status_index (assignee_id=? AND status=?)" },
      team: { query: count("team"), index: "cases_team_status_index (team_id=? AND status=?)" },
      // The unassigned queue asks only for the reader's team (no case it holds is unassigned), so its
      // count is the team's range, nobody's cases only (migration 0015); the intake desk's, team-less,
      // is the assignee index's.
      unassigned: { query: count("unassigned"), index: "cases_team_status_index (team_id=? AND status=? AND assignee_id=?)" },
    };
    // The queue's own condition answers the reader's reach here: with `team_id = ? and (team_id = ?
    // or assignee_id = ?)` PostgreSQL joined two bitmaps, every open case of the team, to count 100.
    for (const [queue, { query }] of Object.entries(counts)) expect(query.sql, queue).not.toMatch(/ or /);
    // Each count as planned here is a subquery of the one statement the page sends.
    const placeholdersAsOne = (text: string) => text.replace(/\$\d+/g, "?");
    for (const { query } of Object.values(counts)) expect(placeholdersAsOne(statement!.sql)).toContain(placeholdersAsOne(query.sql));
    const page = await listQueue(db, investigator, "unassigned", {}, { limit: 100 }, now);
    expect(page.rows).toHaveLength(100);
    expect(page.rows.every((row) => row.assigneeName === null)).toBe(true);

    // The indexes are for SQLite's planner, which without statistics goes by the shape of the indexes.
    // PostgreSQL chooses by its statistics (at this size, a sequential scan that stops at the
    // hundredth member), so its plan is not pinned here.
    if (dialect === "postgres") return;
    const plans: Array<{ label: string; plan: string; index: string }> = [];
    const explain = async (label: string) => {
      for (const [queue, { query, index }] of Object.entries(counts)) {
        plans.push({ label: `${queue}, ${label}: ${query.sql}`, plan: await planOf(db, "explain query plan", query), index });
      }
    };
    // As a grown database stands before its next statistics refresh (none), then after it.
    await explain("without statistics");
    await sql`analyze`.execute(db);
    await explain("with statistics");
    for (const { label, plan, index } of plans) expect(plan, label).toContain(`USING INDEX ${index}`);
  });
});
