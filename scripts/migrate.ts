import { migrateDatabase } from "../app/startup.server";
import { runWithServices } from "./script-services";

await runWithServices(async (services) => {
  const { dialect } = services;
  const { results = [] } = await migrateDatabase(services);
  for (const result of results) console.log(`${result.status === "Success" ? "applied" : result.status}: ${result.migrationName}`);
  console.log(results.length === 0 ? `Database (${dialect}) is up to date.` : `Database (${dialect}) migrated.`);
});
