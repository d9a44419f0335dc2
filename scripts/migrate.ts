import { migrateToLatest } from "../app/db.server";
import { runWithServices } from "./script-services";

await runWithServices(async ({ db, dialect }) => {
  const { results = [] } = await migrateToLatest(db);
  for (const result of results) console.log(`${result.status === "Success" ? "applied" : result.status}: ${result.migrationName}`);
  console.log(results.length === 0 ? `Database (${dialect}) is up to date.` : `Database (${dialect}) migrated.`);
});
