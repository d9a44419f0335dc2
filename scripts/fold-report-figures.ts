/**
 * `npm run report:fold`: folds every marked case into the kept report figures (decision 0020) now,
 * instead of in the first minutes of a server's start. After an upgrade that (re)fills them —
 * migration 0019, or a new `keptFiguresRulesVersion` — the first fold of a large database takes
 * minutes (6–10 at 10⁶ cases, docs/BENCHMARKS.md), and a report asked meanwhile waits for it. Run
 * `npm run db:migrate` and then this while the previous version still serves: the cases it writes
 * meanwhile are marked by the triggers and folded by the new servers within their first minute.
 * Safe beside running servers: folds take turns (an advisory lock on PostgreSQL, SQLite's writer).
 */
import { foldReportFigures, keptFiguresRulesVersion } from "../app/reports/kept-figures.server";
import { migrateDatabase } from "../app/startup.server";
import { runWithServices } from "./script-services";

await runWithServices(async (services) => {
  await migrateDatabase(services);
  const start = performance.now();
  const foldedUntil = await foldReportFigures(services.db, Date.now());
  if (foldedUntil === null) {
    console.error(`The report figures are kept by newer rules than this version's (${keptFiguresRulesVersion}): nothing folded. Run the newer version's command.`);
    return 1;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`Report figures folded up to ${new Date(foldedUntil).toISOString()} in ${seconds.toFixed(1)} s.`);
  return 0;
});
