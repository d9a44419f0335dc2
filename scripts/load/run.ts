/**
 * Load and fault runs against the real production server on loopback (issue 7), each on SQLite and
 * on PostgreSQL:
 *   load         N reporters file for T seconds; every receipt is a stored, decryptable, audited case
 *   sigkill      the same load, with kill -9 of the server halfway and a restart on the same data
 *   smtp-outage  the SMTP server is down while cases are filed and for `--outage-seconds` in all,
 *                then comes back on the same port: every e-mail arrives under its own Message-ID,
 *                none dead
 * (the scenarios themselves are in scenarios.ts; `npm test` runs short ones, tests/e2e/load-and-faults.test.ts)
 *
 *   npm run test:load [-- --scenario=load|sigkill|smtp-outage|all --dialect=sqlite|postgres|both
 *                         --clients=200 --seconds=60 --outage-seconds=600 --outage-filing-seconds=60
 *                         --results=<file.json>]
 *
 * Needs the production build (`npm run build`; test:load builds first). Prints a summary per run
 * and ends with "N passed, N failed"; exits 1 when any run failed.
 */
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { PostgresDatabases, type Dialect } from "./harness";
import { runScenario, scenarios, type Scenario, type ScenarioResult } from "./scenarios";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "all" },
    dialect: { type: "string", default: "both" },
    clients: { type: "string", default: "200" },
    seconds: { type: "string", default: "60" },
    "outage-seconds": { type: "string", default: "600" },
    "outage-filing-seconds": { type: "string", default: "60" },
    results: { type: "string" },
  },
});

const chosenScenarios: Scenario[] = values.scenario === "all" ? [...scenarios] : [values.scenario as Scenario];
const chosenDialects: Dialect[] = values.dialect === "both" ? ["sqlite", "postgres"] : [values.dialect as Dialect];
for (const scenario of chosenScenarios) if (!scenarios.includes(scenario)) throw new Error(`unknown --scenario ${scenario}`);
for (const dialect of chosenDialects) if (dialect !== "sqlite" && dialect !== "postgres") throw new Error(`unknown --dialect ${String(dialect)}`);
const clients = Number(values.clients);
const durationMs = Number(values.seconds) * 1000;
const outageMs = Number(values["outage-seconds"]) * 1000;
const outageFilingMs = Math.min(Number(values["outage-filing-seconds"]) * 1000, outageMs);

interface RunResult extends ScenarioResult {
  scenario: Scenario;
  dialect: Dialect;
  passed: boolean;
}

function say(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Production-sized waits: 20 min to drain after a load, 30 min after an outage; leases run out for real. */
function settingsFor(scenario: Scenario) {
  return { clients, durationMs, outageMs, outageFilingMs, drainTimeoutMs: scenario === "smtp-outage" ? 1_800_000 : 1_200_000, abandonedClaims: "wait" as const, say };
}

const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
say(`machine: ${JSON.stringify(machine)}`);
const databases = chosenDialects.includes("postgres") ? await PostgresDatabases.start() : undefined;
// An error thrown outside the awaited chain (an emitter without a listener) skips every `finally`:
// the throwaway PostgreSQL must not outlive the run.
process.on("uncaughtException", (error) => {
  console.error(error);
  databases?.stop();
  console.log("0 passed, 1 failed");
  process.exit(1);
});
const results: RunResult[] = [];
try {
  for (const scenario of chosenScenarios) {
    for (const dialect of chosenDialects) {
      say(`${scenario} [${dialect}]`);
      const outcome = await runScenario(scenario, dialect, databases ? () => databases.create() : undefined, settingsFor(scenario));
      const result: RunResult = { scenario, dialect, passed: outcome.problems.length === 0, ...outcome };
      results.push(result);
      say(`${scenario} [${dialect}]: ${result.passed ? "PASS" : "FAIL"} ${JSON.stringify(result.figures)}`);
      for (const problem of result.problems) say(`  problem: ${problem}`);
    }
  }
} finally {
  databases?.stop();
}
if (values.results) {
  fs.writeFileSync(values.results, JSON.stringify({ date: new Date().toISOString(), machine, settings: { clients, seconds: durationMs / 1000, outageSeconds: outageMs / 1000, outageFilingSeconds: outageFilingMs / 1000 }, results }, null, 2));
}
const passed = results.filter((result) => result.passed).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(results.length === passed ? 0 : 1);
