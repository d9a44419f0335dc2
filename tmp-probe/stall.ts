import { createBenchDatabase } from "../bench/databases";
import { generateCases } from "../bench/generate";
import { loadStatistics } from "../app/statistics/statistics.server";
import { loadReportView } from "../app/reports/report-view.server";

const cases = Number(process.argv[2] ?? 100000);
const dialect = (process.argv[3] ?? "sqlite") as "sqlite" | "postgres";
const now = Date.UTC(2026, 7, 15);
const bench = await createBenchDatabase(dialect, "stall");
await generateCases(bench.services, bench.url, { cases, now });
console.log("generated", bench.url);
async function measure(label: string, task: () => Promise<unknown>) {
  let last = performance.now();
  let worstGap = 0;
  let pings = 0;
  const ticker = setInterval(() => {
    const at = performance.now();
    worstGap = Math.max(worstGap, at - last);
    last = at;
  }, 5);
  // A ping on the database every 20 ms: how long the rest of the app waits for its connection.
  let worstPing = 0;
  let running = true;
  const pinger = (async () => {
    while (running) {
      const start = performance.now();
      await bench.services.db.selectFrom("settings").select("key").limit(1).execute();
      worstPing = Math.max(worstPing, performance.now() - start);
      pings += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const start = performance.now();
  await task();
  const took = performance.now() - start;
  clearInterval(ticker);
  running = false;
  await pinger;
  console.log(`${label}: ${took.toFixed(0)} ms; worst gap between 5-ms timer ticks ${worstGap.toFixed(0)} ms; ${pings} pings; worst db ping ${worstPing.toFixed(0)} ms`);
}
for (let run = 0; run < 1; run += 1) {
  await measure("statistics", () => loadStatistics(bench.services, now));
  await measure("report view (year)", () => loadReportView(bench.services, { fiscalYear: 2569, period: { kind: "year" }, teamCode: null, categoryCode: null } as never, now));
}
await bench.destroy();
process.exit(0);
