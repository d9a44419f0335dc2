import fs from "node:fs/promises";
import path from "node:path";
import type { AppServices } from "../services.server";
import { attachmentsDirectory, deleteAttachmentFile, isAttachmentStorageKey } from "./attachment-store.server";
import { repeatInBackground } from "../background-task.server";

/**
 * Evidence files that no attachment row names. A filing writes its files before its transaction
 * opens and removes them when the transaction fails (attachments.server.ts); a process killed in
 * between — SIGKILL, a power cut — leaves them behind, as does a write killed before its rename
 * (a `.tmp` file). They hold no case: the envelope is bound to an attachment id that only the
 * missing row knew, so nobody can open them; but they take space and would outlive every case's
 * retention. The sweep deletes them once they are older than any filing could still be running.
 */

/**
 * Far longer than a filing's transaction, however loaded the server: a younger file may belong to
 * a filing that is about to commit the row that names it.
 */
export const orphanFileMinimumAgeMs = 60 * 60_000;
const sweepIntervalMs = 60 * 60_000;

/** A write cut short before its rename: `<storage key>.<16 hex>.tmp` (attachment-store.server.ts). */
const unfinishedWritePattern = /^([0-9a-f]{2})\/\1[0-9a-f]{62}\.bin\.[0-9a-f]{16}\.tmp$/;
/** Rows looked up per query: well under every driver's limit on bound parameters. */
const lookupChunkSize = 500;

export interface EvidenceFile {
  /** The file's path under the evidence folder, `ab/ab….bin` or `ab/ab….bin.….tmp`. */
  relativePath: string;
  /** The key a row would name; undefined for an unfinished write, which no row ever names. */
  storageKey: string | undefined;
  modifiedAt: number;
}

/** Every file the attachment store wrote, folder by folder; anything else in the folder is not ours and is left alone. */
export async function* listEvidenceFiles(dataDirectory: string): AsyncGenerator<EvidenceFile[]> {
  const root = attachmentsDirectory(dataDirectory);
  const folders = await fs.readdir(root, { withFileTypes: true }).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  for (const folder of folders) {
    if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
    const files: EvidenceFile[] = [];
    for (const name of await fs.readdir(path.join(root, folder.name))) {
      const relativePath = `${folder.name}/${name}`;
      const storageKey = isAttachmentStorageKey(relativePath) ? relativePath : undefined;
      if (!storageKey && !unfinishedWritePattern.test(relativePath)) continue;
      // A file removed meanwhile (a discarded filing) is simply not there any more.
      const stat = await fs.stat(path.join(root, relativePath)).catch((error: unknown) => {
        if (isMissing(error)) return undefined;
        throw error;
      });
      if (stat?.isFile()) files.push({ relativePath, storageKey, modifiedAt: stat.mtimeMs });
    }
    if (files.length > 0) yield files;
  }
}

/** The files among `files` that no attachment row names. */
export async function unnamedEvidenceFiles(services: Pick<AppServices, "db">, files: readonly EvidenceFile[]): Promise<EvidenceFile[]> {
  const keys = files.flatMap((file) => (file.storageKey ? [file.storageKey] : []));
  const named = new Set<string>();
  for (let index = 0; index < keys.length; index += lookupChunkSize) {
    const rows = await services.db
      .selectFrom("attachments")
      .select("storage_key")
      .where("storage_key", "in", keys.slice(index, index + lookupChunkSize))
      .execute();
    for (const row of rows) named.add(row.storage_key);
  }
  return files.filter((file) => !file.storageKey || !named.has(file.storageKey));
}

export interface OrphanSweepResult {
  filesChecked: number;
  orphansDeleted: number;
}

/**
 * Deletes the evidence files older than `minimumAgeMs` at `now` that no row names. The files are
 * listed before the rows are read, so a row committed meanwhile is seen and its file kept.
 */
export async function removeOrphanEvidenceFiles(services: Pick<AppServices, "db" | "config">, now: number, minimumAgeMs = orphanFileMinimumAgeMs): Promise<OrphanSweepResult> {
  const { dataDirectory } = services.config;
  const result: OrphanSweepResult = { filesChecked: 0, orphansDeleted: 0 };
  for await (const files of listEvidenceFiles(dataDirectory)) {
    result.filesChecked += files.length;
    const oldEnough = files.filter((file) => now - file.modifiedAt >= minimumAgeMs);
    for (const orphan of await unnamedEvidenceFiles(services, oldEnough)) {
      if (orphan.storageKey) await deleteAttachmentFile(dataDirectory, orphan.storageKey);
      else await fs.rm(path.join(attachmentsDirectory(dataDirectory), orphan.relativePath), { force: true });
      result.orphansDeleted += 1;
    }
  }
  return result;
}

/**
 * At start-up — right after a crash is when orphans appear — and every hour after. Logged as
 * counts only: a file name is random, but nothing here needs even that. Several nodes sharing one
 * data directory may sweep at once; deleting a file twice is harmless.
 */
export function startOrphanFileSweeper(services: Pick<AppServices, "db" | "config" | "logger">): { stop(): void } {
  return repeatInBackground({
    logger: services.logger,
    failureMessage: "orphan evidence file sweep failed",
    intervalMs: sweepIntervalMs,
    runAtStart: true,
    pass: async () => {
      const result = await removeOrphanEvidenceFiles(services, Date.now());
      if (result.orphansDeleted > 0) services.logger.info(result, "orphan evidence files deleted");
    },
  });
}

function isMissing(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
}
