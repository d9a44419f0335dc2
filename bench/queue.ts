import { sql } from "kysely";
import { staffSessionCookie } from "../app/auth/staff-request.server";
import { createSession } from "../app/auth/sessions.server";
import { listQueue, queueCountCap, queueCounts, queuesFor, type Queue } from "../app/cases/queues.server";
import type { AppServices } from "../app/services.server";
import { loader as queueLoader } from "../app/routes/staff._index";
import type { GeneratedData } from "./generate";
import { ms, ratio, report, sample } from "./measure";

const pageSize = 25;
const runs = 60;

/**
 * What one queue page should cost: the single keyset query, hand-written over the same index
 * (`cases_next_due_index`), same columns, same joins, same recusal test. A dated case is an open
 * one (migration 0012), so no status list.
 */
function handWrittenPage(services: AppServices, staffId: string, after: { key: number; id: string } | null) {
  const keyset = after ? sql`and c.next_due_at >= ${after.key} and (c.next_due_at > ${after.key} or c.id > ${after.id})` : sql``;
  return sql`
    select c.id, c.reference, c.kind, c.channel, c.created_at, c.updated_at, c.status, c.next_due_at,
           c.acknowledge_due_at, c.first_response_due_at, c.resolve_due_at, c.acknowledged_at, c.first_response_at,
           c.resolved_at, c.paused_at, c.is_overdue, k.name_th, k.name_en, a.display_name
    from cases c
    join categories k on k.id = c.category_id
    left join staff_users a on a.id = c.assignee_id
    where c.next_due_at is not null
      and not exists (select 1 from conflicts x where x.case_id = c.id and x.staff_user_id = ${staffId})
      ${keyset}
    order by c.next_due_at, c.id
    limit ${pageSize + 1}`.execute(services.db);
}

function decodeCursor(cursor: string): { key: number; id: string } {
  const [, key, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, number, string];
  return { key, id };
}

export async function benchQueue(services: AppServices, dialect: string, generated: GeneratedData, totalCases: number, deepPages: number, note = ""): Promise<void> {
  const supervisor = generated.staff.find((member) => member.role === "supervisor")!;
  const staff = { id: supervisor.id, role: supervisor.role, teamId: supervisor.teamId };
  const now = Date.now();
  const queue: Queue = "all";
  const label = `Staff queue "all" at ${totalCases.toLocaleString("en")} cases${note}`;

  // Walk to the deep page by the cursor, as a person clicking "next" would.
  let cursor: string | undefined;
  for (let page = 0; page < deepPages; page += 1) {
    const result = await listQueue(services.db, staff, queue, {}, { after: cursor, limit: pageSize }, now);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  const deep = cursor;

  const session = await createSession(services.db, staff.id, now, { mfaVerified: true });
  const cookie = await staffSessionCookie(false).serialize(session.cookieValue);
  const callLoader = (after?: string) =>
    queueLoader({
      request: new Request(`http://localhost/staff?queue=${queue}${after ? `&after=${after}` : ""}`, { headers: { Cookie: cookie } }),
      context: { services, clientKey: "bench", cspNonce: "bench", logger: services.logger } as never,
      params: {},
    });

  // The loader also counts every tab the role may open, each up to the cap (queueCountCap + 1 rows at most).
  const counts = await sample(() => queueCounts(services.db, staff, now), 10, 1);
  report({ dialect, benchmark: label, measure: `tab counts (queueCounts, ${queuesFor(staff).length} queues, capped at ${queueCountCap}) p50 / p95`, value: `${ms(counts.p50)} / ${ms(counts.p95)}` });

  for (const [name, after] of [["first page", undefined], [`page ${deepPages + 1} (keyset)`, deep]] as const) {
    const service = await sample(() => listQueue(services.db, staff, queue, {}, { after, limit: pageSize }, now), runs);
    const baseline = await sample(() => handWrittenPage(services, staff.id, after ? decodeCursor(after) : null), runs);
    const loader = await sample(() => callLoader(after), Math.round(runs / 2));
    report({ dialect, benchmark: label, measure: `${name}: listQueue p50 / p95`, value: `${ms(service.p50)} / ${ms(service.p95)}`, goal: "p95 < 50 ms", met: service.p95 < 50 });
    report({ dialect, benchmark: label, measure: `${name}: hand-written query p50 / p95`, value: `${ms(baseline.p50)} / ${ms(baseline.p95)}` });
    const serviceRatio = service.p50 / baseline.p50;
    report({ dialect, benchmark: label, measure: `${name}: listQueue ÷ query (p50)`, value: ratio(serviceRatio), goal: "≤ 2×", met: serviceRatio <= 2 });
    const loaderRatio = loader.p50 / baseline.p50;
    report({ dialect, benchmark: label, measure: `${name}: whole loader (session, page, tab counts, calendar) p50 / p95`, value: `${ms(loader.p50)} / ${ms(loader.p95)}`, goal: "p95 < 50 ms", met: loader.p95 < 50 });
    report({ dialect, benchmark: label, measure: `${name}: whole loader ÷ query (p50)`, value: ratio(loaderRatio), goal: "≤ 2×", met: loaderRatio <= 2 });
  }
}
