import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { createDb, type DatabaseHandle } from "../../db/connect";

/*
 * Two processes on one SQLite file — the server and `npm run sla:sweep`, or a test beside the
 * server. A transaction holds the write lock from its first statement (BEGIN IMMEDIATE), so another
 * writer waits for it rather than committing in between and leaving it to fail at its first write.
 */

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.db.destroy();
});

it("takes SQLite's write lock when a transaction begins, so no other writer slips in before its first write", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "prongsai-lock-")), "lock.db");
  const first = createDb(`file:${file}`);
  const second = createDb(`file:${file}`);
  handles.push(first, second);
  await sql`create table counter (value integer not null)`.execute(first.db);
  await sql`insert into counter (value) values (0)`.execute(first.db);
  // The other process gives up at once instead of waiting (better-sqlite3 waits synchronously, which would stall this test).
  await sql`pragma busy_timeout = 0`.execute(second.db);

  await first.db.transaction().execute(async (transaction) => {
    const { rows } = await sql<{ value: number }>`select value from counter`.execute(transaction);
    // Deferred, this write by the other process would succeed and our update below would then fail.
    await expect(sql`update counter set value = 100`.execute(second.db)).rejects.toThrow(/locked/);
    await sql`update counter set value = ${rows[0]!.value + 1}`.execute(transaction);
  });
  await sql`update counter set value = value + 1`.execute(second.db);
  expect((await sql<{ value: number }>`select value from counter`.execute(first.db)).rows[0]!.value).toBe(2);
});
