import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { decryptBytes, encryptBytes, type Keyring } from "../crypto/envelope.server";

/**
 * Attachment bytes at rest: one AES-256-GCM envelope per file under `<DATA_DIR>/attachments/`
 * (ARCHITECTURE §6). The file name is random and ours, never the reporter's; a two-character
 * folder keeps any one directory small. The attachment id is bound into the envelope, so a file
 * swapped under another row's storage key fails to open instead of showing the wrong evidence.
 */

const attachmentFolder = "attachments";
/** `ab/ab…(64 hex).bin`, the folder being the name's first two characters: nothing else is a path we touch. */
const storageKeyPattern = /^([0-9a-f]{2})\/\1[0-9a-f]{62}\.bin$/;

export class InvalidStorageKeyError extends Error {
  constructor() {
    super("An attachment storage key is not one Prongsai generated");
    this.name = "InvalidStorageKeyError";
  }
}

function encryptionContext(attachmentId: string): string {
  return `attachment:${attachmentId}`;
}

/** Where every evidence file lives; the orphan sweep (orphan-files.server.ts) walks it. */
export function attachmentsDirectory(dataDirectory: string): string {
  return path.resolve(dataDirectory, attachmentFolder);
}

export function isAttachmentStorageKey(storageKey: string): boolean {
  return storageKeyPattern.test(storageKey);
}

function filePath(dataDirectory: string, storageKey: string): string {
  if (!isAttachmentStorageKey(storageKey)) throw new InvalidStorageKeyError();
  return path.join(attachmentsDirectory(dataDirectory), storageKey);
}

export async function writeAttachmentFile(dataDirectory: string, keyring: Keyring, attachmentId: string, bytes: Uint8Array): Promise<{ storageKey: string }> {
  const name = crypto.randomBytes(32).toString("hex");
  const storageKey = `${name.slice(0, 2)}/${name}.bin`;
  const target = filePath(dataDirectory, storageKey);
  const envelope = encryptBytes(keyring, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encryptionContext(attachmentId));
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  // Written whole and flushed under a temporary name, then renamed: a reader or a crash never
  // meets half a file under the real name.
  const temporary = `${target}.${crypto.randomBytes(8).toString("hex")}.tmp`;
  try {
    const handle = await fs.open(temporary, "wx", 0o600);
    try {
      await handle.writeFile(envelope);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, target);
    await syncDirectory(path.dirname(target));
  } catch (error) {
    // Both names are fresh and random: removing them can only remove this write.
    await Promise.all([fs.rm(temporary, { force: true }), fs.rm(target, { force: true })]);
    throw error;
  }
  return { storageKey };
}

/** The rename itself lives in the folder: flushed too, so a committed row never outlives its file. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readAttachmentFile(dataDirectory: string, keyring: Keyring, attachmentId: string, storageKey: string): Promise<Buffer> {
  const envelope = await fs.readFile(filePath(dataDirectory, storageKey));
  return decryptBytes(keyring, envelope, encryptionContext(attachmentId));
}

/** Deleting a file that is already gone succeeds: discarding and purging may both try. */
export async function deleteAttachmentFile(dataDirectory: string, storageKey: string): Promise<void> {
  await fs.rm(filePath(dataDirectory, storageKey), { force: true });
}
