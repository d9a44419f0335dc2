/**
 * Load and fault runs against the real production server on loopback (issue 7), each on SQLite and
 * on PostgreSQL:
 *   load         N reporters file for T seconds; every receipt is a stored, decryptable, audited case
 *   sigkill      the same load, with kill -9 of the server halfway and a restart on the same data
 *   smtp-outage  the SMTP server is down while cases are filed and for `--outage-seconds` in all,
 *                then comes back on the same port: every e-mail arrives exactly once, none dead
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
import type { AppServices } from "../../app/services.server";
import { checkIntegrity, checkMail, checkReceipts, outboxCounts, waitForDrainedOutbox } from "./checks";
import { createServerProcess, PostgresDatabases, servicesOf, sleep, startRestartableSmtp, type Dialect, type RestartableSmtp, type ServerProcess } from "./harness";
import { describeLoad, latencyTimeline, runLoad, type LoadOutcome } from "./load-client";

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

const scenarios = ["load", "sigkill", "smtp-outage"] as const;
type Scenario = (typeof scenarios)[number];
const chosenScenarios: Scenario[] = values.scenario === "all" ? [...scenarios] : [values.scenario as Scenario];
const chosenDialects: Dialect[] = values.dialect === "both" ? ["sqlite", "postgres"] : [values.dialect as Dialect];
for (const scenario of chosenScenarios) if (!scenarios.includes(scenario)) throw new Error(`unknown --scenario ${scenario}`);
for (const dialect of chosenDialects) if (dialect !== "sqlite" && dialect !== "postgres") throw new Error(`unknown --dialect ${String(dialect)}`);
const clients = Number(values.clients);
const durationMs = Number(values.seconds) * 1000;
const outageMs = Number(values["outage-seconds"]) * 1000;
const outageFilingMs = Math.min(Number(values["outage-filing-seconds"]) * 1000, outageMs);

interface RunResult {
  scenario: Scenario;
  dialect: Dialect;
  passed: boolean;
  problems: string[];
  figures: Record<string, unknown>;
}

function say(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** No answer may be a server error, and every answer must be a receipt. */
function loadProblems(outcome: LoadOutcome): string[] {
  const problems: string[] = [];
  const summary = describeLoad(outcome);
  if (summary.serverErrors > 0) problems.push(`${summary.serverErrors} answers were 5xx`);
  for (const failure of outcome.failures.slice(0, 5)) problems.push(`answer ${failure.status} without a receipt: ${failure.excerpt}`);
  if (outcome.failures.length > 5) problems.push(`… ${outcome.failures.length - 5} more answers without a receipt`);
  if (outcome.filings.length === 0) problems.push("no filing got a receipt");
  return problems;
}

async function withEnvironment(dialect: Dialect, databases: PostgresDatabases | undefined, run: (server: ServerProcess, smtp: RestartableSmtp) => Promise<Omit<RunResult, "scenario" | "dialect" | "passed">>) {
  const smtp = await startRestartableSmtp();
  const server = await createServerProcess({ databaseUrl: dialect === "postgres" ? await databases!.create() : undefined, smtpUrl: smtp.url });
  try {
    return await run(server, smtp);
  } catch (error) {
    return { problems: [`the run itself failed: ${error instanceof Error ? error.stack : String(error)}; server log ${server.logFile}`], figures: {} };
  } finally {
    await server.dispose();
    await smtp.stop();
  }
}

async function finalChecks(services: AppServices, smtp: RestartableSmtp, outcome: LoadOutcome, drainTimeoutMs: number) {
  const drained = await waitForDrainedOutbox(services, drainTimeoutMs, (counts) => say(`  outbox: ${JSON.stringify(counts)}`));
  // The SMTP server stores a message before its 250 reply: by now every accepted one is counted.
  const receipts = await checkReceipts(services, outcome.filings);
  const integrity = await checkIntegrity(services);
  const mail = await checkMail(services, smtp.messages, outcome.filings);
  return {
    problems: [...receipts, ...integrity.problems, ...mail.problems],
    figures: { outbox: drained.counts, drainSeconds: Math.round(drained.waitedMs / 1000), integrity: integrity.report, mail: mail.report },
  };
}

async function loadScenario(dialect: Dialect, databases: PostgresDatabases | undefined) {
  return withEnvironment(dialect, databases, async (server, smtp) => {
    await server.start();
    say(`  ${clients} clients for ${durationMs / 1000} s on ${server.baseUrl}`);
    const outcome = await runLoad({ baseUrl: server.baseUrl, clients, durationMs, label: `load-${dialect}` });
    const load = describeLoad(outcome);
    say(`  ${JSON.stringify(load)}`);
    say(`  latency by send time: ${JSON.stringify(latencyTimeline(outcome))}`);
    const services = servicesOf(server);
    try {
      const checks = await finalChecks(services, smtp, outcome, 1_200_000);
      return { problems: [...loadProblems(outcome), ...checks.problems], figures: { load, ...checks.figures } };
    } finally {
      await services.db.destroy();
    }
  });
}

async function sigkillScenario(dialect: Dialect, databases: PostgresDatabases | undefined) {
  return withEnvironment(dialect, databases, async (server, smtp) => {
    await server.start();
    const origin = performance.now();
    const fault = { killedAtMs: 0, downMs: 0, outboxAtKill: undefined as unknown };
    say(`  ${clients} clients for ${durationMs / 1000} s; kill -9 at ${durationMs / 2000} s`);
    const outcome = await runLoad({
      baseUrl: server.baseUrl,
      clients,
      durationMs,
      label: `kill-${dialect}`,
      fault: {
        atMs: durationMs / 2,
        run: async () => {
          await server.killHard();
          fault.killedAtMs = performance.now() - origin;
          const services = servicesOf(server);
          fault.outboxAtKill = await outboxCounts(services).finally(() => services.db.destroy());
          await server.start();
          fault.downMs = performance.now() - origin - fault.killedAtMs;
          say(`  killed at ${(fault.killedAtMs / 1000).toFixed(1)} s (outbox then: ${JSON.stringify(fault.outboxAtKill)}), serving again after ${(fault.downMs / 1000).toFixed(1)} s`);
        },
      },
    });
    const load = describeLoad(outcome);
    say(`  ${JSON.stringify(load)}`);
    say(`  latency by send time: ${JSON.stringify(latencyTimeline(outcome))}`);
    const services = servicesOf(server);
    try {
      // A claim held by the killed process is taken over once its lease (120 s) runs out.
      const checks = await finalChecks(services, smtp, outcome, 1_200_000);
      const receiptsBeforeKill = outcome.filings.filter((filing) => filing.receivedAt < fault.killedAtMs).length;
      return {
        problems: [...loadProblems(outcome), ...checks.problems],
        figures: { load, receiptsBeforeKill, killedAtSeconds: Number((fault.killedAtMs / 1000).toFixed(1)), restartSeconds: Number((fault.downMs / 1000).toFixed(1)), outboxAtKill: fault.outboxAtKill, ...checks.figures },
      };
    } finally {
      await services.db.destroy();
    }
  });
}

async function smtpOutageScenario(dialect: Dialect, databases: PostgresDatabases | undefined) {
  return withEnvironment(dialect, databases, async (server, smtp) => {
    await server.start();
    await smtp.stop();
    const downAt = Date.now();
    say(`  SMTP down; ${clients} clients file for ${outageFilingMs / 1000} s; SMTP stays down ${outageMs / 1000} s in all`);
    const outcome = await runLoad({ baseUrl: server.baseUrl, clients, durationMs: outageFilingMs, label: `outage-${dialect}` });
    const load = describeLoad(outcome);
    say(`  ${JSON.stringify(load)}`);
    say(`  latency by send time: ${JSON.stringify(latencyTimeline(outcome))}`);
    const services = servicesOf(server);
    try {
      while (Date.now() - downAt < outageMs) {
        const counts = await outboxCounts(services);
        if (counts.dead > 0) break;
        await sleep(Math.min(30_000, outageMs - (Date.now() - downAt)));
        say(`  outage ${Math.round((Date.now() - downAt) / 1000)} s: outbox ${JSON.stringify(await outboxCounts(services))}`);
      }
      const duringOutage = await outboxCounts(services);
      await smtp.start();
      const upAt = Date.now();
      say(`  SMTP up again on the same port after ${Math.round((upAt - downAt) / 1000)} s`);
      // The retry delay doubles from 30 s: after a 10-minute outage the next try of any message is at
      // most one interval (8 min, +20 % jitter) away, far below OUTBOX_MAX_ATTEMPTS (12).
      const checks = await finalChecks(services, smtp, outcome, 1_800_000);
      return {
        problems: [...loadProblems(outcome), ...checks.problems],
        figures: { load, outageSeconds: Math.round((upAt - downAt) / 1000), outboxAtRecovery: duringOutage, drainedSecondsAfterRecovery: Math.round((Date.now() - upAt) / 1000), ...checks.figures },
      };
    } finally {
      await services.db.destroy();
    }
  });
}

const runners: Record<Scenario, typeof loadScenario> = { load: loadScenario, sigkill: sigkillScenario, "smtp-outage": smtpOutageScenario };

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
      const outcome = await runners[scenario](dialect, databases);
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
