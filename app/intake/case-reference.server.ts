import type { QueryCreator, Transaction } from "kysely";
import type { Database } from "../db.server";

/**
 * Case references number cases per fiscal year: `PS-2569-000123`. One upsert takes the next number
 * and, on PostgreSQL, holds the counter's row lock until the transaction ends, so two filings never
 * share a number and a rolled-back filing gives its number back. A builder, so a caller may run it
 * inside a statement of its own (intake does, to spare a round trip).
 */
export function takeReferenceNumber(db: QueryCreator<Database>, fiscalYear: number) {
  return db
    .insertInto("reference_counters")
    .values({ fiscal_year: fiscalYear, last_number: 1 })
    .onConflict((conflict) => conflict.column("fiscal_year").doUpdateSet((update) => ({ last_number: update("reference_counters.last_number", "+", 1) })))
    .returning("last_number");
}

export async function allocateCaseReference(transaction: Transaction<Database>, fiscalYear: number): Promise<string> {
  const { last_number: number } = await takeReferenceNumber(transaction, fiscalYear).executeTakeFirstOrThrow();
  return formatCaseReference(fiscalYear, Number(number));
}

export function formatCaseReference(fiscalYear: number, number: number): string {
  return `PS-${fiscalYear}-${String(number).padStart(6, "0")}`;
}
