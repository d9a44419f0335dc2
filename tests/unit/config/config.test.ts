import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config.server";

const productionKeys = {
  APP_ENV: "production",
  ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
  ENCRYPTION_ACTIVE_KEY_ID: "k1",
  TRACKING_LOOKUP_SECRET: "x".repeat(40),
  PUBLIC_BASE_URL: "https://prongsai.example.go.th",
};

function problemsOf(environment: Record<string, string>): string[] {
  try {
    parseConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("starts a development instance with no settings at all", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      appEnvironment: "development",
      port: 3000,
      databaseUrl: "file:.data/prongsai.db",
      dataDirectory: ".data",
      seedDemoData: true,
      publicBaseUrl: "http://localhost:3000",
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
    });
    expect(config.mail.smtpUrl).toBeUndefined();
  });

  it.each([
    [{ PORT: "8080" }, { port: 8080, publicBaseUrl: "http://localhost:8080" }],
    [{ DATABASE_URL: "postgres://app@db/prongsai" }, { databaseUrl: "postgres://app@db/prongsai" }],
    [{ SEED_DEMO_DATA: "false" }, { seedDemoData: false }],
    [{ DATA_DIR: "/srv/prongsai" }, { databaseUrl: "file:/srv/prongsai/prongsai.db" }],
    [{ APP_ENV: "test" }, { seedDemoData: false }],
    [{ SMTP_URL: "" }, { mail: expect.objectContaining({ smtpUrl: undefined }) }],
    [{ PUBLIC_BASE_URL: "https://example.go.th/" }, { publicBaseUrl: "https://example.go.th" }],
  ])("reads %o", (environment, expected) => {
    expect(parseConfig(environment)).toMatchObject(expected);
  });

  it.each([
    [{ PORT: "http" }, "PORT: must be a whole number"],
    [{ PORT: "70000" }, "PORT: must be at most 65535"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL: must start with file: or postgres://"],
    [{ SMTP_URL: "mail.example.com" }, "SMTP_URL: must start with smtp:// or smtps://"],
    [{ SEED_DEMO_DATA: "maybe" }, "SEED_DEMO_DATA: must be true or false"],
    [{ ENCRYPTION_KEYS: "short" }, "ENCRYPTION_KEYS: must be a comma-separated list of keyId:base64Key (32-byte keys)"],
  ])("names the bad setting in %o", (environment, problem) => {
    expect(problemsOf(environment)).toContain(problem);
  });

  it("refuses to start production without keys, and names each missing one", () => {
    expect(problemsOf({ APP_ENV: "production" })).toEqual([
      "ENCRYPTION_KEYS: is required when APP_ENV=production",
      "ENCRYPTION_ACTIVE_KEY_ID: is required when APP_ENV=production",
      "TRACKING_LOOKUP_SECRET: is required when APP_ENV=production",
      "PUBLIC_BASE_URL: is required when APP_ENV=production",
    ]);
  });

  it("starts production with its keys, without demo data", () => {
    const config = parseConfig(productionKeys);
    expect(config.isProduction).toBe(true);
    expect(config.seedDemoData).toBe(false);
    expect(problemsOf({ ...productionKeys, SEED_DEMO_DATA: "true" })).toEqual(["SEED_DEMO_DATA: must not be true when APP_ENV=production"]);
  });

  it("says how to fix it in the error message", () => {
    expect(() => parseConfig({ PORT: "x" })).toThrow(/Prongsai cannot start: fix these settings[\s\S]*- PORT: must be a whole number/);
  });
});
