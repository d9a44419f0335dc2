/**
 * `npm run purge:expired`: one pass of the retention purge, for a cron job (each server also runs
 * it once a day). Anonymizes the cases that ended more than RETENTION_YEARS ago, deletes their
 * evidence files, ended staff sessions and old delivered mail (docs/decisions/0017). Safe to run
 * again and beside running servers: a case already anonymized is left alone.
 */
import { purgeExpired } from "../app/retention/retention.server";
import { migrateDatabase } from "../app/startup.server";
import { runWithServices } from "./script-services";

await runWithServices(async (services) => {
  await migrateDatabase(services);
  const result = await purgeExpired(services, Date.now());
  console.log(
    `purge-expired: ${result.casesAnonymized} cases anonymized, ${result.filesDeleted} evidence files deleted, ${result.sessionsPurged} ended sessions and ${result.outboxMessagesPurged} old outbox messages removed.`,
  );
  if (result.casesFailed > 0) {
    console.error(`${result.casesFailed} cases could not be anonymized (see the log); the next run tries them again.`);
    return 1;
  }
  return 0;
});
