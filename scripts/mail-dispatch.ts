/**
 * `npm run mail:dispatch`: one dispatch pass, for a cron job beside servers started with
 * MAIL_DISPATCH_INTERVAL_SECONDS=0, or by hand after an SMTP outage. Safe to run while servers
 * dispatch too: every message is claimed by one dispatcher only.
 */
import { ConfigError, getConfig, type AppConfig } from "../app/config.server";
import { createLogger } from "../app/logging/logger.server";
import { dispatchDueMessages } from "../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../app/notify/mail-transport.server";
import { closeServices, openServices } from "../app/services.server";
import { migrateDatabase } from "../app/startup.server";

function loadConfig(): AppConfig {
  try {
    return getConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = openServices(config, logger);
  const transport = createMailTransport(config, logger);
  try {
    await migrateDatabase(services);
    const result = await dispatchDueMessages(services, transport, Date.now());
    console.log(`Outbox: ${result.sent} sent, ${result.retried} to retry later, ${result.dead} given up.`);
  } finally {
    transport.close();
    await closeServices(services);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
