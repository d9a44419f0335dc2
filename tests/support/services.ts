import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Dialect } from "../../db/connect";
import { parseConfig, type AppConfig } from "../../app/config.server";
import { createLogger } from "../../app/logging/logger.server";
import { loadSecrets } from "../../app/crypto/secrets.server";
import { createThrottles, type AppServices } from "../../app/services.server";
import type { TestDatabase } from "./databases";

/**
 * Settings for tests: real components with cheap argon2 parameters (ARCHITECTURE §12) and fresh
 * keys per call, so no test depends on another's secrets.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-data-"));
  return parseConfig({
    APP_ENV: "test",
    DATA_DIR: dataDirectory,
    ENCRYPTION_KEYS: `test1:${crypto.randomBytes(32).toString("base64")}`,
    ENCRYPTION_ACTIVE_KEY_ID: "test1",
    TRACKING_LOOKUP_SECRET: crypto.randomBytes(32).toString("base64url"),
    ARGON2_MEMORY_KIB: "1024",
    ARGON2_TIME_COST: "1",
    ARGON2_PARALLELISM: "1",
    LOG_LEVEL: "silent",
    MAIL_DISPATCH_INTERVAL_SECONDS: "0",
    ...overrides,
  });
}

export function testServices(database: { db: TestDatabase["db"]; dialect: Dialect }, overrides: Record<string, string> = {}): AppServices {
  const config = testConfig(overrides);
  const logger = createLogger(config.logLevel);
  // One handle: the reports' own reader is opened by the server (openServices) and tested by itself (tests/integration/report-reader.test.ts).
  return { config, db: database.db, reportDb: database.db, dialect: database.dialect, secrets: loadSecrets(config, () => undefined), logger, throttles: createThrottles() };
}
