import os from "node:os";

/** Wall-clock milliseconds of one call. */
export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await task();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export interface Distribution {
  runs: number;
  p50: number;
  p95: number;
  mean: number;
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index]!;
}

export function distributionOf(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return { runs: sorted.length, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length) };
}

/** Runs `task` a few times to warm caches and JIT, then `runs` times measured. */
export async function sample(task: () => Promise<unknown>, runs: number, warmup = 3): Promise<Distribution> {
  for (let index = 0; index < warmup; index += 1) await task();
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) samples.push((await timed(task)).ms);
  return distributionOf(samples);
}

/** The 1-minute load average, printed beside each figure: the machine is shared. */
export function load(): string {
  return os.loadavg()[0]!.toFixed(2);
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 10 ? `${value.toFixed(1)} ms` : `${value.toFixed(2)} ms`;
}

export function ratio(value: number): string {
  return `${value.toFixed(2)}×`;
}

/** One line of the results: printed as it comes, collected for the summary table. */
export interface Figure {
  dialect: string;
  benchmark: string;
  measure: string;
  value: string;
  goal?: string;
  met?: boolean;
  load: string;
}

export const figures: Figure[] = [];

export function report(figure: Omit<Figure, "load">): void {
  const line: Figure = { ...figure, load: load() };
  figures.push(line);
  const verdict = line.met === undefined ? "" : line.met ? "  ✔ goal met" : "  ✘ goal missed";
  console.log(`[${line.dialect}] ${line.benchmark} — ${line.measure}: ${line.value}${line.goal ? ` (goal ${line.goal})` : ""}${verdict}  [load ${line.load}]`);
}

export function markdownTable(rows: readonly Figure[]): string {
  const lines = ["| Dialect | Benchmark | Measure | Value | Goal | Met | Load (1 min) |", "|---|---|---|---|---|---|---|"];
  for (const row of rows) lines.push(`| ${row.dialect} | ${row.benchmark} | ${row.measure} | ${row.value} | ${row.goal ?? ""} | ${row.met === undefined ? "" : row.met ? "yes" : "no"} | ${row.load} |`);
  return lines.join("\n");
}
