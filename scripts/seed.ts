import { formatDemoAccounts, prepareDatabase } from "../app/startup.server";
import { runWithServices } from "./script-services";

// Migrates first: seeding an empty database is the common case on a new machine.
await runWithServices(async (services) => {
  const { demoAccounts } = await prepareDatabase(services);
  console.log(services.config.seedDemoData ? formatDemoAccounts(demoAccounts) : "Reference data is in place (demo data is off: SEED_DEMO_DATA=false).");
});
