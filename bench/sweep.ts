import type { Dialect } from "../app/db.server";
import { runSlaSweep } from "../app/escalation/sweep.server";
import { analyzeAfterBulkLoad, createBenchDatabase } from "./databases";
import { generateCases } from "./generate";
import { ms, report, timed } from "./measure";

/**
 * The SLA sweep over open cases of which only some are due. The first sweep records every alert
 * and escalation (one transaction per due case, with its e-mails); the second finds everything
 * already recorded — the steady state of a sweep every minute. Comparing scenarios shows what the
 * cost follows: the number of due cases, or the number of open ones.
 */
export async function benchSweep(dialect: Dialect, scenarios: ReadonlyArray<{ open: number; due: number }>): Promise<void> {
  for (const scenario of scenarios) {
    const database = await createBenchDatabase(dialect, `sweep${scenario.open}`);
    try {
      const now = Date.now();
      await generateCases(database.services, database.url, { cases: scenario.open, now, onlyRecentOpen: true, dueOpenCases: scenario.due, knownCodes: 1 });
      await analyzeAfterBulkLoad(database.services);
      const label = `SLA sweep, ${scenario.open.toLocaleString("en")} open cases, ${scenario.due.toLocaleString("en")} due`;
      const first = await timed(() => runSlaSweep(database.services, now));
      report({ dialect, benchmark: label, measure: `first sweep (records ${first.value.breachAlerts} breach alerts, ${first.value.escalations} escalations)`, value: ms(first.ms) });
      const steady = await timed(() => runSlaSweep(database.services, now + 60_000));
      report({ dialect, benchmark: label, measure: `next sweep (nothing new; checks ${steady.value.casesChecked} cases)`, value: ms(steady.ms), goal: "< 1 s", met: steady.ms < 1000 });
    } finally {
      await database.destroy();
    }
  }
}
