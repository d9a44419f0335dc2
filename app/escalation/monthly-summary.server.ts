import { sql } from "kysely";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { Queryable } from "../db.server";
import { formatMonthYear } from "../i18n/format";
import { enqueueEmailToEach } from "../notify/outbox.server";
import type { AppServices } from "../services.server";
import { monthlySummaryEmail, type MonthlySummaryCounts } from "../../emails/monthly-summary";
import { previousMonthOf, type SummaryMonth } from "./decision-rules";

/**
 * The monthly summary to executives (ITA.md: "report to executives every month"): what came in,
 * what was late at month end, what was escalated and decided — counted from plaintext metadata
 * only, never by decrypting — e-mailed once per month to every active executive and member of the
 * audit committee, with a link to their inbox.
 *
 * Once per month, however many nodes or cron runs try: a settings row keyed by the month is
 * inserted (or found) in the same transaction as the e-mails, so the e-mails exist exactly when
 * the row does. See docs/decisions/0011-executive-decisions.md.
 */

export function monthlySummarySettingKey(month: SummaryMonth): string {
  return `escalations.monthly_summary.sent:${month.key}`;
}

/**
 * A case is overdue at month end when a clock was due before the month ended and not met by then,
 * and the case was neither resolved nor finished by then — judged from the deadlines as stored now.
 */
export async function monthlySummaryCounts(db: Queryable, month: SummaryMonth): Promise<MonthlySummaryCounts> {
  const { start, end } = month.range;
  const count = { count: sql<number>`count(*)` };
  const [received, overdue, escalated, decided, awaiting] = await Promise.all([
    db.selectFrom("cases").select(count.count.as("count")).where("created_at", ">=", start).where("created_at", "<", end).executeTakeFirstOrThrow(),
    db
      .selectFrom("cases")
      .select(count.count.as("count"))
      .where("created_at", "<", end)
      .where((eb) => eb.or([eb("resolved_at", "is", null), eb("resolved_at", ">=", end)]))
      .where((eb) => eb.or([eb("closed_at", "is", null), eb("closed_at", ">=", end)]))
      .where((eb) =>
        eb.or([
          eb.and([eb("acknowledge_due_at", "<", end), eb.or([eb("acknowledged_at", "is", null), eb("acknowledged_at", ">=", end)])]),
          eb.and([eb("first_response_due_at", "<", end), eb.or([eb("first_response_at", "is", null), eb("first_response_at", ">=", end)])]),
          eb("resolve_due_at", "<", end),
        ]),
      )
      .executeTakeFirstOrThrow(),
    db.selectFrom("escalations").select(count.count.as("count")).where("created_at", ">=", start).where("created_at", "<", end).executeTakeFirstOrThrow(),
    db.selectFrom("escalations").select(count.count.as("count")).where("decided_at", ">=", start).where("decided_at", "<", end).executeTakeFirstOrThrow(),
    db
      .selectFrom("escalations")
      .select(count.count.as("count"))
      .where("created_at", "<", end)
      .where((eb) => eb.or([eb("decided_at", "is", null), eb("decided_at", ">=", end)]))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    received: Number(received.count),
    overdueAtMonthEnd: Number(overdue.count),
    escalated: Number(escalated.count),
    decided: Number(decided.count),
    awaitingAtMonthEnd: Number(awaiting.count),
  };
}

export type MonthlySummaryResult = { sent: true; recipients: number; counts: MonthlySummaryCounts } | { sent: false; reason: "already_sent" | "month_not_over" };

/** Sends the summary of `month` unless it was sent already; a month is summarised only once it is over. */
export async function sendMonthlySummary(services: AppServices, month: SummaryMonth, now: number): Promise<MonthlySummaryResult> {
  if (now < month.range.end) return { sent: false, reason: "month_not_over" };
  const { db, config } = services;
  const counts = await monthlySummaryCounts(db, month);
  // The month's middle, so the label is the month whatever the time zone of the formatter.
  const middle = Math.floor((month.range.start + month.range.end) / 2);
  const email = monthlySummaryEmail({
    monthLabel: { th: formatMonthYear(middle, "th"), en: formatMonthYear(middle, "en") },
    counts,
    inboxUrl: `${config.publicBaseUrl}/staff/escalations`,
    workspaceUrl: `${config.publicBaseUrl}/staff`,
  });
  return db.transaction().execute(async (transaction): Promise<MonthlySummaryResult> => {
    const claimed = await transaction
      .insertInto("settings")
      .values({ key: monthlySummarySettingKey(month), value: JSON.stringify({ sentAt: now, counts }), updated_at: now })
      // Not a caught unique violation: on PostgreSQL that would abort the transaction. A concurrent
      // run's uncommitted row makes this insert wait, then do nothing.
      .onConflict((conflict) => conflict.column("key").doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return { sent: false, reason: "already_sent" };
    const recipients = await transaction.selectFrom("staff_users").select(["id", "email"]).where("role", "in", ["executive", "audit_committee"]).where("is_active", "=", 1).orderBy("id").execute();
    await enqueueEmailToEach(transaction, services.secrets.keyring, recipients, email, now);
    await appendAuditEntry(transaction, {
      actorType: "system",
      action: "escalation.monthly_summary_sent",
      targetType: "report",
      targetId: month.key,
      details: { ...counts, recipients: recipients.length },
      occurredAt: now,
    });
    return { sent: true, recipients: recipients.length, counts };
  });
}

/**
 * The in-process schedule (the SLA sweeper calls it on every pass): once the month is over, the
 * previous month's summary goes out, once, on the first pass that finds it unsent. A pass that finds
 * it sent costs one read by key; several nodes racing are settled by `sendMonthlySummary`'s claim.
 * `npm run report:monthly-summary` remains for cron or for sending a given month by hand.
 */
export async function sendPreviousMonthSummaryIfDue(services: AppServices, now: number): Promise<MonthlySummaryResult> {
  const month = previousMonthOf(now);
  const sent = await services.db.selectFrom("settings").select("key").where("key", "=", monthlySummarySettingKey(month)).executeTakeFirst();
  if (sent) return { sent: false, reason: "already_sent" };
  return sendMonthlySummary(services, month, now);
}
