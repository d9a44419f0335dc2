/**
 * `npm run report:export -- --fy 2569 --format xlsx|csv --out file [--team code] [--category code]`:
 * writes the ITA evidence pack of a fiscal year (B.E.) — the same file as the download on
 * /staff/reports — for scheduled exports from cron. The export is audited like a download, with the
 * system as its actor.
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { exportFormats, type ExportFormat } from "../app/reports/report-export";
import { exportEvidencePack } from "../app/reports/report-view.server";
import { migrateDatabase } from "../app/startup.server";
import { runWithServices } from "./script-services";

const usage = "Usage: npm run report:export -- --fy 2569 --format xlsx|csv --out file [--team code] [--category code]";

await runWithServices(async (services) => {
  let values: { fy?: string; format?: string; out?: string; team?: string; category?: string };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { fy: { type: "string" }, format: { type: "string" }, out: { type: "string" }, team: { type: "string" }, category: { type: "string" } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 1;
  }
  const fiscalYear = Number(values.fy);
  if (!/^\d{4}$/.test(values.fy ?? "") || fiscalYear < 2500) {
    console.error(`--fy must be a fiscal year in the Buddhist Era, e.g. 2569.\n${usage}`);
    return 1;
  }
  if (!exportFormats.includes(values.format as ExportFormat)) {
    console.error(`--format must be one of ${exportFormats.join(", ")}.\n${usage}`);
    return 1;
  }
  if (!values.out) {
    console.error(`--out names the file to write.\n${usage}`);
    return 1;
  }
  await migrateDatabase(services);
  const result = await exportEvidencePack(
    services,
    { type: "system" },
    { fiscalYear, teamCode: values.team ?? null, categoryCode: values.category ?? null },
    values.format as ExportFormat,
    Date.now(),
  );
  if ("problem" in result) {
    console.error(result.problem === "unknown_team" ? `No team has the code ${values.team}.` : `No category has the code ${values.category}.`);
    return 1;
  }
  await writeFile(values.out, result.bytes);
  console.log(`Wrote the ITA evidence pack of fiscal year ${fiscalYear} (${values.format}, ${result.bytes.byteLength} bytes) to ${values.out}.`);
  return 0;
});
