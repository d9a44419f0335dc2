import type { Insertable, Kysely } from "kysely";
import { expect, it } from "vitest";
import type { StaffUserForPermissions } from "../../app/auth/permissions";
import { listQueue, listQueueCategories, queueCountCap, queueCounts, QueueForbiddenError, queueKindsFor, queues, queueTabs, type Queue, type QueueFilters } from "../../app/cases/queues.server";
import { prepareDatabase } from "../../app/startup.server";
import type { CaseKind, CaseStatus, CasesTable, Database, StaffRole } from "../../db/schema";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const hour = 60 * 60 * 1000;
const now = bangkok("2026-12-01T12:00:00");

type StaffKey = "investigatorA" | "investigatorA2" | "investigatorB" | "supervisorA" | "intake" | "executive" | "auditor" | "admin";

const staffSeeds: Record<StaffKey, { role: StaffRole; team: "integrity" | "service" | null; name: string }> = {
  investigatorA: { role: "investigator", team: "integrity", name: "Investigator A" },
  investigatorA2: { role: "investigator", team: "integrity", name: "Investigator A2" },
  investigatorB: { role: "investigator", team: "service", name: "Investigator B" },
  supervisorA: { role: "supervisor", team: "integrity", name: "Supervisor A" },
  intake: { role: "intake_officer", team: "service", name: "Intake desk" },
  executive: { role: "executive", team: null, name: "Executive" },
  auditor: { role: "auditor", team: null, name: "Auditor" },
  admin: { role: "admin", team: null, name: "Admin" },
};

interface CaseSpec {
  reference: string;
  category: string;
  assignee: StaffKey | null;
  status: CaseStatus;
  /** Hours before `now` the case was filed. */
  filedHoursAgo: number;
  /** Hours from `now` to the next deadline (negative: past it); null when nothing is due. */
  dueInHours: number | null;
  channel?: "web" | "phone" | "line";
}

const tip = "corruption.bribery";
const procurement = "corruption.procurement";
const complaint = "complaint.service_quality";
const question = "question.general";
const digitalComplaint = "complaint.digital_service";
const digitalQuestion = "question.digital_service";

/*
 * Team A is the integrity team (corruption tips), team B the service team, C the digital team. A
 * case id is "case-" + its reference, so ties on the deadline break in reference order.
 */
const caseSpecs: CaseSpec[] = [
  { reference: "A01", category: tip, assignee: null, status: "new", filedHoursAgo: 10, dueInHours: 62 },
  { reference: "A02", category: tip, assignee: "investigatorA", status: "acknowledged", filedHoursAgo: 100, dueInHours: 10 },
  { reference: "A03", category: procurement, assignee: "investigatorA", status: "in_progress", filedHoursAgo: 200, dueInHours: -5 },
  { reference: "A04", category: tip, assignee: "supervisorA", status: "in_progress", filedHoursAgo: 50, dueInHours: 500 },
  { reference: "A05", category: tip, assignee: "investigatorA", status: "awaiting_reporter", filedHoursAgo: 300, dueInHours: null },
  { reference: "A06", category: tip, assignee: "investigatorA", status: "closed", filedHoursAgo: 400, dueInHours: null },
  { reference: "A07", category: tip, assignee: null, status: "resolved", filedHoursAgo: 400, dueInHours: null },
  { reference: "A08", category: tip, assignee: "investigatorA2", status: "new", filedHoursAgo: 5, dueInHours: 70 },
  { reference: "A09", category: tip, assignee: null, status: "new", filedHoursAgo: 1, dueInHours: null },
  { reference: "A10", category: tip, assignee: "investigatorA", status: "reopened", filedHoursAgo: 1000, dueInHours: 30 },
  { reference: "A11", category: tip, assignee: "investigatorA", status: "rejected", filedHoursAgo: 30, dueInHours: null },
  { reference: "A12", category: tip, assignee: "investigatorA", status: "new", filedHoursAgo: 20, dueInHours: 100 },
  { reference: "A13", category: tip, assignee: null, status: "new", filedHoursAgo: 20, dueInHours: 100 },
  { reference: "A14", category: tip, assignee: "investigatorA", status: "acknowledged", filedHoursAgo: 20, dueInHours: 100 },
  { reference: "A15", category: tip, assignee: null, status: "new", filedHoursAgo: 20, dueInHours: 100 },
  { reference: "A16", category: tip, assignee: "investigatorA", status: "acknowledged", filedHoursAgo: 20, dueInHours: 150 },
  { reference: "A17", category: tip, assignee: null, status: "new", filedHoursAgo: 20, dueInHours: 160 },
  { reference: "A18", category: tip, assignee: "supervisorA", status: "acknowledged", filedHoursAgo: 20, dueInHours: 170 },
  { reference: "A19", category: tip, assignee: "investigatorA2", status: "new", filedHoursAgo: 20, dueInHours: 180 },
  { reference: "B01", category: complaint, assignee: null, status: "new", filedHoursAgo: 3, dueInHours: 69, channel: "line" },
  { reference: "B02", category: question, assignee: null, status: "new", filedHoursAgo: 80, dueInHours: 1, channel: "phone" },
  { reference: "B03", category: complaint, assignee: "investigatorB", status: "acknowledged", filedHoursAgo: 30, dueInHours: -2 },
  { reference: "B04", category: "suggestion.general", assignee: "investigatorB", status: "in_progress", filedHoursAgo: 10, dueInHours: 300 },
  // Team B's case, assigned across teams to investigator A: it is in A's reach through the assignment.
  { reference: "B05", category: complaint, assignee: "investigatorA", status: "in_progress", filedHoursAgo: 40, dueInHours: 20 },
  { reference: "B06", category: "compliment.general", assignee: null, status: "awaiting_reporter", filedHoursAgo: 50, dueInHours: null },
  { reference: "B07", category: complaint, assignee: null, status: "merged", filedHoursAgo: 50, dueInHours: null },
  { reference: "B08", category: question, assignee: null, status: "new", filedHoursAgo: 2, dueInHours: null },
  { reference: "C01", category: digitalComplaint, assignee: null, status: "new", filedHoursAgo: 4, dueInHours: 68 },
  { reference: "C02", category: digitalQuestion, assignee: null, status: "new", filedHoursAgo: 90, dueInHours: -1 },
  { reference: "C03", category: digitalComplaint, assignee: "investigatorB", status: "in_progress", filedHoursAgo: 10, dueInHours: 100 },
  { reference: "C04", category: digitalComplaint, assignee: null, status: "closed", filedHoursAgo: 10, dueInHours: null },
];

const finished: CaseStatus[] = ["resolved", "closed", "rejected", "referred", "merged"];
const openReferences = caseSpecs.filter((spec) => !finished.includes(spec.status)).map((spec) => spec.reference);

type Staff = Record<StaffKey, StaffUserForPermissions>;

async function seedStaff(db: Kysely<Database>): Promise<Staff> {
  const teams = await db.selectFrom("teams").select(["id", "code"]).execute();
  const staff = {} as Staff;
  for (const [key, seed] of Object.entries(staffSeeds) as Array<[StaffKey, (typeof staffSeeds)[StaffKey]]>) {
    const teamId = seed.team ? teams.find((team) => team.code === seed.team)!.id : null;
    await db
      .insertInto("staff_users")
      .values({
        id: `staff-${key}`,
        email: `${key.toLowerCase()}@queues.example`,
        display_name: seed.name,
        role: seed.role,
        team_id: teamId,
        password_hash: "not-used",
        totp_secret_encrypted: null,
        totp_enabled_at: null,
        is_active: 1,
        failed_login_count: 0,
        locked_until: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    staff[key] = { id: `staff-${key}`, role: seed.role, teamId };
  }
  return staff;
}

async function insertCase(db: Kysely<Database>, spec: CaseSpec): Promise<void> {
  const category = await db.selectFrom("categories").select(["id", "kind", "team_id"]).where("code", "=", spec.category).executeTakeFirstOrThrow();
  const createdAt = now - spec.filedHoursAgo * hour;
  const dueAt = spec.dueInHours === null ? null : now + spec.dueInHours * hour;
  const acknowledged = spec.status !== "new";
  const row: Insertable<CasesTable> = {
    id: `case-${spec.reference}`,
    reference: spec.reference,
    kind: category.kind as CaseKind,
    category_id: category.id,
    team_id: category.team_id,
    channel: spec.channel ?? "web",
    is_anonymous: 1,
    reporter_relation: "unknown",
    priority: "normal",
    status: spec.status,
    assignee_id: spec.assignee ? `staff-${spec.assignee}` : null,
    tracking_lookup: `lookup-${spec.reference}`,
    tracking_hash: "hash",
    narrative_encrypted: "envelope",
    names_senior_official: 0,
    is_overdue: 0,
    fiscal_year: 2570,
    created_at: createdAt,
    updated_at: createdAt,
    acknowledged_at: acknowledged ? createdAt + hour : null,
    acknowledge_due_at: acknowledged ? createdAt + 2 * hour : dueAt,
    first_response_due_at: acknowledged ? dueAt : null,
    resolve_due_at: createdAt + 2000 * hour,
    next_due_at: dueAt,
    paused_at: spec.status === "awaiting_reporter" ? now - 5 * hour : null,
    closed_at: finished.includes(spec.status) ? now - hour : null,
  };
  await db.insertInto("cases").values(row).execute();
}

async function recuse(db: Kysely<Database>, staffUserId: string, reference: string): Promise<void> {
  await db
    .insertInto("conflicts")
    .values({ id: `conflict-${staffUserId}-${reference}`, case_id: `case-${reference}`, staff_user_id: staffUserId, source: "declared", reason_encrypted: null, created_by_id: null, created_at: now })
    .execute();
}

describeEachDialect("staff queues", (current) => {
  async function seeded() {
    const services = testServices(current(), { SEED_DEMO_DATA: "false" });
    await prepareDatabase(services, bangkok("2026-01-01T00:00:00"));
    const { db } = services;
    const staff = await seedStaff(db);
    for (const spec of caseSpecs) await insertCase(db, spec);
    return { db, staff };
  }

  async function references(db: Kysely<Database>, staff: StaffUserForPermissions, queue: Queue, filters: QueueFilters = {}): Promise<string[]> {
    const { rows, nextCursor } = await listQueue(db, staff, queue, filters, { limit: 100 }, now);
    expect(nextCursor).toBeNull();
    return rows.map((row) => row.reference);
  }

  /** Every page of a queue, following the cursors, with a hook between pages. */
  async function allPages(db: Kysely<Database>, staff: StaffUserForPermissions, queue: Queue, limit: number, betweenPages?: (page: number) => Promise<void>, filters: QueueFilters = {}) {
    const pages: string[][] = [];
    let after: string | undefined;
    for (;;) {
      const { rows, nextCursor } = await listQueue(db, staff, queue, filters, { after, limit }, now);
      expect(rows.length).toBeLessThanOrEqual(limit);
      pages.push(rows.map((row) => row.reference));
      if (nextCursor === null) return pages;
      expect(pages.length).toBeLessThan(50);
      await betweenPages?.(pages.length);
      after = nextCursor;
    }
  }

  it("lists an investigator's queues: soonest deadline first, then cases with nothing due, oldest first", async () => {
    const { db, staff } = await seeded();
    const investigator = staff.investigatorA;
    // Across teams through the assignment (B05); the wait for the reporter (A05) has no running clock.
    expect(await references(db, investigator, "mine")).toEqual(["A03", "A02", "B05", "A10", "A12", "A14", "A16", "A05"]);
    expect(await references(db, investigator, "team")).toEqual([
      "A03", "A02", "A10", "A01", "A08", "A12", "A13", "A14", "A15", "A16", "A17", "A18", "A19", "A04", "A05", "A09",
    ]);
    // The team's unassigned cases, corruption tips included: they are the team's own.
    expect(await references(db, investigator, "unassigned")).toEqual(["A01", "A13", "A15", "A17", "A09"]);
    // 75 % elapsed: A02 (100 of 110 hours) and A10 (1000 of 1030); B05 (40 of 60) is not yet.
    expect(await references(db, investigator, "due_soon")).toEqual(["A02", "A10"]);
    expect(await references(db, investigator, "overdue")).toEqual(["A03"]);
    expect(await references(db, investigator, "awaiting_reporter")).toEqual(["A05"]);

    expect(await references(db, staff.investigatorB, "mine")).toEqual(["B03", "C03", "B04"]);
    expect(await references(db, staff.investigatorB, "team")).toEqual(["B03", "B02", "B05", "B01", "B04", "B06", "B08"]);
    expect(await references(db, staff.investigatorB, "due_soon")).toEqual(["B02"]);
    expect(await references(db, staff.investigatorB, "overdue")).toEqual(["B03"]);
  });

  it("gives each row what the queue page shows", async () => {
    const { db, staff } = await seeded();
    const { rows } = await listQueue(db, staff.investigatorA, "mine", {}, { limit: 100 }, now);
    expect(rows.find((row) => row.reference === "B05")).toEqual({
      id: "case-B05",
      reference: "B05",
      kind: "complaint",
      categoryNameTh: "คุณภาพการให้บริการ",
      categoryNameEn: "Service quality",
      channel: "web",
      createdAt: now - 40 * hour,
      status: "in_progress",
      assigneeName: "Investigator A",
      nextDueAt: now + 20 * hour,
      nextClock: "first_response",
      clockStartedAt: now - 40 * hour,
      waitingSince: null,
      isOverdue: false,
    });
    expect(rows.find((row) => row.reference === "A03")).toMatchObject({ isOverdue: true, nextClock: "first_response" });
    expect(rows.find((row) => row.reference === "A05")).toMatchObject({ nextDueAt: null, nextClock: null, waitingSince: now - 5 * hour });
    const unassigned = await listQueue(db, staff.investigatorA, "unassigned", {}, { limit: 100 }, now);
    expect(unassigned.rows[0]).toMatchObject({ reference: "A01", assigneeName: null, nextClock: "acknowledge" });
  });

  it("gives the intake desk every unassigned case except corruption tips, and nothing else", async () => {
    const { db, staff } = await seeded();
    expect(await references(db, staff.intake, "unassigned")).toEqual(["C02", "B02", "C01", "B01", "B06", "B08"]);
    expect(await queueCounts(db, staff.intake, now)).toEqual({ unassigned: 6 });
    for (const queue of queues.filter((candidate) => candidate !== "unassigned")) {
      await expect(listQueue(db, staff.intake, queue, {}, { limit: 10 }, now)).rejects.toThrow(QueueForbiddenError);
    }
  });

  it("lets a supervisor see every team's open cases, and never a finished one", async () => {
    const { db, staff } = await seeded();
    expect(await references(db, staff.supervisorA, "mine")).toEqual(["A18", "A04"]);
    const everything = await references(db, staff.supervisorA, "all");
    expect([...everything].sort()).toEqual([...openReferences].sort());
    expect(everything).toHaveLength(26);
    for (const closed of ["A06", "A07", "A11", "B07", "C04"]) expect(everything).not.toContain(closed);
    expect(everything.slice(0, 4)).toEqual(["A03", "B03", "C02", "B02"]);
    expect(everything.slice(-4)).toEqual(["A05", "B06", "B08", "A09"]);
    // Asking for a finished status finds nothing: queues hold open cases only.
    expect(await references(db, staff.supervisorA, "all", { status: "closed" })).toEqual([]);
  });

  it("counts each queue the role may open, by the same rules", async () => {
    const { db, staff } = await seeded();
    expect(await queueCounts(db, staff.investigatorA, now)).toEqual({ mine: 8, team: 16, unassigned: 5, due_soon: 2, overdue: 1, awaiting_reporter: 1 });
    const supervisorCounts = await queueCounts(db, staff.supervisorA, now);
    expect(supervisorCounts).toMatchObject({ mine: 2, team: 16, all: 26 });
    for (const [queue, count] of Object.entries(supervisorCounts)) {
      expect((await references(db, staff.supervisorA, queue as Queue)).length).toBe(count);
    }
    expect(await queueCounts(db, staff.executive, now)).toEqual({});
    expect(await queueCounts(db, staff.admin, now)).toEqual({});
  });

  it("stops counting a tab above the cap, and shows the tab as capped only then", async () => {
    const { db, staff } = await seeded();
    // Exact counts (see above): mine 8, team 16, unassigned 5, due soon 2, overdue 1, awaiting reporter 1.
    expect(await queueCounts(db, staff.investigatorA, now, { cap: 2 })).toEqual({ mine: 3, team: 3, unassigned: 3, due_soon: 2, overdue: 1, awaiting_reporter: 1 });
    expect(await queueTabs(db, staff.investigatorA, now, { cap: 2 })).toEqual([
      { queue: "mine", count: 2, isCapped: true },
      { queue: "team", count: 2, isCapped: true },
      { queue: "unassigned", count: 2, isCapped: true },
      { queue: "due_soon", count: 2, isCapped: false },
      { queue: "overdue", count: 1, isCapped: false },
      { queue: "awaiting_reporter", count: 1, isCapped: false },
    ]);
    expect(await queueTabs(db, staff.investigatorA, now, { cap: 5 })).toContainEqual({ queue: "unassigned", count: 5, isCapped: false });
    expect((await queueTabs(db, staff.supervisorA, now, { cap: 20 })).find((tab) => tab.queue === "all")).toEqual({ queue: "all", count: 20, isCapped: true });
    // Recusal still comes first: a capped count never counts a case the officer may not see.
    await recuse(db, staff.investigatorA.id, "A02");
    expect(await queueTabs(db, staff.investigatorA, now, { cap: 1 })).toContainEqual({ queue: "due_soon", count: 1, isCapped: false });
    // The production cap is far above this data set: every tab is exact.
    expect(queueCountCap).toBe(99);
    expect(await queueTabs(db, staff.investigatorA, now)).toContainEqual({ queue: "team", count: 15, isCapped: false });
  });

  it("filters by kind, status, channel, category and fiscal year", async () => {
    const { db, staff } = await seeded();
    expect(await references(db, staff.intake, "unassigned", { kind: "complaint" })).toEqual(["C01", "B01"]);
    expect(await references(db, staff.intake, "unassigned", { channel: "phone" })).toEqual(["B02"]);
    expect(await references(db, staff.intake, "unassigned", { status: "awaiting_reporter" })).toEqual(["B06"]);
    expect(await references(db, staff.intake, "unassigned", { fiscalYear: 2570 })).toHaveLength(6);
    expect(await references(db, staff.intake, "unassigned", { fiscalYear: 2569 })).toEqual([]);
    const procurementCategory = await db.selectFrom("categories").select("id").where("code", "=", procurement).executeTakeFirstOrThrow();
    expect(await references(db, staff.investigatorA, "team", { categoryId: procurementCategory.id })).toEqual(["A03"]);
  });

  it("offers as category filters the categories of the kinds each role's queues can hold", async () => {
    const { db, staff } = await seeded();
    const categories = await db.selectFrom("categories").select(["code", "kind"]).orderBy("sort_order").orderBy("code").execute();
    const codes = async (member: StaffUserForPermissions) => (await listQueueCategories(db, member)).map((category) => category.code);
    const everyCode = categories.map((category) => category.code);
    expect(everyCode).toContain(tip);
    expect(await codes(staff.supervisorA)).toEqual(everyCode);
    // A case of any kind may be assigned to an investigator, whatever their team.
    expect(await codes(staff.investigatorB)).toEqual(everyCode);
    // The intake desk never sees a corruption tip, so it is offered none of their categories.
    expect(queueKindsFor(staff.intake)).not.toContain("corruption_tip");
    expect(await codes(staff.intake)).toEqual(categories.filter((category) => category.kind !== "corruption_tip").map((category) => category.code));
    for (const member of [staff.executive, staff.auditor, staff.admin]) expect(await listQueueCategories(db, member)).toEqual([]);
  });

  it("filters by category across keyset pages, together with the other filters", async () => {
    const { db, staff } = await seeded();
    const categoryOf = (reference: string) => caseSpecs.find((spec) => spec.reference === reference)!.category;
    const statusOf = (reference: string) => caseSpecs.find((spec) => spec.reference === reference)!.status;
    const tipCategory = (await listQueueCategories(db, staff.supervisorA)).find((category) => category.code === tip)!;
    const expected = (await references(db, staff.supervisorA, "all")).filter((reference) => categoryOf(reference) === tip);
    // Both phases (a deadline, and none) hold tips: the pages cross from one to the other.
    expect(expected).toEqual(expect.arrayContaining(["A05", "A09", "A01"]));
    expect(await references(db, staff.supervisorA, "all", { categoryId: tipCategory.id })).toEqual(expected);
    for (const limit of [1, 3, 5]) {
      const pages = await allPages(db, staff.supervisorA, "all", limit, undefined, { categoryId: tipCategory.id });
      expect(pages.flat()).toEqual(expected);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
    expect(await references(db, staff.supervisorA, "all", { categoryId: tipCategory.id, status: "new" })).toEqual(expected.filter((reference) => statusOf(reference) === "new"));
    const complaintCategory = (await listQueueCategories(db, staff.intake)).find((category) => category.code === complaint)!;
    expect(await references(db, staff.intake, "unassigned", { categoryId: complaintCategory.id, channel: "line" })).toEqual(["B01"]);
    expect(await references(db, staff.intake, "unassigned", { categoryId: tipCategory.id })).toEqual([]);
  });

  it("pages with a keyset cursor: every row exactly once, whatever the page size", async () => {
    const { db, staff } = await seeded();
    const everything = await references(db, staff.supervisorA, "all");
    // 11 ends a page exactly where the cases with a deadline run out (22 of them): the cursor must move on.
    for (const limit of [1, 7, 11, 22, 25, 26, 100]) {
      const pages = await allPages(db, staff.supervisorA, "all", limit);
      expect(pages.flat()).toEqual(everything);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
    }
    expect((await allPages(db, staff.supervisorA, "all", 7)).map((page) => page.length)).toEqual([7, 7, 7, 5]);
  });

  it("keeps pages stable when new cases arrive between them", async () => {
    const { db, staff } = await seeded();
    const before = await references(db, staff.supervisorA, "all");
    const arrivals: CaseSpec[] = [
      // Sorts before the pages already read: not shown again, and nothing shifts.
      { reference: "N01", category: complaint, assignee: null, status: "new", filedHoursAgo: 0, dueInHours: -100 },
      { reference: "N02", category: tip, assignee: null, status: "new", filedHoursAgo: 0, dueInHours: 5000 },
      { reference: "N03", category: question, assignee: null, status: "new", filedHoursAgo: 0, dueInHours: null },
    ];
    const pages = await allPages(db, staff.supervisorA, "all", 7, async (page) => {
      if (page === 1) for (const spec of arrivals) await insertCase(db, spec);
    });
    const seen = pages.flat();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((reference) => before.includes(reference))).toEqual(before);
    // Ahead of the cursor when they arrived: they come in their place.
    expect(seen).toContain("N02");
    expect(seen.at(-1)).toBe("N03");
    expect(seen).not.toContain("N01");
  });

  it("starts again from the top on a cursor it did not write", async () => {
    const { db, staff } = await seeded();
    const first = await listQueue(db, staff.investigatorA, "mine", {}, { limit: 3 }, now);
    for (const after of ["garbage", Buffer.from('["waiting",1,"x"]').toString("base64url"), Buffer.from('["due","1","x"]').toString("base64url")]) {
      expect(await listQueue(db, staff.investigatorA, "mine", {}, { after, limit: 3 }, now)).toEqual(first);
    }
  });

  it("hides a case from every queue and count of a recused officer, and only theirs", async () => {
    const { db, staff } = await seeded();
    await recuse(db, staff.investigatorA.id, "A02");
    await recuse(db, staff.investigatorA.id, "B05");
    await recuse(db, staff.intake.id, "B02");
    await recuse(db, staff.supervisorA.id, "A13");

    for (const queue of queues) {
      for (const key of ["investigatorA", "intake", "supervisorA"] as const) {
        const person = staff[key];
        const counts = await queueCounts(db, person, now);
        if (counts[queue] === undefined) continue;
        const listed = await references(db, person, queue);
        expect(listed.length).toBe(counts[queue]);
        const recusedFrom = { investigatorA: ["A02", "B05"], intake: ["B02"], supervisorA: ["A13"] }[key];
        for (const reference of recusedFrom) expect(listed).not.toContain(reference);
      }
    }
    expect(await queueCounts(db, staff.investigatorA, now)).toEqual({ mine: 6, team: 15, unassigned: 5, due_soon: 1, overdue: 1, awaiting_reporter: 1 });
    // Colleagues keep seeing them.
    expect(await references(db, staff.investigatorA2, "team")).toContain("A02");
    expect(await references(db, staff.investigatorB, "team")).toContain("B05");
    expect(await references(db, staff.supervisorA, "all")).toEqual(expect.arrayContaining(["A02", "B05", "B02"]));
    expect(await references(db, staff.investigatorA, "unassigned")).toContain("A13");
  });

  it("refuses a queue the role may not see, so a route's mistake fails closed", async () => {
    const { db, staff } = await seeded();
    await expect(listQueue(db, staff.investigatorA, "all", {}, { limit: 10 }, now)).rejects.toThrow(QueueForbiddenError);
    for (const key of ["executive", "auditor", "admin"] as const) {
      for (const queue of queues) {
        await expect(listQueue(db, staff[key], queue, {}, { limit: 10 }, now)).rejects.toThrow(QueueForbiddenError);
      }
    }
  });
});
