import { sql, type ExpressionBuilder } from "kysely";
import { can, roleHasAction, type StaffUserForPermissions } from "../auth/permissions";
import { addDaysToDateKey, isValidDateKey, startOfBangkokDay } from "../calendar/thai-calendar";
import { caseContextOf } from "../cases/case-access.server";
import type { ActorType, Database, Queryable, StaffRole } from "../db.server";
import type { AppServices } from "../services.server";
import type { ChainBreak } from "./audit-chain";
import { appendAuditEntry, verifyAuditLog } from "./audit-log.server";

/*
 * The auditor's view of the audit log (/staff/audit): pages newest first by sequence (keyset, so
 * page 500 costs what page 1 does), filters, and the chain check on demand. Rows carry metadata
 * only; a case appears as its reference, and links to its page only for a reader who may open it.
 */

export interface AuditFilters {
  /** An exact action code, e.g. "case.read". */
  action?: string;
  /** A staff member's id. */
  actorId?: string;
  /** A case reference, e.g. "PS-2569-000123": the case's own entries and those of its files. */
  caseReference?: string;
  /** Bangkok days, "YYYY-MM-DD", both included. */
  from?: string;
  to?: string;
}

export type AuditActor =
  | { type: "staff"; name: string; role: StaffRole }
  /** A staff id no longer on file: shown as such, never as the bare id. */
  | { type: "staff"; name: null; role: null }
  /** Reporters, the system and API clients are shown by kind only: an anonymous reporter has no name here. */
  | { type: Exclude<ActorType, "staff"> };

export type AuditTarget =
  | { type: "case"; reference: string | null; caseId: string; mayOpen: boolean }
  | { type: "attachment"; reference: string | null; caseId: string | null; mayOpen: boolean }
  | { type: "staff_user"; name: string | null; role: StaffRole | null }
  | { type: "other"; targetType: string; targetId: string | null };

/** One detail of an entry: a dotted path into its JSON and the value as text. */
export interface AuditDetail {
  key: string;
  value: string;
  /** Numbers under keys ending in "At" or "Until" are instants: the page shows them as dates. */
  isInstant: boolean;
}

export interface AuditRow {
  sequence: number;
  occurredAt: number;
  actor: AuditActor;
  action: string;
  target: AuditTarget | null;
  details: AuditDetail[];
}

export interface AuditPage {
  rows: AuditRow[];
  /** The sequence to continue below, or null on the last page. */
  nextCursor: number | null;
}

export const auditPageSize = 50;

/** The date range as instants: [from 00:00, the day after `to` 00:00) in Bangkok. */
function instantRange(filters: AuditFilters): { from?: number; until?: number } {
  return {
    from: filters.from && isValidDateKey(filters.from) ? startOfBangkokDay(filters.from) : undefined,
    until: filters.to && isValidDateKey(filters.to) ? startOfBangkokDay(addDaysToDateKey(filters.to, 1)) : undefined,
  };
}

/** The target ids a case reference stands for: the case and its files. Null when no such case. */
async function targetIdsOfCase(db: Queryable, reference: string): Promise<string[] | null> {
  const found = await db.selectFrom("cases").select("id").where("reference", "=", reference).executeTakeFirst();
  if (!found) return null;
  const files = await db.selectFrom("attachments").select("id").where("case_id", "=", found.id).execute();
  return [found.id, ...files.map((file) => file.id)];
}

/**
 * Whether an entry is about a case the reader is recused from: the case itself, one of its files,
 * or one of its escalations. Recusal means the person may learn nothing of the case (ADR 0008), and
 * its trail — who read it, who was assigned, when it was escalated — is part of the case. In SQL,
 * so a page holds `limit` visible entries and keyset paging stays exact.
 */
function isAboutCaseReaderIsRecusedFrom(eb: ExpressionBuilder<Database, "audit_log">, readerId: string) {
  return eb.exists(
    eb
      .selectFrom("conflicts")
      .select(sql.lit(1).as("recused"))
      .where("conflicts.staff_user_id", "=", readerId)
      .where((inner) =>
        inner.or([
          inner.and([inner("audit_log.target_type", "=", "case"), inner(inner.ref("conflicts.case_id"), "=", inner.ref("audit_log.target_id"))]),
          inner.and([
            inner("audit_log.target_type", "=", "attachment"),
            inner.exists(
              inner
                .selectFrom("attachments")
                .select(sql.lit(1).as("file"))
                .whereRef("attachments.id", "=", "audit_log.target_id")
                .whereRef("attachments.case_id", "=", "conflicts.case_id"),
            ),
          ]),
          inner.and([
            inner("audit_log.target_type", "=", "escalation"),
            inner.exists(
              inner
                .selectFrom("escalations")
                .select(sql.lit(1).as("escalation"))
                .whereRef("escalations.id", "=", "audit_log.target_id")
                .whereRef("escalations.case_id", "=", "conflicts.case_id"),
            ),
          ]),
        ]),
      ),
  );
}

/**
 * One page of entries, newest first, below `after` (a sequence from the previous page's
 * `nextCursor`), without those about cases the reader is recused from. The caller checked
 * `audit.view`.
 */
export async function listAuditEntries(db: Queryable, reader: StaffUserForPermissions, filters: AuditFilters, page: { after?: number; limit?: number } = {}): Promise<AuditPage> {
  const limit = page.limit ?? auditPageSize;
  const targetIds = filters.caseReference ? await targetIdsOfCase(db, filters.caseReference) : undefined;
  if (targetIds === null) return { rows: [], nextCursor: null };
  const range = instantRange(filters);

  let query = db
    .selectFrom("audit_log")
    .select(["sequence", "occurred_at", "actor_type", "actor_id", "action", "target_type", "target_id", "details"])
    .where((eb) => eb.not(isAboutCaseReaderIsRecusedFrom(eb, reader.id)));
  if (page.after !== undefined) query = query.where("sequence", "<", page.after);
  if (filters.action) query = query.where("action", "=", filters.action);
  if (filters.actorId) query = query.where("actor_type", "=", "staff").where("actor_id", "=", filters.actorId);
  if (targetIds) query = query.where("target_id", "in", targetIds);
  if (range.from !== undefined) query = query.where("occurred_at", ">=", range.from);
  if (range.until !== undefined) query = query.where("occurred_at", "<", range.until);
  const found = await query.orderBy("sequence", "desc").limit(limit + 1).execute();

  const entries = found.slice(0, limit).map((entry) => ({ ...entry, sequence: Number(entry.sequence), details: parseDetails(entry.details) }));
  const rows = await describeEntries(db, reader, entries);
  const last = entries.at(-1);
  return { rows, nextCursor: found.length > limit && last ? last.sequence : null };
}

interface RawEntry {
  sequence: number;
  occurred_at: number;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Record<string, unknown> | null;
}

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    // A row whose details are not JSON was written by no code of ours: show it as it stands.
    return { value: text };
  }
}

const maxDetailLength = 200;

/** Nested details as flat "a.b" paths with text values, cut to a readable length. */
export function flattenDetails(details: Record<string, unknown> | null, prefix = ""): AuditDetail[] {
  if (!details) return [];
  return Object.entries(details).flatMap(([name, value]): AuditDetail[] => {
    const key = prefix === "" ? name : `${prefix}.${name}`;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return flattenDetails(value as Record<string, unknown>, key);
    const text = typeof value === "string" ? value : JSON.stringify(value) ?? "null";
    return [{ key, value: text.length > maxDetailLength ? `${text.slice(0, maxDetailLength)}…` : text, isInstant: typeof value === "number" && /(At|Until)$/.test(name) }];
  });
}

/** Names for the ids on a page, looked up once per page rather than once per row. */
async function describeEntries(db: Queryable, reader: StaffUserForPermissions, entries: RawEntry[]): Promise<AuditRow[]> {
  const staffIds = new Set<string>();
  const caseIds = new Set<string>();
  const attachmentIds = new Set<string>();
  for (const entry of entries) {
    if (entry.actor_type === "staff" && entry.actor_id) staffIds.add(entry.actor_id);
    if (entry.target_type === "staff_user" && entry.target_id) staffIds.add(entry.target_id);
    if (entry.target_type === "case" && entry.target_id) caseIds.add(entry.target_id);
    if (entry.target_type === "attachment" && entry.target_id) attachmentIds.add(entry.target_id);
  }
  const attachmentCases = new Map<string, string>();
  if (attachmentIds.size > 0) {
    const files = await db.selectFrom("attachments").select(["id", "case_id"]).where("id", "in", [...attachmentIds]).execute();
    for (const file of files) {
      attachmentCases.set(file.id, file.case_id);
      caseIds.add(file.case_id);
    }
  }
  const staff = new Map<string, { name: string; role: StaffRole }>();
  if (staffIds.size > 0) {
    const members = await db.selectFrom("staff_users").select(["id", "display_name", "role"]).where("id", "in", [...staffIds]).execute();
    for (const member of members) staff.set(member.id, { name: member.display_name, role: member.role });
  }
  const references = new Map<string, string>();
  if (caseIds.size > 0) {
    const cases = await db.selectFrom("cases").select(["id", "reference"]).where("id", "in", [...caseIds]).execute();
    for (const found of cases) references.set(found.id, found.reference);
  }
  const mayOpen = await casesReaderMayOpen(db, reader, [...references.keys()]);

  return entries.map((entry) => ({
    sequence: entry.sequence,
    occurredAt: entry.occurred_at,
    actor: actorOf(entry, staff),
    action: entry.action,
    target: targetOf(entry, { staff, references, attachmentCases, mayOpen }),
    details: flattenDetails(entry.details),
  }));
}

/** The auditor reads no case (ARCHITECTURE §1), so for that role this asks nothing per case. */
async function casesReaderMayOpen(db: Queryable, reader: StaffUserForPermissions, caseIds: string[]): Promise<Set<string>> {
  const allowed = new Set<string>();
  if (!roleHasAction(reader.role, "case.view")) return allowed;
  for (const caseId of caseIds) {
    const context = await caseContextOf(db, caseId);
    if (context && can(reader, "case.view", context)) allowed.add(caseId);
  }
  return allowed;
}

function actorOf(entry: RawEntry, staff: Map<string, { name: string; role: StaffRole }>): AuditActor {
  if (entry.actor_type !== "staff") return { type: entry.actor_type };
  const member = entry.actor_id ? staff.get(entry.actor_id) : undefined;
  return member ? { type: "staff", ...member } : { type: "staff", name: null, role: null };
}

interface Lookups {
  staff: Map<string, { name: string; role: StaffRole }>;
  references: Map<string, string>;
  attachmentCases: Map<string, string>;
  mayOpen: Set<string>;
}

function targetOf(entry: RawEntry, lookups: Lookups): AuditTarget | null {
  if (entry.target_type === null) return null;
  const id = entry.target_id;
  switch (entry.target_type) {
    case "case":
      if (!id) break;
      return { type: "case", caseId: id, reference: lookups.references.get(id) ?? null, mayOpen: lookups.mayOpen.has(id) };
    case "attachment": {
      if (!id) break;
      const caseId = lookups.attachmentCases.get(id) ?? null;
      return { type: "attachment", caseId, reference: caseId ? (lookups.references.get(caseId) ?? null) : null, mayOpen: caseId !== null && lookups.mayOpen.has(caseId) };
    }
    case "staff_user": {
      const member = id ? lookups.staff.get(id) : undefined;
      return { type: "staff_user", name: member?.name ?? null, role: member?.role ?? null };
    }
  }
  return { type: "other", targetType: entry.target_type, targetId: id };
}

/** Everyone who could appear as an actor, for the filter's list: active or not, a past actor stays findable. */
export async function listAuditActors(db: Queryable): Promise<Array<{ id: string; name: string; role: StaffRole }>> {
  const members = await db.selectFrom("staff_users").select(["id", "display_name", "role"]).orderBy("display_name").orderBy("id").execute();
  return members.map((member) => ({ id: member.id, name: member.display_name, role: member.role }));
}

/**
 * How long one search counts as one look. Reading the log is audited, but paging through one
 * search, or the page reloading after a chain check, is the same look: were every page an entry,
 * an auditor paging back through a busy month would bury the very activity they came to read
 * under their own footprints. A new search, a gap of this long, or anything else logged in between
 * (anyone's activity moves the chain's head) writes a new entry.
 */
export const auditViewWindowMs = 10 * 60 * 1000;

/** Records that `reader` looked at the log with these filters, unless it continues the look just recorded. */
export async function recordAuditView(services: Pick<AppServices, "db">, reader: StaffUserForPermissions, filters: AuditFilters, now: number): Promise<boolean> {
  const searched = searchedFilters(filters);
  const written = await services.db.transaction().execute(async (transaction) => {
    // The head entry is found by its key: no scan of the log, however long it grows.
    const head = await transaction.selectFrom("audit_chain_head").select("sequence").where("id", "=", 1).executeTakeFirstOrThrow();
    const latest = await transaction
      .selectFrom("audit_log")
      .select(["actor_type", "actor_id", "action", "details", "occurred_at"])
      .where("sequence", "=", Number(head.sequence))
      .executeTakeFirst();
    const continues =
      latest !== undefined &&
      latest.actor_type === "staff" &&
      latest.actor_id === reader.id &&
      now - latest.occurred_at < auditViewWindowMs &&
      (latest.action === "audit.verified" || (latest.action === "audit.viewed" && latest.details === JSON.stringify({ filters: searched })));
    if (continues) return false;
    await appendAuditEntry(transaction, { actorType: "staff", actorId: reader.id, action: "audit.viewed", details: { filters: searched }, occurredAt: now });
    return true;
  });
  return written;
}

/** The filters in a fixed order with empty ones left out, so the same search always reads the same. */
function searchedFilters(filters: AuditFilters): Record<string, string> {
  const searched: Record<string, string> = {};
  for (const name of ["action", "actorId", "caseReference", "from", "to"] as const) {
    const value = filters[name];
    if (value) searched[name] = value;
  }
  return searched;
}

export type ChainCheck =
  | { intact: true; entries: number }
  | {
      intact: false;
      /** Entries checked and found sound before the break. */
      entries: number;
      kind: ChainBreak["kind"];
      /** The first entry that does not hold (for a cut end: the last one left). */
      sequence: number;
      occurredAt: number | null;
      /** For a gap: the entry missing. For a cut end: how many were written. */
      expectedSequence?: number;
      headSequence?: number;
    };

/**
 * Walks the whole chain and records that it was checked, and what was found, in the log itself.
 * The caller checked `audit.verify`.
 */
export async function verifyAuditChain(services: Pick<AppServices, "db">, reader: StaffUserForPermissions, now: number): Promise<ChainCheck> {
  const { db } = services;
  const verification = await verifyAuditLog(db);
  let check: ChainCheck;
  if (verification.intact) {
    check = { intact: true, entries: verification.entries };
  } else {
    const chainBreak = verification.chainBreak;
    const sequence = chainBreak.kind === "head_mismatch" ? chainBreak.lastSequence : chainBreak.sequence;
    const entry = sequence > 0 ? await db.selectFrom("audit_log").select("occurred_at").where("sequence", "=", sequence).executeTakeFirst() : undefined;
    check = {
      intact: false,
      entries: verification.entries,
      kind: chainBreak.kind,
      sequence,
      occurredAt: entry?.occurred_at ?? null,
      ...(chainBreak.kind === "gap" ? { expectedSequence: chainBreak.expectedSequence } : {}),
      ...(chainBreak.kind === "head_mismatch" ? { headSequence: chainBreak.headSequence } : {}),
    };
  }
  await db.transaction().execute((transaction) =>
    appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: reader.id,
      action: "audit.verified",
      details: check.intact ? { intact: true, entries: check.entries } : { intact: false, entries: check.entries, kind: check.kind, sequence: check.sequence },
      occurredAt: now,
    }),
  );
  return check;
}
