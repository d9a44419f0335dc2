import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { appendAuditEntry, verifyAuditLog } from "../../app/audit/audit-log.server";
import { describeEachDialect } from "../support/databases";

const run = promisify(execFile);

describeEachDialect("the audit log", (current) => {
  async function append(count: number, start = 0) {
    const { db } = current();
    for (let index = start; index < start + count; index += 1) {
      await db.transaction().execute((transaction) =>
        appendAuditEntry(transaction, { actorType: "staff", actorId: `staff-${index}`, action: "case.read", targetType: "case", targetId: `case-${index}`, occurredAt: 1_000 + index }),
      );
    }
  }

  it("numbers entries without gaps and verifies an untouched chain", async () => {
    await append(5);
    const rows = await current().db.selectFrom("audit_log").select(["sequence", "previous_hash", "hash"]).orderBy("sequence").execute();
    expect(rows.map((row) => row.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[1]!.previous_hash).toBe(rows[0]!.hash);
    expect(await verifyAuditLog(current().db)).toEqual({ intact: true, entries: 5 });
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    const { db } = current();
    await expect(
      db.transaction().execute(async (transaction) => {
        await appendAuditEntry(transaction, { actorType: "system", action: "seed", occurredAt: 1 });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
    await append(1);
    expect(await verifyAuditLog(db)).toEqual({ intact: true, entries: 1 });
  });

  it("never forks under concurrent appenders", async () => {
    const { db } = current();
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        db.transaction().execute((transaction) => appendAuditEntry(transaction, { actorType: "staff", action: "case.read", targetId: `c${index}`, occurredAt: index })),
      ),
    );
    expect(await verifyAuditLog(db)).toEqual({ intact: true, entries: 20 });
  });

  it("catches a tampered row and names the first broken link", async () => {
    const { db } = current();
    await append(6);
    await db.updateTable("audit_log").set({ actor_id: "someone-else" }).where("sequence", "=", 4).execute();
    expect(await verifyAuditLog(db)).toEqual({ intact: false, entries: 3, chainBreak: { kind: "hash_mismatch", sequence: 4 } });
  });

  it("catches a deleted row", async () => {
    const { db } = current();
    await append(6);
    await db.deleteFrom("audit_log").where("sequence", "=", 2).execute();
    expect(await verifyAuditLog(db)).toEqual({ intact: false, entries: 1, chainBreak: { kind: "gap", sequence: 3, expectedSequence: 2 } });
  });

  it("catches entries cut from the end", async () => {
    const { db } = current();
    await append(6);
    await db.deleteFrom("audit_log").where("sequence", ">", 4).execute();
    expect(await verifyAuditLog(db)).toEqual({ intact: false, entries: 4, chainBreak: { kind: "head_mismatch", headSequence: 6, lastSequence: 4 } });
  });

  it("is reported by `npm run audit:verify`, with exit code 1 once broken", async () => {
    const { db, url } = current();
    await append(3);
    const environment = { ...process.env, DATABASE_URL: url, APP_ENV: "test", LOG_LEVEL: "silent", DATA_DIR: "/tmp/prongsai-audit-verify" };
    const intact = await run("npx", ["tsx", "scripts/verify-audit.ts"], { env: environment });
    expect(intact.stdout).toMatch(/Audit log intact: 3 entries/);
    await db.updateTable("audit_log").set({ action: "case.delete" }).where("sequence", "=", 2).execute();
    const broken = await run("npx", ["tsx", "scripts/verify-audit.ts"], { env: environment }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/Audit log BROKEN: entry 2 was altered after it was written/);
  });
});
