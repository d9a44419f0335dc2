import { ConfigError, getConfig } from "../app/config.server";
import { createLogger } from "../app/logging/logger.server";
import { closeServices, openServices, type AppServices } from "../app/services.server";

/**
 * Runs a command-line task with the same settings and services as the server, turning a settings
 * problem into its message and exit code 1, and always closing the database.
 */
export async function runWithServices(task: (services: AppServices) => Promise<number | void>): Promise<void> {
  let exitCode = 0;
  try {
    const config = getConfig();
    const services = openServices(config, createLogger(config.logLevel));
    try {
      exitCode = (await task(services)) ?? 0;
    } finally {
      await closeServices(services);
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    exitCode = 1;
  }
  process.exitCode = exitCode;
}
