import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import type { Dialect } from "../app/db.server";
import { analyzeAfterBulkLoad, createBenchDatabase, stopPostgres } from "./databases";
import { generateCases } from "./generate";
import { benchHttp } from "./http";
import { figures, markdownTable, ms, report, timed } from "./measure";
import { benchQueue } from "./queue";
import { benchReport } from "./report";
import { benchSweep } from "./sweep";
import { benchTracking } from "./tracking";

/*
 * `npm run bench [-- options]`: issue 7's benchmarks on SQLite and PostgreSQL, printed as they
 * run and as a Markdown table at the end (docs/BENCHMARKS.md keeps the figures). Nothing here is a
 * test: these are measurements, with the machine's load printed beside each.
 *
 *   --cases N          cases in the main data set (default 100000; 1000000 for the full run)
 *   --dialect D        sqlite, postgres or both (default both)
 *   --only LIST        comma-separated: queue, report, tracking, sweep, http (default all)
 *   --sweep-open N     open cases in the large sweep scenarios (default 100000)
 *   --deep-pages N     pages walked by cursor before the deep page is measured (default 40)
 *   --seconds S        duration of the intake load (default 20)
 *   --warmup S         intake: seconds of the same load before it is measured, reported apart (default 60)
 *   --concurrency C    filings in flight, and argon2 hashes in flight for the raw rate (default 4)
 *   --pin on|off       intake: the load client on the last CPU, the server side on the others (default on)
 *   --output FILE      also write the table to FILE
 */
const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "100000" },
    dialect: { type: "string", default: "both" },
    only: { type: "string", default: "queue,report,tracking,sweep,http" },
    "sweep-open": { type: "string", default: "100000" },
    "deep-pages": { type: "string", default: "40" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "60" },
    concurrency: { type: "string", default: "4" },
    pin: { type: "string", default: "on" },
    output: { type: "string" },
  },
});
const cases = Number(values.cases);
const dialects: Dialect[] = values.dialect === "both" ? ["sqlite", "postgres"] : [values.dialect as Dialect];
const only = new Set(values.only.split(","));
const sweepOpen = Number(values["sweep-open"]);

console.log(`Prongsai benchmarks — ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`);
console.log(`Command: npm run bench -- ${process.argv.slice(2).join(" ")}`);

try {
  for (const dialect of dialects) {
    if (only.has("queue") || only.has("report") || only.has("tracking")) {
      const database = await createBenchDatabase(dialect, "main");
      try {
        let lastPrinted = 0;
        const generation = await timed(() =>
          generateCases(database.services, database.url, {
            cases,
            now: Date.now(),
            onProgress: (done) => {
              if (done - lastPrinted >= 100_000) {
                lastPrinted = done;
                console.log(`  [${dialect}] generated ${done.toLocaleString("en")} cases`);
              }
            },
          }),
        );
        const rows = generation.value.rows;
        report({
          dialect,
          benchmark: "Generator",
          measure: `${rows.cases.toLocaleString("en")} cases, ${rows.events.toLocaleString("en")} events, ${rows.messages.toLocaleString("en")} messages`,
          value: `${ms(generation.ms)} (${Math.round(rows.cases / (generation.ms / 1000)).toLocaleString("en")} cases/s)`,
        });
        await analyzeAfterBulkLoad(database.services);
        if (only.has("queue")) {
          await benchQueue(database.services, dialect, generation.value, cases, Number(values["deep-pages"]));
          if (dialect === "sqlite") {
            // As loaded, the database has no planner statistics (a database that grew a lot since the
            // server's last refresh, at open and every three hours): the planner then reads every open
            // case through the status index and sorts them. Measured again with statistics.
            await sql`analyze`.execute(database.services.db);
            await benchQueue(database.services, dialect, generation.value, cases, Number(values["deep-pages"]), " (after ANALYZE)");
          }
        }
        if (only.has("report")) await benchReport(database.services, dialect, cases);
        if (only.has("tracking")) {
          await benchTracking(database.services, dialect, generation.value, cases);
          const small = await createBenchDatabase(dialect, "tracking");
          try {
            const generated = await generateCases(small.services, small.url, { cases: 1_000, now: Date.now() });
            await benchTracking(small.services, dialect, generated, 1_000);
          } finally {
            await small.destroy();
          }
        }
      } finally {
        await database.destroy();
      }
    }
    if (only.has("sweep")) {
      await benchSweep(dialect, [
        { open: Math.round(sweepOpen / 10), due: 1_000 },
        { open: sweepOpen, due: 1_000 },
        { open: sweepOpen, due: 10_000 },
      ]);
    }
    if (only.has("http")) await benchHttp(dialect, { concurrency: Number(values.concurrency), seconds: Number(values.seconds), warmupSeconds: Number(values.warmup), pinned: values.pin !== "off" });
  }
} finally {
  stopPostgres();
}

const table = markdownTable(figures);
console.log(`\n${table}`);
if (values.output) {
  fs.mkdirSync(path.dirname(path.resolve(values.output)), { recursive: true });
  fs.writeFileSync(values.output, `${table}\n`);
}
