import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

/*
 * Where the CPU of the intake benchmark goes, read from Linux's /proc, and which CPUs each process
 * may run on (taskset). On a shared 2-CPU machine a throughput ratio moves with everyone else's
 * load; CPU time per filing and per hash does much less, and pinning keeps the load client off the
 * CPUs the server is measured on. Everything here is Linux-only and says so when it cannot work.
 */

/** CPU time on the processor, in ms, of one process's threads: its main thread apart from the rest. */
export interface ThreadTimes {
  mainMs: number;
  otherThreadsMs: number;
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Nanoseconds on CPU from schedstat (finer than the 10 ms ticks of /proc/<pid>/stat). */
function threadCpuMs(pid: number, tid: number): number {
  const schedstat = readOrUndefined(`/proc/${pid}/task/${tid}/schedstat`);
  return schedstat ? Number(schedstat.split(" ")[0]) / 1e6 : 0;
}

/** The threads' CPU time so far; a thread that has ended since is no longer counted (Node keeps its pool). */
export function threadTimes(pid: number): ThreadTimes {
  let mainMs = 0;
  let otherThreadsMs = 0;
  for (const entry of fs.readdirSync(`/proc/${pid}/task`)) {
    const tid = Number(entry);
    if (tid === pid) mainMs += threadCpuMs(pid, tid);
    else otherThreadsMs += threadCpuMs(pid, tid);
  }
  return { mainMs, otherThreadsMs };
}

export function threadTimesSince(pid: number, before: ThreadTimes): ThreadTimes {
  const now = threadTimes(pid);
  return { mainMs: now.mainMs - before.mainMs, otherThreadsMs: now.otherThreadsMs - before.otherThreadsMs };
}

function parentOf(pid: number): number | undefined {
  const stat = readOrUndefined(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

/** The process listening on a loopback TCP port (ours: the app server, PostgreSQL's postmaster). */
export function listenerPid(port: number): number {
  const result = spawnSync("ss", ["-H", "-l", "-t", "-n", "-p", `sport = :${port}`], { encoding: "utf8" });
  const match = /pid=(\d+)/.exec(result.stdout ?? "");
  if (!match) throw new Error(`no process was found listening on port ${port} (ss: ${result.stderr || result.stdout || String(result.error)})`);
  return Number(match[1]);
}

/** A process and its direct children (PostgreSQL's backends and helpers are the postmaster's children). */
export function processFamily(pid: number): number[] {
  const children = fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((candidate) => parentOf(candidate) === pid);
  return [pid, ...children];
}

/** Total CPU time of a family of processes, keyed by pid so that one can be subtracted from the next. */
export function familyTimes(pids: readonly number[]): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    try {
      const { mainMs, otherThreadsMs } = threadTimes(pid);
      times.set(pid, mainMs + otherThreadsMs);
    } catch {
      // The process ended; what it used is lost to this count (its parent reaps it).
    }
  }
  return times;
}

export function familyMsSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** The CPUs this process may run on, as taskset lists them ("0-1"). */
export function allowedCpus(): number[] {
  const status = readOrUndefined("/proc/self/status") ?? "";
  const list = /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1];
  if (!list) return Array.from({ length: os.cpus().length }, (_, index) => index);
  return list.split(",").flatMap((range) => {
    const [first, last = first] = range.split("-").map(Number) as [number, number?];
    return Array.from({ length: last! - first + 1 }, (_, index) => first + index);
  });
}

export function tasksetAvailable(): boolean {
  return spawnSync("taskset", ["--version"]).status === 0;
}

/** Pins every thread of `pid` (and what it starts later) to `cpus`. */
export function pin(pid: number, cpus: readonly number[]): void {
  const result = spawnSync("taskset", ["-a", "-p", "-c", cpus.join(","), String(pid)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`taskset could not pin ${pid} to ${cpus.join(",")}: ${result.stderr}`);
}
