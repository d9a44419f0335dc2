import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { performCaseAction } from "../../app/cases/case-actions.server";
import { fileCase } from "../../app/intake/intake.server";
import { postReporterReply, postStaffMessage } from "../../app/messaging/messages.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { createTestDatabase, postgresAdmin } from "../support/databases";
import { testServices } from "../support/services";

/**
 * A message to or from the reporter changes the case's status (the reporter's answer resumes the
 * work, an officer's reply is the first response), so it must read the case under the same row
 * lock as every staff command. Without it, on PostgreSQL, a reply that read the case just before an
 * officer resolved or closed it wrote its stale status over theirs once the officer committed.
 * SQLite runs one write transaction at a time (BEGIN IMMEDIATE), so the race is PostgreSQL's.
 *
 * The officer's side is a transaction of the test's own, held open on a second connection while
 * the message is sent; it commits only once PostgreSQL shows the message's transaction waiting for
 * a lock — an ordering the test waits for, not a time it guesses.
 */
describe("messages and the case's row lock (PostgreSQL)", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const database = await createTestDatabase("postgres");
    cleanups.push(() => database.destroy());
    const services: AppServices = testServices(database, { SEED_DEMO_DATA: "true" });
    const now = Date.now();
    await prepareDatabase(services, now, { demoCases: 0 });
    const investigator = await services.db.selectFrom("staff_users").select(["id", "role", "team_id"]).where("email", "=", "investigator@prongsai.example").executeTakeFirstOrThrow();
    const staff = { id: investigator.id, role: investigator.role, teamId: investigator.team_id };
    const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งการอนุมัติ", details: {}, reporterRelation: "staff", files: [] }, { channel: "web" }, now);
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const caseId = filed.receipt.caseId;
    expect(await performCaseAction(services, staff, caseId, { type: "ask_reporter", message: "ขอทราบวันและเวลาที่ไปติดต่อ" }, now + 1000)).toEqual({ done: true });

    const officer = new pg.Client({ connectionString: database.url });
    await officer.connect();
    cleanups.push(() => officer.end());
    const databaseName = new URL(database.url).pathname.slice(1);
    /** Closes the case in a transaction of its own, and commits once another transaction waits for the row. */
    const closeConcurrently = async (send: () => Promise<unknown>) => {
      await officer.query("begin");
      await officer.query("select id from cases where id = $1 for update", [caseId]);
      await officer.query("update cases set status = 'closed', closed_at = $2, next_due_at = null, due_soon_at = null, updated_at = $2 where id = $1", [caseId, now + 2000]);
      const sent = send();
      // Asked on another connection: inside the officer's transaction pg_stat_activity stays as first read.
      await expect
        .poll(async () => (await postgresAdmin().query("select count(*)::int as waiting from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'", [databaseName])).rows[0].waiting as number, { timeout: 10_000 })
        .toBe(1);
      await officer.query("commit");
      return sent;
    };
    const statusOf = async () => (await services.db.selectFrom("cases").select(["status", "closed_at"]).where("id", "=", caseId).executeTakeFirstOrThrow());
    return { services, staff, caseId, now, closeConcurrently, statusOf };
  }

  it("a reporter's answer sent while an officer closes the case is refused, not written over the close", async () => {
    const { services, caseId, now, closeConcurrently, statusOf } = await setUp();
    const reply = await closeConcurrently(() => postReporterReply(services, caseId, { body: "ไปติดต่อวันจันทร์ เวลาสิบโมง", files: [] }, now + 3000));
    expect(reply).toEqual({ problem: "case_not_open" });
    expect(await statusOf()).toEqual({ status: "closed", closed_at: now + 2000 });
    expect(await services.db.selectFrom("messages").select("id").where("case_id", "=", caseId).where("author_type", "=", "reporter").execute()).toEqual([]);
  });

  it("an officer's reply sent while another closes the case is refused, not written over the close", async () => {
    const { services, staff, caseId, now, closeConcurrently, statusOf } = await setUp();
    const reply = await closeConcurrently(() => postStaffMessage(services, { caseId, staffId: staff.id, visibility: "reporter_thread", body: "ได้รับข้อมูลแล้ว" }, now + 3000));
    expect(reply).toEqual({ problem: "case_not_open" });
    expect(await statusOf()).toEqual({ status: "closed", closed_at: now + 2000 });
  });
});
