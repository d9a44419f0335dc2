import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../app/config.server";
import { DecryptionError, Keyring, decryptBytes, decryptText, encryptBytes, encryptText, keyIdOf } from "../../../app/crypto/envelope.server";
import { developmentSecretsFileName, loadSecrets } from "../../../app/crypto/secrets.server";

const key = (fill: number) => Buffer.alloc(32, fill);
const keyring = new Keyring(new Map([["k1", key(1)]]), "k1");

describe("text envelopes", () => {
  it.each(["", "เรื่องร้องเรียน: มีการเรียกรับเงิน ๑๐๐,๐๐๐ บาท", "a".repeat(100_000), "emoji 🙈 and null \u0000 byte"])("round-trips %#", (plaintext) => {
    const envelope = encryptText(keyring, plaintext, "cases.narrative:1");
    expect(envelope.startsWith("pse1.k1.")).toBe(true);
    expect(decryptText(keyring, envelope, "cases.narrative:1")).toBe(plaintext);
  });

  it("never shows the plaintext and never repeats itself", () => {
    const first = encryptText(keyring, "นายสมชาย", "context");
    const second = encryptText(keyring, "นายสมชาย", "context");
    expect(first).not.toBe(second);
    expect(first).not.toContain(Buffer.from("นายสมชาย").toString("base64url"));
  });

  it("refuses an envelope moved to another context", () => {
    const envelope = encryptText(keyring, "secret", "cases.narrative:1");
    expect(() => decryptText(keyring, envelope, "cases.narrative:2")).toThrow(DecryptionError);
  });

  it("refuses an altered envelope", () => {
    const envelope = encryptText(keyring, "secret", "context");
    const parts = envelope.split(".");
    const ciphertext = Buffer.from(parts[3]!, "base64url");
    ciphertext[0] = ciphertext[0]! ^ 1;
    parts[3] = ciphertext.toString("base64url");
    expect(() => decryptText(keyring, parts.join("."), "context")).toThrow(DecryptionError);
    expect(() => decryptText(keyring, "not-an-envelope", "context")).toThrow(DecryptionError);
  });

  it("reads old envelopes after the active key rotates, and seals new ones with the new key", () => {
    const old = encryptText(keyring, "before rotation", "context");
    const rotated = new Keyring(new Map([["k1", key(1)], ["k2", key(2)]]), "k2");
    expect(decryptText(rotated, old, "context")).toBe("before rotation");
    const fresh = encryptText(rotated, "after rotation", "context");
    expect(keyIdOf(fresh)).toBe("k2");
    expect(() => decryptText(keyring, fresh, "context")).toThrow(/no key "k2"/);
  });

  it("parses the ENCRYPTION_KEYS setting and refuses wrong key sizes", () => {
    const parsed = Keyring.fromSetting(`a:${key(3).toString("base64")},b:${key(4).toString("base64url")}`, "b");
    expect(parsed.activeKeyId).toBe("b");
    expect(decryptText(parsed, encryptText(parsed, "x", "c"), "c")).toBe("x");
    expect(() => Keyring.fromSetting(`a:${Buffer.alloc(16).toString("base64")}`, "a")).toThrow(/32 bytes/);
    expect(() => new Keyring(new Map([["a", key(1)]]), "b")).toThrow(/not in the keyring/);
  });
});

describe("binary envelopes", () => {
  it("round-trips bytes and binds the context", () => {
    const bytes = crypto.randomBytes(70_000);
    const envelope = encryptBytes(keyring, bytes, "attachment:1");
    expect(decryptBytes(keyring, envelope, "attachment:1").equals(bytes)).toBe(true);
    expect(() => decryptBytes(keyring, envelope, "attachment:2")).toThrow(DecryptionError);
    expect(() => decryptBytes(keyring, Buffer.from("garbage"), "attachment:1")).toThrow(DecryptionError);
  });
});

describe("development keys", () => {
  it("are generated once into the data directory with a warning, then reused", () => {
    const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-keys-"));
    const config = parseConfig({ DATA_DIR: dataDirectory });
    const warnings: string[] = [];
    const first = loadSecrets(config, (message) => warnings.push(message));
    const second = loadSecrets(config, (message) => warnings.push(message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Never use them in production/);
    expect(fs.existsSync(path.join(dataDirectory, developmentSecretsFileName))).toBe(true);
    expect(decryptText(second.keyring, encryptText(first.keyring, "x", "c"), "c")).toBe("x");
    expect(second.trackingLookupSecret).toBe(first.trackingLookupSecret);
  });

  it("are never generated in production", () => {
    const config = { ...parseConfig({}), isProduction: true };
    expect(() => loadSecrets(config, () => undefined)).toThrow(/required in production/);
  });
});
