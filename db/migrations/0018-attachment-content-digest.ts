import { sql, type Kysely, type Migration } from "kysely";

/**
 * `attachments.sha256` held each evidence file's plain SHA-256: for a file kept byte for byte, the
 * SHA-256 of the original, which lets anyone with a copy of the database confirm that a document
 * was sent as evidence. The column becomes `content_digest`, holding HMAC-SHA256 of that SHA-256
 * under a key derived from the server's secret (decision 0019). The keyed digest is computed from
 * the stored SHA-256 alone, so no file is read; the function that computes it comes from the
 * application (db/migrate.ts, `MigrationSecrets`), which holds the key. Rows emptied by the
 * retention purge stay empty.
 *
 * Renamed rather than added and dropped: the column keeps its NOT NULL with no default, and SQLite
 * rewrites no table. Everything happens in one transaction on both dialects, so a failure leaves
 * the plain column as it was.
 */
export type ContentDigestOfSha256 = (sha256Hex: string) => string;

/** Rows read per query while converting, so a large table is never held in memory at once. */
const pageSize = 500;

export function attachmentContentDigest(convert: ContentDigestOfSha256 | undefined): Migration {
  return {
    up: (db) => inOneTransaction(db, (transaction) => up(transaction, convert)),
    down: (db) => inOneTransaction(db, down),
  };
}

/** Kysely runs PostgreSQL's migrations in a transaction, SQLite's on a bare connection. */
function inOneTransaction(db: Kysely<unknown>, work: (db: Kysely<unknown>) => Promise<void>): Promise<void> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

async function up(db: Kysely<unknown>, convert: ContentDigestOfSha256 | undefined): Promise<void> {
  // On SQLite Kysely records the migration after this transaction commits: a process stopped in
  // between finds the work done on its next start.
  const attachments = (await db.introspection.getTables()).find((table) => table.name === "attachments");
  if (attachments?.columns.some((column) => column.name === "content_digest")) return;

  if (!convert && (await anyRow(db, sql`sha256 <> ''`))) {
    throw new Error("attachments hold plain SHA-256 digests, and converting them needs the server's secrets: migrate through the application (npm run db:migrate, or start the server)");
  }
  await sql`alter table attachments rename column sha256 to content_digest`.execute(db);
  if (convert) await convertPlainDigests(db, convert);
}

async function convertPlainDigests(db: Kysely<unknown>, convert: ContentDigestOfSha256): Promise<void> {
  for (let after = ""; ; ) {
    const { rows } = await sql<{ id: string; content_digest: string }>`
      select id, content_digest from attachments where content_digest <> '' and id > ${after} order by id limit ${pageSize}`.execute(db);
    for (const row of rows) {
      await sql`update attachments set content_digest = ${convert(row.content_digest)} where id = ${row.id}`.execute(db);
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

/**
 * Only while no row holds a keyed digest: the plain SHA-256 it replaced is kept nowhere, and the
 * earlier version, comparing files with the SHA-256 it expects, would refuse every one of them.
 */
async function down(db: Kysely<unknown>): Promise<void> {
  if (await anyRow(db, sql`content_digest <> ''`)) {
    throw new Error("attachments hold keyed content digests, from which the plain SHA-256 cannot be recovered: migration 0018 cannot be undone");
  }
  await sql`alter table attachments rename column content_digest to sha256`.execute(db);
}

async function anyRow(db: Kysely<unknown>, condition: ReturnType<typeof sql>): Promise<boolean> {
  const { rows } = await sql`select 1 from attachments where ${condition} limit 1`.execute(db);
  return rows.length > 0;
}
