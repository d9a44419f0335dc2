import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { z } from "zod";
import type { AppConfig } from "../config.server";
import { Keyring, generateKey } from "./envelope.server";

export interface Secrets {
  keyring: Keyring;
  /** HMAC key for tracking-code lookups (ARCHITECTURE §5). It must never change: lookups depend on it. */
  trackingLookupSecret: string;
}

const developmentSecretsSchema = z.object({
  encryptionKeyId: z.string(),
  encryptionKey: z.string(),
  trackingLookupSecret: z.string(),
});

export const developmentSecretsFileName = "development-secrets.json";

/**
 * Production takes its keys from the environment (the configuration refuses to start without them).
 * Development and test generate throwaway keys into the data directory once, with a warning, so
 * `npm start` needs no set-up and a restart can still read what it wrote before.
 */
export function loadSecrets(config: AppConfig, warn: (message: string) => void): Secrets {
  const { keys, activeKeyId } = config.encryption;
  if (keys && config.trackingLookupSecret) {
    const firstKeyId = keys.split(":")[0] ?? "";
    return { keyring: Keyring.fromSetting(keys, activeKeyId ?? firstKeyId), trackingLookupSecret: config.trackingLookupSecret };
  }
  if (config.isProduction) {
    throw new Error("ENCRYPTION_KEYS and TRACKING_LOOKUP_SECRET are required in production");
  }
  const file = path.resolve(config.dataDirectory, developmentSecretsFileName);
  let stored: z.infer<typeof developmentSecretsSchema>;
  if (fs.existsSync(file)) {
    stored = developmentSecretsSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  } else {
    stored = { encryptionKeyId: "dev1", encryptionKey: generateKey(), trackingLookupSecret: crypto.randomBytes(32).toString("base64url") };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    warn(`Generated development encryption keys in ${file}. Never use them in production: set ENCRYPTION_KEYS and TRACKING_LOOKUP_SECRET.`);
  }
  return {
    keyring: keys
      ? Keyring.fromSetting(keys, activeKeyId ?? keys.split(":")[0] ?? "")
      : new Keyring(new Map([[stored.encryptionKeyId, Buffer.from(stored.encryptionKey, "base64")]]), stored.encryptionKeyId),
    trackingLookupSecret: config.trackingLookupSecret ?? stored.trackingLookupSecret,
  };
}
