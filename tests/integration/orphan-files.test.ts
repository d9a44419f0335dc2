import fs from "node:fs";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { attachmentsDirectory } from "../../app/attachments/attachment-store.server";
import { prepareAttachments, readAttachment, recordAttachments, type PreparedAttachment } from "../../app/attachments/attachments.server";
import { orphanFileMinimumAgeMs, removeOrphanEvidenceFiles } from "../../app/attachments/orphan-files.server";
import type { AppServices } from "../../app/services.server";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

const dataDirectories: string[] = [];
afterEach(() => {
  for (const directory of dataDirectories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

function statement(text: string): File {
  return new File([Buffer.from(text)], "statement.txt", { type: "text/plain" });
}

/** Files written as a filing writes them, before its transaction; nothing records them yet. */
async function writeEvidence(services: AppServices, text: string): Promise<PreparedAttachment> {
  const result = await prepareAttachments(services, [statement(text)], "as_sent");
  if (!("prepared" in result)) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  return result.prepared[0]!;
}

function filePathOf(services: AppServices, relativePath: string): string {
  return path.join(attachmentsDirectory(services.config.dataDirectory), relativePath);
}

/** The file's modification time moved into the past, as if written `ageMs` before `now`. */
function age(file: string, now: number, ageMs: number) {
  const at = new Date(now - ageMs);
  fs.utimesSync(file, at, at);
}

describeEachDialect("orphan evidence files", (current) => {
  it("deletes old files no row names, and keeps named files and files a filing may still be committing", async () => {
    const services = testServices(current());
    dataDirectories.push(services.config.dataDirectory);
    const caseId = await insertBareCase(current().db);
    const now = Date.now();

    const named = await writeEvidence(services, "named and committed");
    await current().db.transaction().execute((transaction) => recordAttachments(transaction, { caseId, uploadedByType: "reporter", prepared: [named], now }));
    const freshOrphan = await writeEvidence(services, "a filing still in its transaction");
    const oldOrphan = await writeEvidence(services, "a filing killed before its commit");
    // A write killed between its open and its rename, next to the file it was becoming.
    const unfinished = `${oldOrphan.storageKey.replace(/\.bin$/, "")}.bin.0123456789abcdef.tmp`;
    fs.writeFileSync(filePathOf(services, unfinished), "partial envelope");
    // Not a name the store ever gives: not ours to judge.
    const foreign = `${named.storageKey.slice(0, 2)}/notes.txt`;
    fs.writeFileSync(filePathOf(services, foreign), "an operator's file");

    const old = orphanFileMinimumAgeMs + 60_000;
    for (const relativePath of [named.storageKey, oldOrphan.storageKey, unfinished, foreign]) age(filePathOf(services, relativePath), now, old);
    age(filePathOf(services, freshOrphan.storageKey), now, orphanFileMinimumAgeMs - 60_000);

    const result = await removeOrphanEvidenceFiles(services, now);

    expect(result).toEqual({ filesChecked: 4, orphansDeleted: 2 });
    expect(fs.existsSync(filePathOf(services, oldOrphan.storageKey))).toBe(false);
    expect(fs.existsSync(filePathOf(services, unfinished))).toBe(false);
    expect(fs.existsSync(filePathOf(services, freshOrphan.storageKey))).toBe(true);
    expect(fs.existsSync(filePathOf(services, foreign))).toBe(true);
    const row = await current().db.selectFrom("attachments").selectAll().where("id", "=", named.id).executeTakeFirstOrThrow();
    const kept = await readAttachment(services, row);
    expect(Buffer.from(kept.bytes).toString()).toBe("named and committed");
  });

  it("with no minimum age deletes every unnamed file and still none that a row names", async () => {
    const services = testServices(current());
    dataDirectories.push(services.config.dataDirectory);
    const caseId = await insertBareCase(current().db);
    const named = await writeEvidence(services, "named");
    await current().db.transaction().execute((transaction) => recordAttachments(transaction, { caseId, uploadedByType: "reporter", prepared: [named], now: Date.now() }));
    const orphan = await writeEvidence(services, "unnamed");

    expect(await removeOrphanEvidenceFiles(services, Date.now() + 1_000, 0)).toEqual({ filesChecked: 2, orphansDeleted: 1 });
    expect(fs.existsSync(filePathOf(services, orphan.storageKey))).toBe(false);
    expect(fs.existsSync(filePathOf(services, named.storageKey))).toBe(true);
  });

  it("finds nothing to do before any evidence was stored", async () => {
    const services = testServices(current());
    dataDirectories.push(services.config.dataDirectory);
    expect(await removeOrphanEvidenceFiles(services, Date.now(), 0)).toEqual({ filesChecked: 0, orphansDeleted: 0 });
  });
});
