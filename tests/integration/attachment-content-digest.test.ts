import crypto from "node:crypto";
import fs from "node:fs";
import { Migrator, sql, type Kysely } from "kysely";
import { afterEach, expect, it } from "vitest";
import { writeAttachmentFile } from "../../app/attachments/attachment-store.server";
import { AttachmentIntegrityError, prepareAttachments, readAttachment, recordAttachments, type PreparedAttachment } from "../../app/attachments/attachments.server";
import { contentDigest } from "../../app/attachments/content-digest.server";
import type { AppServices } from "../../app/services.server";
import { migrateDatabase } from "../../app/startup.server";
import { migrateToLatest, migrations } from "../../db/migrate";
import type { Database } from "../../db/schema";
import { insertBareCase } from "../support/case-rows";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";
import { minimalDocx } from "../support/zip";

const filedAt = Date.UTC(2026, 0, 15, 2, 0, 0);
/** A memo as the agency wrote it: a Word document is kept byte for byte, so its SHA-256 is the original's. */
const memo = minimalDocx("บันทึกข้อความ ลับมาก เลขที่ ๔๒/๒๕๖๙");

const dataDirectories: string[] = [];
afterEach(() => {
  for (const directory of dataDirectories.splice(0)) fs.rmSync(directory, { recursive: true, force: true });
});

function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

function servicesFor(database: { db: Kysely<Database>; dialect: AppServices["dialect"] }, overrides: Record<string, string> = {}): AppServices {
  const services = testServices(database, overrides);
  dataDirectories.push(services.config.dataDirectory);
  return services;
}

async function prepareMemo(services: AppServices): Promise<PreparedAttachment> {
  const result = await prepareAttachments(services, [new File([new Uint8Array(memo)], "memo.docx")], "as_sent");
  if (!("prepared" in result)) throw new Error(`refused: ${JSON.stringify(result.refused)}`);
  return result.prepared[0]!;
}

async function storeMemo(services: AppServices, caseId: string) {
  const prepared = await prepareMemo(services);
  await services.db.transaction().execute((transaction) => recordAttachments(transaction, { caseId, uploadedByType: "reporter", prepared: [prepared], now: filedAt }));
  return services.db.selectFrom("attachments").selectAll().where("id", "=", prepared.id).executeTakeFirstOrThrow();
}

/** A row as versions before migration 0018 wrote it, with the file's plain SHA-256. */
async function insertOldRow(db: Kysely<Database>, row: { id: string; caseId: string; sha256: string; storageKey: string; fileNameEncrypted?: string; sizeBytes?: number }) {
  await sql`insert into attachments (id, case_id, message_id, uploaded_by_type, uploaded_by_id, file_name_encrypted, media_type, size_bytes, sha256, storage_key, created_at)
    values (${row.id}, ${row.caseId}, ${null}, ${"reporter"}, ${null}, ${row.fileNameEncrypted ?? "envelope"}, ${"application/octet-stream"}, ${row.sizeBytes ?? 0}, ${row.sha256}, ${row.storageKey}, ${filedAt})`.execute(db);
}

describeEachDialect("an evidence file's stored digest", (current) => {
  it("is keyed: neither the file's SHA-256 nor anything a copy of the database can recompute from the file", async () => {
    const services = servicesFor(current());
    const caseId = await insertBareCase(services.db, {}, filedAt);
    const row = await storeMemo(services, caseId);

    const fileSha256 = sha256Hex(memo);
    expect(row.content_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.values(row).map(String)).not.toContain(fileSha256);
    // Not an HMAC under the tracking lookup secret itself either: that key serves the codes only.
    expect(row.content_digest).not.toBe(crypto.createHmac("sha256", services.secrets.trackingLookupSecret).update(Buffer.from(fileSha256, "hex")).digest("hex"));
    expect(row.content_digest).toBe(contentDigest(services.secrets.attachmentDigestKey, memo));

    // Another deployment (another secret) stores another digest for the same document.
    const elsewhere = servicesFor(current(), { TRACKING_LOOKUP_SECRET: crypto.randomBytes(32).toString("base64url") });
    expect(contentDigest(elsewhere.secrets.attachmentDigestKey, memo)).not.toBe(row.content_digest);

    const content = await readAttachment(services, row);
    expect(content.bytes.equals(memo)).toBe(true);
  });

  it("still catches a file whose content was replaced, and a row whose digest was changed", async () => {
    const services = servicesFor(current());
    const caseId = await insertBareCase(services.db, {}, filedAt);
    const row = await storeMemo(services, caseId);

    // Someone with the encryption keys puts another document in the file: the envelope opens, the digest disagrees.
    const { storageKey: replaced } = await writeAttachmentFile(services.config.dataDirectory, services.secrets.keyring, row.id, Buffer.from("a different memo"));
    await services.db.updateTable("attachments").set({ storage_key: replaced }).where("id", "=", row.id).execute();
    const tampered = await services.db.selectFrom("attachments").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    await expect(readAttachment(services, tampered)).rejects.toThrow(AttachmentIntegrityError);

    // The original file, with the plain SHA-256 written over its digest, or the digest of another server's key.
    await expect(readAttachment(services, { ...row, content_digest: sha256Hex(memo) })).rejects.toThrow(AttachmentIntegrityError);
    const otherKey = servicesFor(current()).secrets.attachmentDigestKey;
    await expect(readAttachment(services, { ...row, content_digest: contentDigest(otherKey, memo) })).rejects.toThrow(AttachmentIntegrityError);
    await expect(readAttachment(services, { ...row, content_digest: "" })).rejects.toThrow(AttachmentIntegrityError);
    await expect(readAttachment(services, row)).resolves.toMatchObject({ fileName: "memo.docx" });
  });

  it("of a row stored before migration 0018 is converted, without reading the file, by the server's migration", async () => {
    const services = servicesFor(current());
    const { db } = services;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo("0017-retention-index")).error).toBeUndefined();

    const caseId = await insertBareCase(db, {}, filedAt);
    const kept = await prepareMemo(services);
    await insertOldRow(db, { id: kept.id, caseId, sha256: sha256Hex(memo), storageKey: kept.storageKey, fileNameEncrypted: kept.fileNameEncrypted, sizeBytes: kept.sizeBytes });
    // Rows of an anonymized case: their digest was emptied and must stay empty.
    await insertOldRow(db, { id: "attachment-anonymized", caseId, sha256: "", storageKey: "anonymized:attachment-anonymized" });
    // More rows than one page of the conversion; their files are not needed, since no file is read.
    const manySha256 = (index: number) => sha256Hex(Buffer.from(`statement ${index}`));
    for (let index = 0; index < 1_100; index += 1) {
      await insertOldRow(db, { id: `attachment-${String(index).padStart(5, "0")}`, caseId, sha256: manySha256(index), storageKey: `old/${index}` });
    }

    // A migration run that does not hold the secrets refuses and leaves every row as it was.
    await expect(migrateToLatest(db)).rejects.toThrow(/plain SHA-256 digests/);
    const untouched = await sql<{ sha256: string }>`select sha256 from attachments where id = ${kept.id}`.execute(db);
    expect(untouched.rows).toEqual([{ sha256: sha256Hex(memo) }]);

    const { results = [] } = await migrateDatabase(services);
    // 0018 first, then any later migration.
    expect(results.map((result) => [result.migrationName, result.status])[0]).toEqual(["0018-attachment-content-digest", "Success"]);
    expect(results.every((result) => result.status === "Success")).toBe(true);

    const rows = await db.selectFrom("attachments").select(["id", "content_digest"]).orderBy("id").execute();
    const digests = new Map(rows.map((row) => [row.id, row.content_digest]));
    const key = services.secrets.attachmentDigestKey;
    expect(digests.get(kept.id)).toBe(contentDigest(key, memo));
    expect(digests.get("attachment-anonymized")).toBe("");
    for (let index = 0; index < 1_100; index += 1) {
      expect(digests.get(`attachment-${String(index).padStart(5, "0")}`)).toBe(contentDigest(key, Buffer.from(`statement ${index}`)));
    }
    expect(rows.map((row) => row.content_digest)).not.toContain(sha256Hex(memo));

    const row = await db.selectFrom("attachments").selectAll().where("id", "=", kept.id).executeTakeFirstOrThrow();
    expect((await readAttachment(services, row)).bytes.equals(memo)).toBe(true);

    // Done once: a second run finds nothing to do; undoing it would leave digests nothing can verify, so it refuses.
    expect((await migrateDatabase(services)).results).toEqual([]);
    const undo = await migrator.migrateTo("0017-retention-index");
    expect(String(undo.error)).toMatch(/cannot be undone/);
    expect(await db.selectFrom("attachments").select("content_digest").where("id", "=", kept.id).executeTakeFirstOrThrow()).toEqual({ content_digest: contentDigest(key, memo) });
  });
});
