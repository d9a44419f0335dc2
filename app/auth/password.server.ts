import argon2 from "argon2";
import type { AppConfig } from "../config.server";

export type Argon2Parameters = AppConfig["argon2"];

/**
 * argon2id with the configured cost (OWASP's recommendation by default: 19 MiB, 2 passes, 1 lane).
 * Tests pass cheaper parameters through the configuration; benchmarks measure the real ones.
 * Never call this inside a database transaction: on SQLite it would hold the only connection.
 */
export function hashSecret(secret: string, parameters: Argon2Parameters): Promise<string> {
  return argon2.hash(secret, { type: argon2.argon2id, ...parameters });
}

export async function verifySecret(hash: string, secret: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, secret);
  } catch {
    return false;
  }
}
