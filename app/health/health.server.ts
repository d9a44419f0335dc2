import { sql } from "kysely";
import type { Queryable } from "../db.server";

export type HealthReport = { status: "ok"; database: "ok" } | { status: "unavailable"; database: "unreachable" };

/** Answers whether this node can serve: it can if its database answers a trivial query. */
export async function checkHealth(db: Queryable): Promise<HealthReport> {
  try {
    await sql`select 1`.execute(db);
    return { status: "ok", database: "ok" };
  } catch {
    return { status: "unavailable", database: "unreachable" };
  }
}
