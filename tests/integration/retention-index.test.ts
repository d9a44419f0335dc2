import { sql, type Insertable } from "kysely";
import { expect, it } from "vitest";
import { retentionCutoff } from "../../app/retention/retention-period";
import { purgeExpired } from "../../app/retention/retention.server";
import type { CasesTable } from "../../db/schema";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";
import { planOf, queryRecorder } from "../support/query-recorder";
import { testServices } from "../support/services";

/**
 * The daily purge finds the expired cases through cases_retention_index (migration 0017), not by
 * reading every case, and walks them in batches without skipping or repeating one.
 */

const day = 24 * 60 * 60 * 1000;
const now = Date.parse("2032-06-15T10:00:00+07:00");
const cutoff = retentionCutoff(now, 5);

describeEachDialect("the retention purge's index (migration 0017)", (current) => {
  it("anonymizes every expired case across batches, and only those, reading them through the index", async () => {
    const { dialect } = current();
    const services = testServices(current());
    await insertBareCase(services.db, { status: "closed", closed_at: cutoff - 400 * day }, cutoff - 500 * day);
    const original = await services.db.selectFrom("cases").selectAll().where("id", "=", "case-1").executeTakeFirstOrThrow();
    const rows: Array<Insertable<CasesTable>> = [];
    const expired = new Set(["case-1"]);
    for (let index = 0; index < 900; index += 1) {
      const id = `case-${String(index).padStart(4, "0")}`;
      // Three ended long ago for every one ended lately, one resolved and one still open; several
      // share an end instant, so the cursor's tie on the id is used.
      const endedAt = index % 5 < 3 ? cutoff - (1 + Math.floor(index / 4)) * day : cutoff + day;
      const fields: Partial<Insertable<CasesTable>> =
        index % 5 === 3
          ? { status: "resolved", resolved_at: index % 2 === 0 ? cutoff - 3 * day : cutoff + 3 * day, closed_at: null }
          : index % 5 === 4
            ? { status: "in_progress", closed_at: null, resolved_at: null }
            : { status: (["closed", "rejected", "referred"] as const)[index % 3]!, closed_at: endedAt };
      rows.push({ ...original, id, reference: `PS-2569-${String(index + 100).padStart(6, "0")}`, tracking_lookup: `lookup-bulk-${index}`, ...fields });
      const row = rows[rows.length - 1]!;
      if ((row.closed_at !== null && row.closed_at !== undefined && row.closed_at < cutoff) || (row.status === "resolved" && row.resolved_at! < cutoff)) expired.add(id);
    }
    for (let start = 0; start < rows.length; start += 300) await services.db.insertInto("cases").values(rows.slice(start, start + 300)).execute();
    expect(expired.size).toBeGreaterThan(400);

    const recorded = queryRecorder(services.db);
    const result = await purgeExpired({ ...services, db: recorded.db }, now);
    expect(result).toMatchObject({ casesAnonymized: expired.size, casesFailed: 0 });
    const anonymized = await services.db.selectFrom("cases").select("id").where("anonymized_at", "is not", null).execute();
    expect(new Set(anonymized.map((row) => row.id))).toEqual(expired);

    // Every batch read, the later ones after a cursor, goes through the index.
    const batches = recorded.compiled().filter((query) => /^select "id", \(case when status/.test(query.sql));
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of batches) {
      if (dialect === "sqlite") {
        expect(await planOf(services.db, "explain query plan", batch)).toMatch(/USING INDEX cases_retention_index/);
      } else {
        // On a table this small PostgreSQL rightly reads it all; with that closed off, the index is
        // what it can use, which it can only if the query repeats the index's expression.
        const plan = await services.db.transaction().execute(async (transaction) => {
          await sql`set local enable_seqscan = off`.execute(transaction);
          return planOf(transaction, "explain", batch);
        });
        expect(plan).toMatch(/cases_retention_index/);
      }
    }
  });
});
