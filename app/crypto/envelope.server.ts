import crypto from "node:crypto";

/**
 * AES-256-GCM envelopes (ARCHITECTURE §6). Each envelope names the key that sealed it, so keys can
 * rotate: new data is sealed with the active key, old data stays readable while its key is listed.
 *
 * Text form (database columns): `pse1.<keyId>.<iv>.<ciphertext>.<tag>`, parts in base64url.
 * The `context` is bound as additional authenticated data: an envelope copied into another column
 * or row (say, one case's narrative into another case) fails to open instead of being misread.
 */

const algorithm = "aes-256-gcm";
const ivLength = 12;
const tagLength = 16;
const textVersion = "pse1";

export class Keyring {
  private readonly keys: Map<string, Buffer>;

  constructor(
    keys: Map<string, Buffer>,
    readonly activeKeyId: string,
  ) {
    for (const [keyId, key] of keys) {
      if (key.length !== 32) throw new Error(`Encryption key "${keyId}" must be 32 bytes, not ${key.length}`);
    }
    if (!keys.has(activeKeyId)) throw new Error(`The active encryption key "${activeKeyId}" is not in the keyring`);
    this.keys = keys;
  }

  /** Parses `keyId:base64Key,keyId:base64Key`, as ENCRYPTION_KEYS holds them. */
  static fromSetting(setting: string, activeKeyId: string): Keyring {
    const keys = new Map<string, Buffer>();
    for (const entry of setting.split(",")) {
      const [keyId, encoded] = entry.split(":");
      if (!keyId || !encoded) throw new Error("ENCRYPTION_KEYS must be keyId:base64Key pairs separated by commas");
      keys.set(keyId, Buffer.from(encoded, encoded.includes("-") || encoded.includes("_") ? "base64url" : "base64"));
    }
    return new Keyring(keys, activeKeyId);
  }

  key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError(`no key "${keyId}" in the keyring`);
    return key;
  }
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt: ${reason}`);
    this.name = "DecryptionError";
  }
}

export function encryptText(keyring: Keyring, plaintext: string, context: string): string {
  const iv = crypto.randomBytes(ivLength);
  const cipher = crypto.createCipheriv(algorithm, keyring.key(keyring.activeKeyId), iv, { authTagLength: tagLength });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [textVersion, keyring.activeKeyId, iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export function decryptText(keyring: Keyring, envelope: string, context: string): string {
  const parts = envelope.split(".");
  if (parts.length !== 5 || parts[0] !== textVersion) throw new DecryptionError("not a pse1 envelope");
  const [, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const decipher = crypto.createDecipheriv(algorithm, keyring.key(keyId), Buffer.from(iv, "base64url"), { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("the envelope was altered, or belongs to another context");
  }
}

/** The key id an envelope was sealed with: lets a rotation job find what still uses an old key. */
export function keyIdOf(envelope: string): string | undefined {
  const parts = envelope.split(".");
  return parts.length === 5 && parts[0] === textVersion ? parts[1] : undefined;
}

/**
 * Binary form (attachment files): "PSB1", key id length (1 byte), key id, iv, tag, ciphertext.
 * The tag sits before the ciphertext so a reader knows it before streaming the body.
 */
const binaryMagic = Buffer.from("PSB1", "ascii");

export function encryptBytes(keyring: Keyring, plaintext: Buffer, context: string): Buffer {
  const iv = crypto.randomBytes(ivLength);
  const cipher = crypto.createCipheriv(algorithm, keyring.key(keyring.activeKeyId), iv, { authTagLength: tagLength });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const keyId = Buffer.from(keyring.activeKeyId, "utf8");
  return Buffer.concat([binaryMagic, Buffer.from([keyId.length]), keyId, iv, cipher.getAuthTag(), ciphertext]);
}

export function decryptBytes(keyring: Keyring, envelope: Buffer, context: string): Buffer {
  if (envelope.length < binaryMagic.length + 1 || !envelope.subarray(0, binaryMagic.length).equals(binaryMagic)) {
    throw new DecryptionError("not a PSB1 envelope");
  }
  let offset = binaryMagic.length;
  const keyIdLength = envelope[offset] ?? 0;
  offset += 1;
  const keyId = envelope.subarray(offset, offset + keyIdLength).toString("utf8");
  offset += keyIdLength;
  const iv = envelope.subarray(offset, offset + ivLength);
  offset += ivLength;
  const tag = envelope.subarray(offset, offset + tagLength);
  offset += tagLength;
  const decipher = crypto.createDecipheriv(algorithm, keyring.key(keyId), iv, { authTagLength: tagLength });
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(envelope.subarray(offset)), decipher.final()]);
  } catch {
    throw new DecryptionError("the envelope was altered, or belongs to another context");
  }
}

export function generateKey(): string {
  return crypto.randomBytes(32).toString("base64");
}
