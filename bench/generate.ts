import { createHmac, randomUUID } from "node:crypto";
import SQLite from "better-sqlite3";
import pg from "pg";
import { hashSecret } from "../app/auth/password.server";
import { fiscalYearOf } from "../app/calendar/thai-calendar";
import { encryptText } from "../app/crypto/envelope.server";
import { caseOutcomes, type CaseChannel, type CaseKind, type CaseStatus, type StaffRole } from "../app/db.server";
import { formatCaseReference } from "../app/intake/case-reference.server";
import { dueSoonAtOf } from "../app/sla/due-soon-at";
import type { AppServices } from "../app/services.server";
import { generateTrackingCode } from "../app/tracking/tracking-code";
import { trackingLookupDigest } from "../app/tracking/tracking-secret.server";

/*
 * Realistic cases, in bulk, straight into the tables (never through fileCase: one argon2 hash per
 * case would take days at 10⁶). What the benchmarks read is the plaintext metadata, so that follows
 * the shape of a real agency's year: mostly complaints and questions, most cases finished, open
 * ones recent, deadlines from filing, a handful of events per case and messages on some.
 *
 * Encrypted columns hold real AES-256-GCM envelopes, each sealed for its own row and column (the
 * AAD binds it), over a small pool of short Thai texts: the content is irrelevant to timing, the
 * envelope's size and the cost of sealing it are not. Tracking codes: every case gets its own
 * lookup digest (an HMAC, cheap); argon2 hashes cost ~50 ms each, so only `knownCodes` cases get a
 * hash of their own code and the rest share one real hash of a code nobody holds.
 */

export const dayMs = 86_400_000;
/** FY 2568 begins 1 October 2024 00:00 in Bangkok; FY 2569 ends 30 September 2026 24:00. */
export const generatedRange = { start: Date.UTC(2024, 8, 30, 17), end: Date.UTC(2026, 8, 30, 17) };

export interface GenerateOptions {
  cases: number;
  now: number;
  /** Share of cases still open, placed among the most recent (default ≈ 10 %). */
  openShare?: number;
  /** Open cases with a running clock whose deadline has passed at `now` (the sweep's "due" cases); the rest are due in weeks. Undefined: as the dates fall. */
  dueOpenCases?: number;
  /** Only open cases, created in the days before `now` (the sweep benchmark). */
  onlyRecentOpen?: boolean;
  knownCodes?: number;
  seed?: number;
  onProgress?: (done: number) => void;
}

export interface GeneratedData {
  staff: Array<{ id: string; role: StaffRole; teamId: string | null }>;
  /** Cases whose tracking code is known, for the lookup benchmark. */
  knownCodes: Array<{ caseId: string; code: string }>;
  rows: { cases: number; events: number; messages: number };
}

/** mulberry32: a seeded generator, so two runs generate the same distribution. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(random: () => number, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [value, weight] of table) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return table[table.length - 1]![0];
}

const kindWeights: ReadonlyArray<readonly [CaseKind, number]> = [
  ["complaint", 45],
  ["question", 20],
  ["corruption_tip", 15],
  ["suggestion", 12],
  ["compliment", 8],
];
const channelWeights: ReadonlyArray<readonly [CaseChannel, number]> = [
  ["web", 45],
  ["email", 10],
  ["phone", 15],
  ["line", 8],
  ["walk_in", 8],
  ["letter", 7],
  ["api", 5],
  ["social", 2],
];
const openStatusWeights: ReadonlyArray<readonly [CaseStatus, number]> = [
  ["new", 15],
  ["acknowledged", 20],
  ["in_progress", 45],
  ["awaiting_reporter", 15],
  ["reopened", 5],
];
const finishedStatusWeights: ReadonlyArray<readonly [CaseStatus, number]> = [
  ["closed", 70],
  ["resolved", 15],
  ["rejected", 8],
  ["referred", 5],
  ["merged", 2],
];

const narratives = [
  "เจ้าหน้าที่เรียกรับเงินเพื่ออนุมัติใบอนุญาตก่อสร้างให้เร็วขึ้น",
  "ถนนหน้าหมู่บ้านชำรุดมานานหลายเดือนแล้วยังไม่มีการซ่อมแซม",
  "ขอสอบถามขั้นตอนการยื่นคำขอรับเบี้ยยังชีพผู้สูงอายุ",
  "เสนอให้เปิดบริการรับเรื่องนอกเวลาราชการในวันเสาร์",
  "ขอชมเชยเจ้าหน้าที่ที่ให้บริการด้วยความสุภาพและรวดเร็ว",
  "มีการจัดซื้อจัดจ้างที่ราคาสูงกว่าท้องตลาดอย่างผิดปกติ",
  "The water supply has been interrupted for a week without notice.",
  "Requesting information about the procurement of office equipment.",
];

type Column = readonly [name: string, type: "text" | "int8" | "int4"];

const caseColumns: Column[] = [
  ["id", "text"], ["reference", "text"], ["kind", "text"], ["category_id", "text"], ["team_id", "text"], ["channel", "text"],
  ["is_anonymous", "int4"], ["reporter_relation", "text"], ["priority", "text"], ["status", "text"], ["assignee_id", "text"],
  ["tracking_lookup", "text"], ["tracking_hash", "text"], ["narrative_encrypted", "text"], ["details_encrypted", "text"],
  ["reporter_identity_encrypted", "text"], ["consent_version", "text"], ["consent_at", "int8"], ["names_senior_official", "int4"],
  ["referred_to", "text"], ["referred_at", "int8"], ["outcome", "text"], ["fiscal_year", "int4"], ["created_at", "int8"], ["updated_at", "int8"],
  ["acknowledged_at", "int8"], ["first_response_at", "int8"], ["resolved_at", "int8"], ["closed_at", "int8"], ["acknowledge_due_at", "int8"],
  ["first_response_due_at", "int8"], ["resolve_due_at", "int8"], ["next_due_at", "int8"], ["due_soon_at", "int8"], ["paused_at", "int8"],
  ["is_overdue", "int4"], ["reporter_seen_at", "int8"],
];
const eventColumns: Column[] = [
  ["id", "text"], ["case_id", "text"], ["type", "text"], ["actor_type", "text"], ["actor_id", "text"], ["from_status", "text"],
  ["to_status", "text"], ["data", "text"], ["is_visible_to_reporter", "int4"], ["created_at", "int8"],
];
const messageColumns: Column[] = [
  ["id", "text"], ["case_id", "text"], ["author_type", "text"], ["author_id", "text"], ["visibility", "text"], ["body_encrypted", "text"], ["created_at", "int8"],
];

type Row = Array<string | number | null>;

/** Writes batches of rows: prepared statements in one transaction on SQLite, `unnest` arrays on PostgreSQL. */
interface BulkWriter {
  write(table: string, columns: Column[], rows: Row[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(file: string): BulkWriter {
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = OFF");
  // Random keys (UUIDs, digests) land all over each index: a large page cache keeps them in memory.
  database.pragma("cache_size = -262144");
  const statements = new Map<string, SQLite.Statement>();
  return {
    async write(table, columns, rows) {
      let statement = statements.get(table);
      if (!statement) {
        statement = database.prepare(`insert into ${table} (${columns.map(([name]) => name).join(", ")}) values (${columns.map(() => "?").join(", ")})`);
        statements.set(table, statement);
      }
      const insert = statement;
      database.transaction(() => {
        for (const row of rows) insert.run(row);
      })();
    },
    async close() {
      database.pragma("wal_checkpoint(TRUNCATE)");
      database.close();
    },
  };
}

function postgresWriter(url: string): BulkWriter {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async write(table, columns, rows) {
      await connected;
      // One statement per batch: each column travels as one array parameter.
      const arrays = columns.map((_, index) => rows.map((row) => row[index] ?? null));
      const selects = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(", ");
      await client.query(`insert into ${table} (${columns.map(([name]) => name).join(", ")}) select * from unnest(${selects})`, arrays);
    },
    async close() {
      await connected;
      await client.end();
    },
  };
}



/** Staff for the benchmarks: per team two investigators and a supervisor, plus an intake officer. */
async function insertStaff(services: AppServices, now: number): Promise<GeneratedData["staff"]> {
  const passwordHash = await hashSecret("bench-password-not-used", services.config.argon2);
  const teams = await services.db.selectFrom("teams").select(["id", "code"]).orderBy("code").execute();
  const staff: GeneratedData["staff"] = [];
  const people: Array<{ role: StaffRole; teamId: string | null; name: string }> = [{ role: "intake_officer", teamId: null, name: "intake" }];
  for (const team of teams) {
    people.push({ role: "investigator", teamId: team.id, name: `${team.code}-investigator-1` });
    people.push({ role: "investigator", teamId: team.id, name: `${team.code}-investigator-2` });
    people.push({ role: "supervisor", teamId: team.id, name: `${team.code}-supervisor` });
  }
  for (const person of people) {
    const id = randomUUID();
    await services.db
      .insertInto("staff_users")
      .values({
        id,
        email: `bench.${person.name}@example.go.th`,
        display_name: person.name,
        role: person.role,
        team_id: person.teamId,
        password_hash: passwordHash,
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
    staff.push({ id, role: person.role, teamId: person.teamId });
  }
  return staff;
}

/**
 * Fills an empty, migrated database that holds the reference data (teams, categories, SLA
 * policies). `url` is the database's own URL: the bulk writer opens its own connection.
 */
export async function generateCases(services: AppServices, url: string, options: GenerateOptions): Promise<GeneratedData> {
  const { now } = options;
  const random = seededRandom(options.seed ?? 7);
  const { keyring, trackingLookupSecret } = services.secrets;
  const staff = await insertStaff(services, now);
  const categories = await services.db.selectFrom("categories").select(["id", "kind", "team_id"]).where("is_active", "=", 1).execute();
  const categoriesByKind = new Map<CaseKind, typeof categories>();
  for (const category of categories) categoriesByKind.set(category.kind, [...(categoriesByKind.get(category.kind) ?? []), category]);
  const investigatorsByTeam = new Map<string, string[]>();
  for (const member of staff) if (member.role === "investigator" && member.teamId) investigatorsByTeam.set(member.teamId, [...(investigatorsByTeam.get(member.teamId) ?? []), member.id]);

  const sharedHash = await hashSecret(generateTrackingCode(), services.config.argon2);
  const knownEvery = Math.max(1, Math.floor(options.cases / (options.knownCodes ?? 20)));
  const knownCodes: GeneratedData["knownCodes"] = [];
  const counters = new Map<number, number>();
  const writer = services.dialect === "sqlite" ? sqliteWriter(url.slice("file:".length)) : postgresWriter(url);
  const openShare = options.onlyRecentOpen ? 1 : (options.openShare ?? 0.1);
  const span = generatedRange.end - generatedRange.start;
  // Open cases are drawn from the most recent fifth of the range; older ones are mostly finished.
  const recentStart = generatedRange.end - span / 5;
  const recentOpenProbability = Math.min(1, (openShare * 0.75) / 0.2);
  const olderOpenProbability = (openShare * 0.25) / 0.8;
  let datedOpenSoFar = 0;
  const rows = { cases: 0, events: 0, messages: 0 };
  const batchSize = 2_000;
  let caseBatch: Row[] = [];
  let eventBatch: Row[] = [];
  let messageBatch: Row[] = [];
  const flush = async () => {
    if (caseBatch.length > 0) await writer.write("cases", caseColumns, caseBatch);
    if (eventBatch.length > 0) await writer.write("case_events", eventColumns, eventBatch);
    if (messageBatch.length > 0) await writer.write("messages", messageColumns, messageBatch);
    rows.cases += caseBatch.length;
    rows.events += eventBatch.length;
    rows.messages += messageBatch.length;
    caseBatch = [];
    eventBatch = [];
    messageBatch = [];
  };

  try {
    for (let index = 0; index < options.cases; index += 1) {
      const id = randomUUID();
      const kind = weighted(random, kindWeights);
      const kindCategories = categoriesByKind.get(kind) ?? categories;
      const category = kindCategories[Math.floor(random() * kindCategories.length)]!;
      const createdAt = options.onlyRecentOpen ? now - Math.floor(random() * 5 * dayMs) : generatedRange.start + Math.floor(random() * span);
      const isOpen = options.onlyRecentOpen || random() < (createdAt >= recentStart ? recentOpenProbability : olderOpenProbability);
      const status = isOpen ? weighted(random, openStatusWeights) : weighted(random, finishedStatusWeights);
      const fiscalYear = fiscalYearOf(createdAt);
      const number = (counters.get(fiscalYear) ?? 0) + 1;
      counters.set(fiscalYear, number);
      const isAnonymous = random() < (kind === "corruption_tip" ? 0.7 : 0.3);
      const investigators = investigatorsByTeam.get(category.team_id) ?? [];
      const assigneeId = status !== "new" && investigators.length > 0 && random() < 0.85 ? investigators[Math.floor(random() * investigators.length)]! : null;

      // Deadlines from filing (calendar days here: the policies' business days only shift them a little).
      const acknowledgeDueAt = createdAt + 3 * dayMs;
      const firstResponseDueAt = createdAt + 15 * dayMs;
      const resolveDueAt = createdAt + (kind === "question" ? 15 : 60) * dayMs;
      const upTo = (at: number) => Math.min(at, now);
      const acknowledgedAt = status === "new" ? null : upTo(createdAt + Math.floor((0.1 + random() * 4) * dayMs));
      const reachedWork = !["new", "acknowledged"].includes(status) || !isOpen;
      const firstResponseAt = reachedWork && status !== "awaiting_reporter" ? upTo(createdAt + Math.floor((1 + random() * 18) * dayMs)) : null;
      const resolvedAt = status === "resolved" || status === "closed" ? upTo(createdAt + Math.floor((5 + random() * 80) * dayMs)) : null;
      const closedAt =
        status === "closed" ? upTo((resolvedAt ?? createdAt) + Math.floor(random() * 14 * dayMs)) : ["rejected", "referred", "merged"].includes(status) ? upTo(createdAt + Math.floor((1 + random() * 20) * dayMs)) : null;
      const pausedAt = status === "awaiting_reporter" ? upTo(createdAt + Math.floor((2 + random() * 10) * dayMs)) : null;
      let nextDueAt: number | null = null;
      if (isOpen && status !== "awaiting_reporter") {
        nextDueAt = acknowledgedAt === null ? acknowledgeDueAt : firstResponseAt === null ? firstResponseDueAt : resolveDueAt;
        if (options.dueOpenCases !== undefined) {
          // The sweep's scenario: exactly `dueOpenCases` breached, the others due weeks from now and not yet due soon.
          const due = datedOpenSoFar < options.dueOpenCases;
          nextDueAt = due ? now - Math.floor((1 + random() * 5) * dayMs) : now + Math.floor((40 + random() * 20) * dayMs);
        }
      }
      if (nextDueAt !== null) datedOpenSoFar += 1;
      const clocks = {
        acknowledge_due_at: acknowledgeDueAt,
        first_response_due_at: firstResponseDueAt,
        resolve_due_at: resolveDueAt,
      };
      if (options.dueOpenCases !== undefined && nextDueAt !== null) {
        // Keep the clock columns consistent with next_due_at: it is the earliest unmet one.
        if (acknowledgedAt === null) clocks.acknowledge_due_at = nextDueAt;
        else if (firstResponseAt === null) clocks.first_response_due_at = nextDueAt;
        else clocks.resolve_due_at = nextDueAt;
      }
      // As intake and the transitions write it; the seeded policies all use the default fraction.
      const dueSoonAt = dueSoonAtOf({
        nextDueAt,
        createdAt,
        pausedAt,
        deadlines: { acknowledgeDueAt: clocks.acknowledge_due_at, firstResponseDueAt: clocks.first_response_due_at, resolveDueAt: clocks.resolve_due_at },
        progress: { acknowledgedAt, firstResponseAt, resolvedAt },
        dueSoonFraction: () => undefined,
      });
      const overdue = (isOpen && nextDueAt !== null && nextDueAt <= now) || (resolvedAt ?? closedAt ?? 0) > resolveDueAt ? 1 : 0;
      const code = index % knownEvery === 0 && knownCodes.length < (options.knownCodes ?? 20) ? generateTrackingCode() : null;
      if (code) knownCodes.push({ caseId: id, code });
      const trackingHash = code ? await hashSecret(code, services.config.argon2) : sharedHash;
      const lookup = code ? trackingLookupDigest(code, trackingLookupSecret) : createHmac("sha256", trackingLookupSecret).update(`bench-${id}`).digest("hex");
      const seal = (column: string, text: string) => encryptText(keyring, text, `cases.${column}:${id}`);
      const narrative = narratives[Math.floor(random() * narratives.length)]!;
      const outcome = status === "resolved" || status === "closed" ? caseOutcomes[Math.floor(random() * (caseOutcomes.length - 1))]! : null;
      const referredTo = status === "referred" ? weighted(random, [["nacc", 4], ["pacc", 2], ["ombudsman", 2], ["provincial office", 2]] as const) : null;
      const lastChange = Math.max(createdAt, acknowledgedAt ?? 0, firstResponseAt ?? 0, resolvedAt ?? 0, closedAt ?? 0, pausedAt ?? 0);

      caseBatch.push([
        id, formatCaseReference(fiscalYear, number), kind, category.id, category.team_id, weighted(random, channelWeights),
        isAnonymous ? 1 : 0, weighted(random, [["staff", 15], ["outside", 60], ["unknown", 25]] as const),
        weighted(random, [["normal", 850], ["high", 100], ["low", 49], ["critical", 1]] as const), status, assigneeId,
        lookup, trackingHash, seal("narrative_encrypted", narrative), random() < 0.5 ? seal("details_encrypted", JSON.stringify({ where: "อำเภอเมือง" })) : null,
        isAnonymous ? null : seal("reporter_identity_encrypted", JSON.stringify({ name: "ผู้ร้องเรียน", email: "reporter@example.com" })),
        isAnonymous ? null : "2025-01", isAnonymous ? null : createdAt, kind === "corruption_tip" && random() < 0.02 ? 1 : 0,
        referredTo, referredTo ? closedAt : null, outcome, fiscalYear, createdAt, lastChange,
        acknowledgedAt, firstResponseAt, resolvedAt, closedAt, clocks.acknowledge_due_at,
        clocks.first_response_due_at, clocks.resolve_due_at, nextDueAt, dueSoonAt, pausedAt, overdue,
        createdAt,
      ]);

      const event = (type: string, at: number, fromStatus: CaseStatus | null, toStatus: CaseStatus | null, visible: boolean, actorType = "staff") => {
        eventBatch.push([randomUUID(), id, type, actorType, actorType === "staff" ? assigneeId : null, fromStatus, toStatus, null, visible ? 1 : 0, at]);
      };
      event("filed", createdAt, null, "new", true, "reporter");
      let current: CaseStatus = "new";
      const move = (type: string, at: number | null, to: CaseStatus) => {
        if (at === null) return;
        event(type, at, current, to, true);
        current = to;
      };
      move("acknowledge", acknowledgedAt, "acknowledged");
      if (firstResponseAt !== null || status === "in_progress") move("start_work", firstResponseAt ?? acknowledgedAt, "in_progress");
      if (status === "awaiting_reporter") move("ask_reporter", pausedAt, "awaiting_reporter");
      if (resolvedAt !== null) move("resolve", resolvedAt, "resolved");
      if (status === "closed") move("close", closedAt, "closed");
      if (status === "rejected" || status === "referred" || status === "merged") move(status === "rejected" ? "reject" : status === "referred" ? "refer" : "merge", closedAt, status);
      if (status === "reopened") move("reopen", lastChange, "reopened");
      if (random() < 0.3) event("note_added", createdAt + Math.floor(random() * dayMs), null, null, false);

      if (random() < 0.25) {
        const count = 1 + Math.floor(random() * 3);
        for (let message = 0; message < count; message += 1) {
          const messageId = randomUUID();
          const fromReporter = message % 2 === 1;
          messageBatch.push([
            messageId, id, fromReporter ? "reporter" : "staff", fromReporter ? null : assigneeId, "reporter_thread",
            encryptText(keyring, narratives[message % narratives.length]!, `messages.body:${messageId}`), Math.min(now, createdAt + (message + 1) * dayMs),
          ]);
        }
      }
      if (caseBatch.length >= batchSize) {
        await flush();
        options.onProgress?.(rows.cases);
      }
    }
    await flush();
  } finally {
    await writer.close();
  }
  for (const [fiscalYear, lastNumber] of counters) {
    await services.db.insertInto("reference_counters").values({ fiscal_year: fiscalYear, last_number: lastNumber }).execute();
  }
  return { staff, knownCodes, rows };
}

