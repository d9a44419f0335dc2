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
  /**
   * HMAC key for evidence files' content digests (app/attachments/content-digest.server.ts), derived
   * from the tracking lookup secret under a label of its own (decision 0019): no key serves two
   * purposes, and no second never-changing setting has to be kept.
   */
  attachmentDigestKey: Buffer;
}

const attachmentDigestKeyLabel = "prongsai attachment content digest v1";

/** HKDF-SHA256, so a key derived under one label says nothing about the secret or another label's key. */
function deriveKey(secret: string, label: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), label, 32));
}

function withDerivedKeys(keyring: Keyring, trackingLookupSecret: string): Secrets {
  return { keyring, trackingLookupSecret, attachmentDigestKey: deriveKey(trackingLookupSecret, attachmentDigestKeyLabel) };
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
    return withDerivedKeys(Keyring.fromSetting(keys, activeKeyId ?? firstKeyId), config.trackingLookupSecret);
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
  return withDerivedKeys(
    keys ? Keyring.fromSetting(keys, activeKeyId ?? keys.split(":")[0] ?? "") : new Keyring(new Map([[stored.encryptionKeyId, Buffer.from(stored.encryptionKey, "base64")]]), stored.encryptionKeyId),
    config.trackingLookupSecret ?? stored.trackingLookupSecret,
  );
}
