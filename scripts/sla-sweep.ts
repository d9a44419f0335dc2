/**
 * `npm run sla:sweep`: one pass of the SLA sweep and escalation ladder, for a cron job beside
 * servers started with SLA_SWEEP_IN_PROCESS=false. Safe to run while servers sweep too: every
 * alert and escalation is recorded once, and on PostgreSQL a sweep already running makes this one
 * skip.
 */
import { runSlaSweep } from "../app/escalation/sweep.server";
import { migrateDatabase } from "../app/startup.server";
import { runWithServices } from "./script-services";

await runWithServices(async (services) => {
  await migrateDatabase(services);
  const result = await runSlaSweep(services, Date.now());
  if (result.skipped) {
    console.log("Another SLA sweep is running; nothing done.");
    return 0;
  }
  console.log(
    `SLA sweep: ${result.casesChecked} cases checked, ${result.dueSoonAlerts} due-soon alerts, ${result.breachAlerts} breaches, ${result.escalations} escalations.`,
  );
  return 0;
});
