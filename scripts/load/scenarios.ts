import { removeOrphanEvidenceFiles } from "../../app/attachments/orphan-files.server";
import { dispatchDueMessages } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../../app/notify/mail-transport.server";
import type { AppServices } from "../../app/services.server";
import { checkIntegrity, checkMail, checkReceipts, outboxCounts, waitForDrainedOutbox, type OutboxCounts } from "./checks";
import { createServerProcess, servicesOf, sleep, startRestartableSmtp, type Dialect, type RestartableSmtp, type ServerProcess } from "./harness";
import { describeLoad, latencyTimeline, runLoad, type LoadOutcome } from "./load-client";

/*
 * The three runs of issue 7, each on one database, as functions: `npm run test:load` runs them at
 * full size (run.ts), `npm test` runs short ones (tests/e2e/load-and-faults.test.ts). Each returns
 * every problem it found as a sentence, and its figures; an empty problem list is a pass.
 */

export const scenarios = ["load", "sigkill", "smtp-outage"] as const;
export type Scenario = (typeof scenarios)[number];

export interface ScenarioSettings {
  clients: number;
  /** How long the clients file (load and sigkill; sigkill kills the server halfway). */
  durationMs: number;
  /** How long SMTP stays down in all, from before the first filing (smtp-outage). */
  outageMs: number;
  /** How long the clients file while SMTP is down (smtp-outage). */
  outageFilingMs: number;
  /** How long the outbox may take to drain after the filings (or after SMTP came back). */
  drainTimeoutMs: number;
  /** Every n-th filing carries a photo (load-client.ts; 10 unless given). */
  attachmentEvery?: number;
  /** Each client's average pause between filings (load-client.ts; none unless given). */
  pauseMs?: number;
  /** Settings the server gets on top of the harness's (e.g. cheaper argon2 for a short run). */
  serverEnvironment?: Record<string, string>;
  /**
   * The killed server's claims on e-mails it was delivering hold their rows until their lease
   * (120 s) runs out. "wait" waits that out, as production would; "take-over" runs the real
   * dispatcher pass once the rest has drained, with its clock set just past the last lease: the
   * same take-over path, without the two idle minutes a short run cannot afford.
   */
  abandonedClaims: "wait" | "take-over";
  /**
   * sigkill: whether the clients file for another T/2 once the restarted server serves (a short run,
   * whose restart takes longer than T/2), or stop T after the start whatever the restart took.
   */
  filingResumesAfterRestart?: boolean;
  /** Where progress lines go. */
  say: (message: string) => void;
}

export interface ScenarioResult {
  problems: string[];
  figures: Record<string, unknown>;
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

type Run = (server: ServerProcess, smtp: RestartableSmtp) => Promise<ScenarioResult>;

async function withEnvironment(databaseUrl: string | undefined, settings: ScenarioSettings, run: Run): Promise<ScenarioResult> {
  const smtp = await startRestartableSmtp();
  const server = await createServerProcess({ databaseUrl, smtpUrl: smtp.url, extra: settings.serverEnvironment });
  try {
    return await run(server, smtp);
  } catch (error) {
    return { problems: [`the run itself failed: ${error instanceof Error ? error.stack : String(error)}; server log ${server.logFile}`], figures: {} };
  } finally {
    await server.dispose();
    await smtp.stop();
  }
}

async function finalChecks(services: AppServices, smtp: RestartableSmtp, outcome: LoadOutcome, settings: ScenarioSettings) {
  const drained = await waitForDrainedOutbox(services, settings.drainTimeoutMs, (counts) => settings.say(`  outbox: ${JSON.stringify(counts)}`));
  // The SMTP server stores a message before its 250 reply: by now every accepted one is counted.
  const receipts = await checkReceipts(services, outcome.filings);
  const integrity = await checkIntegrity(services);
  const mail = await checkMail(services, smtp.messages, outcome.filings);
  return {
    problems: [...receipts, ...integrity.problems, ...mail.problems],
    figures: { outbox: drained.counts, drainSeconds: Math.round(drained.waitedMs / 1000), integrity: integrity.report, mail: mail.report },
  };
}

function describeOutcome(outcome: LoadOutcome, settings: ScenarioSettings) {
  const load = describeLoad(outcome);
  settings.say(`  ${JSON.stringify(load)}`);
  settings.say(`  latency by send time: ${JSON.stringify(latencyTimeline(outcome))}`);
  return load;
}

async function loadScenario(databaseUrl: string | undefined, settings: ScenarioSettings, label: string) {
  return withEnvironment(databaseUrl, settings, async (server, smtp) => {
    await server.start();
    settings.say(`  ${settings.clients} clients for ${settings.durationMs / 1000} s on ${server.baseUrl}`);
    const outcome = await runLoad({ baseUrl: server.baseUrl, clients: settings.clients, durationMs: settings.durationMs, attachmentEvery: settings.attachmentEvery, pauseMs: settings.pauseMs, label });
    const load = describeOutcome(outcome, settings);
    const services = servicesOf(server);
    try {
      const checks = await finalChecks(services, smtp, outcome, settings);
      return { problems: [...loadProblems(outcome), ...checks.problems], figures: { load, ...checks.figures } };
    } finally {
      await services.db.destroy();
    }
  });
}

interface AbandonedClaim {
  id: string;
  lockedUntil: number;
}

/** While the server is dead: the rows its dispatcher had claimed and not finished. */
async function claimsOf(services: AppServices): Promise<AbandonedClaim[]> {
  const rows = await services.db.selectFrom("outbox").select(["id", "locked_until"]).where("status", "=", "sending").execute();
  return rows.map((row) => ({ id: row.id, lockedUntil: Number(row.locked_until) }));
}

/**
 * Once every other e-mail is out, the claims left are the killed server's: the dispatcher's pass,
 * run here with its clock just past the last of their leases, takes them over as the restarted
 * server would two minutes later.
 */
async function takeOverAbandonedClaims(services: AppServices, abandoned: AbandonedClaim[], settings: ScenarioSettings): Promise<number> {
  const ids = new Set(abandoned.map((claim) => claim.id));
  const deadline = Date.now() + settings.drainTimeoutMs;
  for (;;) {
    const pending = await services.db.selectFrom("outbox").select(["id", "status"]).where("kind", "=", "email").where("status", "in", ["pending", "sending"]).execute();
    const stillClaimed = pending.filter((row) => row.status === "sending" && ids.has(row.id));
    if (stillClaimed.length === 0) return 0;
    if (stillClaimed.length === pending.length) break;
    if (Date.now() > deadline) return 0;
    await sleep(500);
  }
  const transport = createMailTransport(services.config, services.logger);
  try {
    const afterLeases = Math.max(...abandoned.map((claim) => claim.lockedUntil)) + 1;
    const result = await dispatchDueMessages(services, transport, afterLeases);
    settings.say(`  took over the killed server's claims: ${JSON.stringify(result)}`);
    return result.sent + result.retried + result.dead;
  } finally {
    transport.close();
  }
}

async function sigkillScenario(databaseUrl: string | undefined, settings: ScenarioSettings, label: string) {
  return withEnvironment(databaseUrl, settings, async (server, smtp) => {
    const { clients, durationMs } = settings;
    await server.start();
    const origin = performance.now();
    const fault = { killedAtMs: 0, downMs: 0, outboxAtKill: undefined as OutboxCounts | undefined, abandoned: [] as AbandonedClaim[] };
    settings.say(`  ${clients} clients for ${durationMs / 1000} s; kill -9 at ${durationMs / 2000} s`);
    const outcome = await runLoad({
      baseUrl: server.baseUrl,
      clients,
      durationMs,
      attachmentEvery: settings.attachmentEvery, pauseMs: settings.pauseMs,
      label,
      fault: {
        atMs: durationMs / 2,
        clockStops: settings.filingResumesAfterRestart,
        run: async () => {
          await server.killHard();
          fault.killedAtMs = performance.now() - origin;
          const services = servicesOf(server);
          try {
            fault.outboxAtKill = await outboxCounts(services);
            fault.abandoned = await claimsOf(services);
          } finally {
            await services.db.destroy();
          }
          await server.start();
          fault.downMs = performance.now() - origin - fault.killedAtMs;
          settings.say(`  killed at ${(fault.killedAtMs / 1000).toFixed(1)} s (outbox then: ${JSON.stringify(fault.outboxAtKill)}), serving again after ${(fault.downMs / 1000).toFixed(1)} s`);
        },
      },
    });
    const load = describeOutcome(outcome, settings);
    const services = servicesOf(server);
    try {
      const takenOver = settings.abandonedClaims === "take-over" && fault.abandoned.length > 0 ? await takeOverAbandonedClaims(services, fault.abandoned, settings) : 0;
      // Waiting: a claim held by the killed process is taken over once its lease (120 s) runs out.
      const checks = await finalChecks(services, smtp, outcome, settings);
      const problems = [...loadProblems(outcome), ...checks.problems];
      if (fault.killedAtMs === 0) problems.push("the server was never killed");
      const receiptsBeforeKill = outcome.filings.filter((filing) => filing.receivedAt < fault.killedAtMs).length;
      if (receiptsBeforeKill === 0 || receiptsBeforeKill === outcome.filings.length) problems.push(`the kill did not fall among the filings (${receiptsBeforeKill} of ${outcome.filings.length} receipts before it)`);

      // Stopped, nothing is mid-filing: every unnamed file is an orphan, and the sweep with no
      // minimum age must take exactly those and keep every file a row names.
      await server.stop();
      const sweep = await removeOrphanEvidenceFiles(services, Date.now(), 0);
      const afterSweep = await checkIntegrity(services);
      problems.push(...afterSweep.problems.map((problem) => `after the orphan sweep: ${problem}`));
      if (afterSweep.report.orphanFiles > 0) problems.push(`after the orphan sweep ${afterSweep.report.orphanFiles} orphan evidence files remain`);
      const orphansBefore = (checks.figures.integrity as { orphanFiles: number }).orphanFiles;
      if (sweep.orphansDeleted !== orphansBefore) problems.push(`the orphan sweep deleted ${sweep.orphansDeleted} files, the check had counted ${orphansBefore}`);
      return {
        problems,
        figures: {
          load,
          receiptsBeforeKill,
          killedAtSeconds: Number((fault.killedAtMs / 1000).toFixed(1)),
          restartSeconds: Number((fault.downMs / 1000).toFixed(1)),
          outboxAtKill: fault.outboxAtKill,
          claimsAtKill: fault.abandoned.length,
          claimsTakenOver: takenOver,
          orphanSweep: sweep,
          ...checks.figures,
        },
      };
    } finally {
      await services.db.destroy();
    }
  });
}

async function smtpOutageScenario(databaseUrl: string | undefined, settings: ScenarioSettings, label: string) {
  return withEnvironment(databaseUrl, settings, async (server, smtp) => {
    const { clients, outageMs } = settings;
    const outageFilingMs = Math.min(settings.outageFilingMs, outageMs);
    await server.start();
    await smtp.stop();
    const downAt = Date.now();
    settings.say(`  SMTP down; ${clients} clients file for ${outageFilingMs / 1000} s; SMTP stays down ${outageMs / 1000} s in all`);
    const outcome = await runLoad({ baseUrl: server.baseUrl, clients, durationMs: outageFilingMs, attachmentEvery: settings.attachmentEvery, pauseMs: settings.pauseMs, label });
    const load = describeOutcome(outcome, settings);
    const services = servicesOf(server);
    try {
      while (Date.now() - downAt < outageMs) {
        const counts = await outboxCounts(services);
        if (counts.dead > 0) break;
        await sleep(Math.min(30_000, outageMs - (Date.now() - downAt)));
        settings.say(`  outage ${Math.round((Date.now() - downAt) / 1000)} s: outbox ${JSON.stringify(await outboxCounts(services))}`);
      }
      const duringOutage = await outboxCounts(services);
      await smtp.start();
      const upAt = Date.now();
      settings.say(`  SMTP up again on the same port after ${Math.round((upAt - downAt) / 1000)} s`);
      // The retry delay doubles from 30 s: after a 10-minute outage the next try of any message is at
      // most one interval (8 min, +20 % jitter) away, far below OUTBOX_MAX_ATTEMPTS (12).
      const checks = await finalChecks(services, smtp, outcome, settings);
      const problems = [...loadProblems(outcome), ...checks.problems];
      if (duringOutage.sent > 0) problems.push(`${duringOutage.sent} e-mails counted as sent while SMTP was down`);
      // Without a failed attempt (`attempts` counts failures) the outage tested nothing: no retry was needed.
      if ((checks.figures.mail as { mostAttempts: number }).mostAttempts < 1) problems.push("no e-mail failed while SMTP was down: the outage did not reach the dispatcher");
      return {
        problems,
        figures: { load, outageSeconds: Math.round((upAt - downAt) / 1000), outboxAtRecovery: duringOutage, drainedSecondsAfterRecovery: Math.round((Date.now() - upAt) / 1000), ...checks.figures },
      };
    } finally {
      await services.db.destroy();
    }
  });
}

const runners: Record<Scenario, typeof loadScenario> = { load: loadScenario, sigkill: sigkillScenario, "smtp-outage": smtpOutageScenario };

/** One run of `scenario` on `dialect`; `createDatabase` gives a fresh PostgreSQL database's URL. */
export async function runScenario(scenario: Scenario, dialect: Dialect, createDatabase: (() => Promise<string>) | undefined, settings: ScenarioSettings): Promise<ScenarioResult> {
  if (dialect === "postgres" && !createDatabase) throw new Error("a PostgreSQL run needs a database to run on");
  const databaseUrl = dialect === "postgres" ? await createDatabase!() : undefined;
  const labels: Record<Scenario, string> = { load: "load", sigkill: "kill", "smtp-outage": "outage" };
  return runners[scenario](databaseUrl, settings, `${labels[scenario]}-${dialect}`);
}
