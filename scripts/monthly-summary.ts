/**
 * `npm run report:monthly-summary [YYYY-MM]`: e-mails executives and the audit committee the
 * summary of a month — by default the previous calendar month in Asia/Bangkok. Run it from cron on
 * the first of each month; running it again (or on several nodes) sends nothing more.
 */
import { previousMonthOf, summaryMonthOf } from "../app/escalation/decision-rules";
import { sendMonthlySummary } from "../app/escalation/monthly-summary.server";
import { migrateDatabase } from "../app/startup.server";
import { runWithServices } from "./script-services";

await runWithServices(async (services) => {
  const argument = process.argv[2];
  const now = Date.now();
  const month = argument === undefined ? previousMonthOf(now) : summaryMonthOf(argument);
  if (!month) {
    console.error(`Not a month: ${argument}. Write it as YYYY-MM, e.g. 2026-10.`);
    return 1;
  }
  await migrateDatabase(services);
  const result = await sendMonthlySummary(services, month, now);
  if (!result.sent) {
    console.log(result.reason === "already_sent" ? `The summary of ${month.key} was sent already; nothing done.` : `${month.key} is not over yet; nothing sent.`);
    return 0;
  }
  const { counts } = result;
  console.log(
    `Summary of ${month.key} queued for ${result.recipients} recipients: ${counts.received} received, ${counts.overdueAtMonthEnd} overdue at month end, ${counts.escalated} escalated, ${counts.decided} decided.`,
  );
  return 0;
});
