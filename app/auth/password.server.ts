import { randomBytes } from "node:crypto";
import argon2 from "argon2";
import type { AppConfig } from "../config.server";

export type Argon2Parameters = AppConfig["argon2"];

/**
 * argon2id with the configured cost (OWASP's recommendation by default: 19 MiB, 2 passes, 1 lane).
 * Tests pass cheaper parameters through the configuration; benchmarks measure the real ones.
 * Never call this inside a database transaction: on SQLite it would hold the only connection.
 */
export function hashSecret(secret: string, parameters: Argon2Parameters): Promise<string> {
  // The salt drawn here, synchronously: the library's default asks libuv's thread pool for it, where
  // the request waits behind the hashes running there and costs the main thread a wake-up of its own.
  // Sixteen bytes from the same CSPRNG take microseconds.
  return argon2.hash(secret, { type: argon2.argon2id, salt: randomBytes(16), ...parameters });
}

export async function verifySecret(hash: string, secret: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, secret);
  } catch {
    return false;
  }
}
