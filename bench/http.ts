import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import type { Dialect } from "../app/db.server";
import { startAppServer } from "../tests/support/app-server";
import { allowedCpus, familyMsSince, familyTimes, listenerPid, pin, processFamily, tasksetAvailable, threadTimes, threadTimesSince } from "./cpu-accounting";
import { createBenchDatabase } from "./databases";
import { distributionOf, ms, ratio, report } from "./measure";

/*
 * The public side over HTTP on loopback, against the production build (`npm run build` first):
 * intake throughput against the raw argon2id rate, the JavaScript the report page ships, and the
 * time to first byte of the public pages. A small keep-alive client stands in for autocannon: no
 * new dependency, and it checks that every filing answered with a receipt.
 */

const root = path.resolve(import.meta.dirname, "..");
/** libuv's default, set explicitly for the server and the raw-rate process alike. */
const threadPoolSize = "4";

interface Answer {
  status: number;
  body: string;
  firstByteMs: number;
}

function request(agent: http.Agent, url: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const outgoing = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent }, (response) => {
      const firstByteMs = Number(process.hrtime.bigint() - start) / 1e6;
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), firstByteMs }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/** Every receipt shows the case reference (PS-2569-000123); a form sent back shows none. */
const receiptMarker = Buffer.from("PS-", "utf8");

/**
 * The filing client, kept as cheap as it can be since it shares the machine with the server: the
 * body is built once, and the answer is kept as bytes and searched, never decoded.
 */
function post(agent: http.Agent, url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method: "POST", headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      response.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** The corruption-tip form as a browser without JavaScript sends it: multipart, the file input empty. */
function tipForm(categoryCode: string): { body: Buffer; contentType: string } {
  const boundary = "----ProngsaiBench7MA4YWxkTrZu0gW";
  const fields: Array<[string, string]> = [
    ["categoryCode", categoryCode],
    ["whatHappened", "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาต ที่สำนักงานเขต เมื่อสัปดาห์ก่อน"],
    ["whenHappened", "สัปดาห์ที่แล้ว"],
    ["whereHappened", "สำนักงานเขต"],
    ["reporterRelation", "outside"],
    ["website", ""],
  ];
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n`);
  parts.push(`--${boundary}--\r\n`);
  return { body: Buffer.from(parts.join(""), "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

interface RawArgon2 {
  hashesPerSecond: number;
  /** CPU time of the whole process (every thread) per hash. */
  cpuMsPerHash: number;
}

function rawArgon2Rate(concurrency: number, seconds: number, cpus: readonly number[] | undefined): RawArgon2 {
  const node = [process.execPath, "--import", "tsx", "bench/argon2-rate.ts", String(concurrency), String(seconds)];
  const [command, ...args] = cpus ? ["taskset", "-c", cpus.join(","), ...node] : node;
  const result = spawnSync(command!, args, {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", UV_THREADPOOL_SIZE: threadPoolSize, APP_ENV: "test", LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`the argon2 rate process failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as RawArgon2;
}

/**
 * Which CPUs the server side (the app server, its thread pool, PostgreSQL's processes, and the
 * raw-rate process that it is compared with) and the load client run on. With two CPUs or more the
 * client gets the last one to itself, so none of its work is charged to the server; both sides of
 * the ratio then run on the same remaining CPUs.
 */
function cpuPlan(pinned: boolean): { server: number[]; client: number[] } | undefined {
  if (!pinned) return undefined;
  const cpus = allowedCpus();
  if (cpus.length < 2 || !tasksetAvailable()) {
    console.log("  [http] not pinned: taskset or a second CPU is missing");
    return undefined;
  }
  return { server: cpus.slice(0, -1), client: cpus.slice(-1) };
}

export async function benchHttp(dialect: Dialect, options: { concurrency: number; seconds: number; warmupSeconds: number; pinned: boolean }): Promise<void> {
  const database = await createBenchDatabase(dialect, "http");
  const category = await database.services.db.selectFrom("categories").select("code").where("kind", "=", "corruption_tip").where("is_active", "=", 1).executeTakeFirstOrThrow();
  const server = await startAppServer({
    ...database.environment,
    // Production's argon2 cost (the harness's default is the tests' cheap one).
    ARGON2_MEMORY_KIB: "19456",
    ARGON2_TIME_COST: "2",
    ARGON2_PARALLELISM: "1",
    SEED_DEMO_DATA: "false",
    UV_THREADPOOL_SIZE: threadPoolSize,
    LOG_LEVEL: "warn",
  });
  const plan = cpuPlan(options.pinned);
  const everyCpu = allowedCpus();
  const serverPid = listenerPid(Number(new URL(server.baseUrl).port));
  // PostgreSQL works for every filing too: its CPU is the server side's.
  const postmasterPid = dialect === "postgres" ? listenerPid(Number(new URL(database.url).port)) : undefined;
  const postgresProcesses = () => (postmasterPid === undefined ? [] : processFamily(postmasterPid));
  const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  let agent = newAgent();
  try {
    if (plan) {
      pin(serverPid, plan.server);
      for (const pid of postgresProcesses()) pin(pid, plan.server);
      pin(process.pid, plan.client);
    }
    const label = `Intake over HTTP (${options.concurrency} concurrent, ${options.seconds} s after ${options.warmupSeconds} s of warm-up, argon2id 19 MiB / t=2 / p=1, UV_THREADPOOL_SIZE=${threadPoolSize})`;
    const placement = plan
      ? `server, its thread pool${postmasterPid === undefined ? "" : ", PostgreSQL"} and the raw-rate process on CPU ${plan.server.join(",")}; load client on CPU ${plan.client.join(",")}`
      : `not pinned: server, load client and raw-rate process share CPUs ${everyCpu.join(",")}`;
    console.log(`  [${dialect}] http: ${placement}`);
    report({ dialect, benchmark: label, measure: "CPU placement (taskset)", value: placement });

    // Intake: `concurrency` browsers filing one tip after another for `seconds`.
    const form = tipForm(category.code);
    let sequence = 0;
    const failures: string[] = [];
    const file = async () => {
      sequence += 1;
      const address = `198.18.${(sequence >> 8) & 255}.${sequence & 255}`;
      const answer = await post(agent, `${server.baseUrl}/report`, {
        "Content-Type": form.contentType,
        "Content-Length": String(form.body.length),
        Origin: server.baseUrl,
        "X-Forwarded-For": address,
      }, form.body);
      if (answer.status !== 200 || !answer.body.includes(receiptMarker)) failures.push(`${answer.status}`);
    };
    const checkFilings = () => {
      if (failures.length > 0) throw new Error(`${failures.length} filings failed (statuses ${[...new Set(failures)].join(", ")}); see ${server.logFile}`);
    };
    for (let index = 0; index < options.concurrency; index += 1) await file();
    // `concurrency` clients filing one after another for `seconds`, and what it cost whom.
    const load = async (seconds: number) => {
      let filed = 0;
      const serverBefore = threadTimes(serverPid);
      const postgresBefore = familyTimes(postgresProcesses());
      const clientBefore = process.cpuUsage();
      const deadline = Date.now() + seconds * 1000;
      const start = process.hrtime.bigint();
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (Date.now() < deadline) {
            await file();
            filed += 1;
          }
        }),
      );
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      return { filed, elapsed, client: process.cpuUsage(clientBefore), serverCpu: threadTimesSince(serverPid, serverBefore), postgresMs: familyMsSince(postgresBefore, familyTimes(postgresProcesses())) };
    };
    const cpuPerFiling = (run: Awaited<ReturnType<typeof load>>) => {
      const perFiling = (value: number) => `${(value / run.filed).toFixed(1)} ms`;
      const serverMs = run.serverCpu.mainMs + run.serverCpu.otherThreadsMs + run.postgresMs;
      return {
        serverMs: serverMs / run.filed,
        text: `${perFiling(serverMs)} (${perFiling(run.serverCpu.mainMs)} + ${perFiling(run.serverCpu.otherThreadsMs)}${postmasterPid === undefined ? "" : ` + ${perFiling(run.postgresMs)}`}); ${perFiling((run.client.user + run.client.system) / 1000)}`,
      };
    };
    const cpuMeasure = "CPU per filing: server (main thread + other threads" + (postmasterPid === undefined ? "" : " + PostgreSQL") + "); load client, not charged";

    // Warm-up, from a cold start: the same load, checked the same way, reported apart and not in the
    // ratio. A fresh server spends its first minute compiling its hot code (V8's optimising compiler
    // runs on its worker threads, and the main thread runs slower code meanwhile): measured here,
    // 3–4 ms of CPU per filing over the first 20 s, ~1 ms still at 15–30 s, ~0.5 ms after 45 s. A
    // server that has been up a while no longer pays it; the raw argon2 rate is native code and has
    // nothing to warm.
    if (options.warmupSeconds > 0) {
      const warmUp = await load(options.warmupSeconds);
      const warmUpLabel = `Intake over HTTP, warm-up (the first ${options.warmupSeconds} s from a cold start, not in the ratio)`;
      report({ dialect, benchmark: warmUpLabel, measure: "filings per second (POST /report)", value: (warmUp.filed / warmUp.elapsed).toFixed(1) });
      report({ dialect, benchmark: warmUpLabel, measure: cpuMeasure, value: cpuPerFiling(warmUp).text });
    }
    // The shared machine's speed drifts by the minute: the raw rate is taken right before the
    // measured filings and right after them, and the ratio uses their mean, so a drift during the
    // run weighs on both sides alike. (Two raw runs after the filings, as before 2026-12-05, let a
    // slow or fast spell after the filings alone swing the ratio from 64 % to 77 % on the same code.)
    const argon2Before = rawArgon2Rate(options.concurrency, options.seconds, plan?.server);
    // The server closes keep-alive sockets left idle meanwhile: the filings start on fresh ones.
    agent.destroy();
    agent = newAgent();
    const measuredRun = await load(options.seconds);
    const { filed, elapsed } = measuredRun;
    // The page timings below are taken as before, unpinned; the raw-rate process is pinned by its own command.
    if (plan) {
      pin(process.pid, everyCpu);
      for (const pid of postgresProcesses()) pin(pid, everyCpu);
    }
    checkFilings();
    const intakeRate = filed / elapsed;
    const argon2After = rawArgon2Rate(options.concurrency, options.seconds, plan?.server);
    const argon2Rate = (argon2Before.hashesPerSecond + argon2After.hashesPerSecond) / 2;
    report({ dialect, benchmark: label, measure: "filings per second (POST /report)", value: intakeRate.toFixed(1) });
    report({
      dialect,
      benchmark: label,
      measure: "raw argon2id hashes per second, same concurrency and CPUs (before, after the filings)",
      value: `${argon2Rate.toFixed(1)} (${argon2Before.hashesPerSecond.toFixed(1)}, ${argon2After.hashesPerSecond.toFixed(1)})`,
    });
    const measured = intakeRate / argon2Rate;
    report({ dialect, benchmark: label, measure: "filings ÷ raw argon2id rate", value: `${(measured * 100).toFixed(0)} % (${ratio(measured)})`, goal: "≥ 70 %", met: measured >= 0.7 });

    // CPU time is steadier than throughput on a shared machine: what one filing costs the server
    // (every thread, PostgreSQL included) against what one bare hash costs.
    const measuredCpu = cpuPerFiling(measuredRun);
    const hashMs = (argon2Before.cpuMsPerHash + argon2After.cpuMsPerHash) / 2;
    report({ dialect, benchmark: label, measure: cpuMeasure, value: measuredCpu.text });
    report({ dialect, benchmark: label, measure: "CPU per raw argon2id hash (before, after the filings)", value: `${ms(hashMs)} (${ms(argon2Before.cpuMsPerHash)}, ${ms(argon2After.cpuMsPerHash)})` });
    report({ dialect, benchmark: label, measure: "CPU per hash ÷ server CPU per filing", value: `${((hashMs / measuredCpu.serverMs) * 100).toFixed(0)} %` });

    // The same load again with PostgreSQL's processes on the load client's CPU, as a database on a host
    // of its own would be (several application nodes share one): the app server and argon2 then have the
    // CPU the raw rate is measured on to themselves, and the ratio shows what the application costs
    // apart from the database's work. Printed beside the line above, which keeps the goal.
    if (plan && postmasterPid !== undefined) {
      agent.destroy();
      agent = newAgent();
      pin(process.pid, plan.client);
      for (const pid of postgresProcesses()) pin(pid, plan.client);
      const apartRun = await load(options.seconds);
      pin(process.pid, everyCpu);
      for (const pid of postgresProcesses()) pin(pid, everyCpu);
      checkFilings();
      const argon2Apart = rawArgon2Rate(options.concurrency, options.seconds, plan.server);
      const apartArgon2Rate = (argon2After.hashesPerSecond + argon2Apart.hashesPerSecond) / 2;
      const apartLabel = `${label}, PostgreSQL on CPU ${plan.client.join(",")} with the load client`;
      const apart = apartRun.filed / apartRun.elapsed / apartArgon2Rate;
      report({ dialect, benchmark: apartLabel, measure: "filings per second; raw argon2id hashes per second (after the first run, after this one)", value: `${(apartRun.filed / apartRun.elapsed).toFixed(1)}; ${apartArgon2Rate.toFixed(1)} (${argon2After.hashesPerSecond.toFixed(1)}, ${argon2Apart.hashesPerSecond.toFixed(1)})` });
      report({ dialect, benchmark: apartLabel, measure: "filings ÷ raw argon2id rate, the database apart (not the goal's measure)", value: `${(apart * 100).toFixed(0)} % (${ratio(apart)})` });
      report({ dialect, benchmark: apartLabel, measure: cpuMeasure, value: cpuPerFiling(apartRun).text });
    }

    // The server closed the idle keep-alive sockets while argon2 ran alone: start afresh.
    agent.destroy();
    agent = newAgent();

    // What the report page ships: the module scripts and preloads its HTML names, each gzipped.
    const page = await request(agent, `${server.baseUrl}/report`);
    const sources = new Set<string>();
    for (const match of page.body.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) sources.add(match[1]!);
    for (const match of page.body.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) sources.add(match[1]!);
    for (const match of page.body.matchAll(/import\s*(?:[^"']*from\s*)?["'](\/assets\/[^"']+\.js)["']/g)) sources.add(match[1]!);
    let raw = 0;
    let gzipped = 0;
    for (const source of sources) {
      const script = await request(agent, new URL(source, server.baseUrl).toString());
      const bytes = Buffer.from(script.body, "utf8");
      raw += bytes.length;
      gzipped += zlib.gzipSync(bytes, { level: 6 }).length;
    }
    report({ dialect, benchmark: "Public pages", measure: `JavaScript loaded by /report (${sources.size} files), gzip -6 / raw`, value: `${(gzipped / 1024).toFixed(1)} KiB / ${(raw / 1024).toFixed(1)} KiB` });

    for (const pathname of ["/", "/report", "/track"]) {
      const samples: number[] = [];
      for (let index = 0; index < 5; index += 1) await request(agent, `${server.baseUrl}${pathname}`);
      for (let index = 0; index < 50; index += 1) samples.push((await request(agent, `${server.baseUrl}${pathname}`)).firstByteMs);
      const distribution = distributionOf(samples);
      report({ dialect, benchmark: "Public pages", measure: `time to first byte ${pathname} p50 / p95`, value: `${ms(distribution.p50)} / ${ms(distribution.p95)}` });
    }
  } finally {
    if (plan) {
      pin(process.pid, everyCpu);
      for (const pid of postgresProcesses()) pin(pid, everyCpu);
    }
    agent.destroy();
    await server.stop();
    await database.destroy();
  }
}
