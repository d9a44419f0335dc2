import { parseConfig } from "../../app/config.server";
import { loadSecrets } from "../../app/crypto/secrets.server";
import { createLogger } from "../../app/logging/logger.server";
import { createThrottles, type AppServices } from "../../app/services.server";
import { createDb } from "../../db/connect";
import type { E2eServer } from "./e2e-setup";

/**
 * The services of a running test server, built from its settings in this process: a browser test
 * can then do what another part of the system would (an officer's message) on the same data.
 */
export function servicesOf(server: E2eServer): AppServices {
  const config = parseConfig({ ...server.environment, LOG_LEVEL: "silent" });
  const logger = createLogger(config.logLevel);
  const { db, dialect } = createDb(config.databaseUrl, { poolSize: 2 });
  return { config, db, reportDb: db, dialect, secrets: loadSecrets(config, () => undefined), logger, throttles: createThrottles() };
}
