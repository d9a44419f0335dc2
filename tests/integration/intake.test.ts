import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { appendAuditEntry, verifyAuditLog } from "../../app/audit/audit-log.server";
import { decryptText } from "../../app/crypto/envelope.server";
import { fileCase, type IntakeSubmission } from "../../app/intake/intake.server";
import { postReporterReply } from "../../app/messaging/messages.server";
import { privacyNoticeVersion } from "../../app/intake/privacy-notice";
import { fileNameContext } from "../../app/attachments/attachments.server";
import { dispatchDueMessages } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../../app/notify/mail-transport.server";
import { readOutboxPayload } from "../../app/notify/outbox.server";
import { prepareDatabase } from "../../app/startup.server";
import { readTrackingCode } from "../../app/tracking/tracking-code";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";
import { pdfEvidence } from "../support/evidence-files";
import { startSmtpServer } from "../support/smtp-server";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);

const tip: IntakeSubmission = {
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative: "เจ้าหน้าที่ฝ่ายพัสดุเรียกรับเงินจากผู้รับเหมาเพื่อแลกกับการตรวจรับงาน",
  details: { when: "ประมาณเดือนตุลาคม 2569", where: "อาคาร 2 ชั้น 3" },
  peopleInvolved: "นายสมมุติ ตัวอย่าง (ฝ่ายพัสดุ)",
  reporterRelation: "staff",
  files: [],
};

describeEachDialect("filing a case", (current) => {
  async function prepared(overrides: Record<string, string> = {}) {
    const services = testServices(current(), overrides);
    await prepareDatabase(services, bangkok("2026-01-01T00:00:00"));
    return services;
  }

  it("writes the case, its first event, deadlines and audit entry, and returns the code once", async () => {
    const services = await prepared();
    const filedAt = bangkok("2026-11-25T10:00:00");
    const result = await fileCase(services, tip, { channel: "web" }, filedAt);
    if (!("receipt" in result)) throw new Error(JSON.stringify(result));
    const { receipt } = result;
    expect(receipt.reference).toBe("PS-2570-000001");
    expect(readTrackingCode(receipt.trackingCode)).toEqual({ code: receipt.trackingCode });
    // ITA defaults for a corruption tip: acknowledge in 3 business days, respond in 15, resolve in 90 calendar days.
    expect(receipt.deadlines).toEqual({
      acknowledgeDueAt: bangkok("2026-11-30T10:00:00"),
      // Fifteen business days skip the substitution day for 5 December (7 Dec) and Constitution Day (10 Dec).
      firstResponseDueAt: bangkok("2026-12-18T10:00:00"),
      resolveDueAt: bangkok("2027-02-23T10:00:00"),
    });

    const { db, secrets } = services;
    const row = await db.selectFrom("cases").selectAll().where("id", "=", receipt.caseId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "corruption_tip", status: "new", channel: "web", is_anonymous: 1, reporter_relation: "staff", fiscal_year: 2570, next_due_at: receipt.deadlines.acknowledgeDueAt });
    expect(row.narrative_encrypted).not.toContain("เจ้าหน้าที่");
    expect(decryptText(secrets.keyring, row.narrative_encrypted, `cases.narrative_encrypted:${row.id}`)).toBe(tip.narrative);
    expect(decryptText(secrets.keyring, row.subjects_encrypted!, `cases.subjects_encrypted:${row.id}`)).toBe(tip.peopleInvolved);
    expect(row.tracking_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(row)).not.toContain(receipt.trackingCode);
    expect(row.reporter_identity_encrypted).toBeNull();

    const events = await db.selectFrom("case_events").selectAll().where("case_id", "=", row.id).execute();
    expect(events).toMatchObject([{ type: "filed", to_status: "new", actor_type: "reporter", actor_id: null, is_visible_to_reporter: 1 }]);
    const audit = await db.selectFrom("audit_log").selectAll().where("action", "=", "case.filed").execute();
    expect(audit).toMatchObject([{ target_id: row.id, actor_type: "reporter", actor_id: null }]);
    expect(await verifyAuditLog(db)).toMatchObject({ intact: true });
    expect(await db.selectFrom("outbox").selectAll().execute()).toEqual([]);
  });

  it("numbers references per fiscal year without gaps, across the turn of the year", async () => {
    const services = await prepared();
    const references = [];
    for (const at of ["2026-09-30T23:59:00", "2026-10-01T00:00:00", "2026-10-01T08:00:00"]) {
      const result = await fileCase(services, tip, { channel: "web" }, bangkok(at));
      if ("receipt" in result) references.push(result.receipt.reference);
    }
    expect(references).toEqual(["PS-2569-000001", "PS-2570-000001", "PS-2570-000002"]);
  });

  it("numbers and audits concurrent filings without a gap or a fork, among other audited writes", async () => {
    // On PostgreSQL a filing takes its reference number and the audit chain's head in one statement
    // and writes its entry with the case in the next (decision 0022): filings and other appenders
    // running at once must still leave one unbroken chain and one number per case.
    const services = await prepared();
    const before = await verifyAuditLog(services.db);
    const at = bangkok("2026-11-25T10:00:00");
    const results = await Promise.all([
      ...Array.from({ length: 12 }, (_, index) => fileCase(services, tip, { channel: "web" }, at + index)),
      ...Array.from({ length: 8 }, (_, index) =>
        services.db.transaction().execute((transaction) => appendAuditEntry(transaction, { actorType: "staff", action: "case.read", targetId: `other-${index}`, occurredAt: at + index })),
      ),
    ]);
    const references = results.flatMap((result) => (typeof result === "object" && "receipt" in result ? [result.receipt.reference] : []));
    expect(references.sort()).toEqual(Array.from({ length: 12 }, (_, index) => `PS-2570-${String(index + 1).padStart(6, "0")}`));
    expect(await verifyAuditLog(services.db)).toEqual({ intact: true, entries: before.entries + 20 });
    const filed = await services.db.selectFrom("audit_log").select("target_id").where("action", "=", "case.filed").execute();
    const caseIds = await services.db.selectFrom("cases").select("id").execute();
    expect(filed.map((entry) => entry.target_id).sort()).toEqual(caseIds.map((row) => row.id).sort());
  });

  it("refuses a category of another kind, writing nothing", async () => {
    const services = await prepared();
    expect(await fileCase(services, { ...tip, categoryCode: "complaint.service_quality" }, { channel: "web" }, Date.now())).toEqual({ problem: "unknown_category" });
    expect(await services.db.selectFrom("cases").select("id").execute()).toEqual([]);
  });

  it("sets only the clocks its category has a policy for, and none for a category without any", async () => {
    const services = await prepared();
    const filedAt = bangkok("2026-11-25T10:00:00");
    const category = await services.db.selectFrom("categories").select("id").where("code", "=", tip.categoryCode).executeTakeFirstOrThrow();
    await services.db.deleteFrom("sla_policies").where("category_id", "=", category.id).where("clock", "!=", "resolve").execute();
    const resolveOnly = await fileCase(services, tip, { channel: "web" }, filedAt);
    if (!("receipt" in resolveOnly)) throw new Error(JSON.stringify(resolveOnly));
    expect(resolveOnly.receipt.deadlines).toEqual({ acknowledgeDueAt: null, firstResponseDueAt: null, resolveDueAt: bangkok("2027-02-23T10:00:00") });

    await services.db.deleteFrom("sla_policies").where("category_id", "=", category.id).execute();
    const none = await fileCase(services, tip, { channel: "web" }, filedAt);
    if (!("receipt" in none)) throw new Error(JSON.stringify(none));
    expect(none.receipt.deadlines).toEqual({ acknowledgeDueAt: null, firstResponseDueAt: null, resolveDueAt: null });
    expect(await services.db.selectFrom("cases").select("next_due_at").where("id", "=", none.receipt.caseId).executeTakeFirstOrThrow()).toEqual({ next_due_at: null });
  });

  it("records a named complainant's consent and e-mails an acknowledgement without the tracking code", async () => {
    const smtp = await startSmtpServer();
    try {
      const services = await prepared({ SMTP_URL: smtp.url });
      const complaint: IntakeSubmission = {
        kind: "complaint",
        categoryCode: "complaint.service_quality",
        narrative: "รอคิวรับบริการนานกว่า 3 ชั่วโมง",
        details: {},
        reporterRelation: "unknown",
        identity: { name: "สมหญิง ใจดี", email: "somying@example.com", phone: "081 234 5678" },
        consentVersion: "pdpa-2569-1",
        files: [],
      };
      const filedAt = bangkok("2026-11-27T15:00:00");
      const result = await fileCase(services, complaint, { channel: "web" }, filedAt);
      if (!("receipt" in result)) throw new Error(JSON.stringify(result));
      const row = await services.db.selectFrom("cases").selectAll().where("id", "=", result.receipt.caseId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ is_anonymous: 0, consent_version: "pdpa-2569-1", consent_at: filedAt });
      expect(JSON.parse(decryptText(services.secrets.keyring, row.reporter_identity_encrypted!, `cases.reporter_identity_encrypted:${row.id}`))).toEqual(complaint.identity);

      const outbox = await services.db.selectFrom("outbox").selectAll().execute();
      expect(outbox).toHaveLength(1);
      expect(readOutboxPayload(services.secrets.keyring, outbox[0]!)).toMatchObject({ kind: "email", email: { to: "somying@example.com" } });

      const transport = createMailTransport(services.config, services.logger);
      await dispatchDueMessages(services, transport, filedAt);
      transport.close();
      const [mail] = await smtp.waitForMessages(1);
      expect(mail!.to).toEqual(["somying@example.com"]);
      expect(mail!.subject).toContain(result.receipt.reference);
      // Complaints are acknowledged within one business day: Friday afternoon → Monday.
      expect(mail!.text).toContain("30 พฤศจิกายน 2569");
      expect(mail!.raw).not.toContain(result.receipt.trackingCode);
      expect(mail!.raw).not.toContain("3 ชั่วโมง");
    } finally {
      await smtp.stop();
    }
  });

  it("stores evidence encrypted with the case, and nothing when a file is refused", async () => {
    const services = await prepared();
    const pdf = await pdfEvidence("หลักฐาน.pdf");
    const result = await fileCase(services, { ...tip, files: [pdf] }, { channel: "web" }, Date.now());
    if (!("receipt" in result)) throw new Error(JSON.stringify(result));
    const attachments = await services.db.selectFrom("attachments").selectAll().where("case_id", "=", result.receipt.caseId).execute();
    expect(attachments).toMatchObject([{ media_type: "application/pdf", uploaded_by_type: "reporter" }]);
    const stored = fs.readFileSync(path.join(services.config.dataDirectory, "attachments", attachments[0]!.storage_key));
    expect(stored.includes(Buffer.from("%PDF"))).toBe(false);

    const executable = new File([Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)])], "invoice.exe");
    const refused = await fileCase(services, { ...tip, files: [pdf, executable] }, { channel: "web" }, Date.now());
    expect(refused).toEqual({ problem: "attachments_refused", refusals: [{ fileName: "invoice.exe", reason: "executable" }] });
    expect(await services.db.selectFrom("cases").select("id").execute()).toHaveLength(1);
  });

  it("keeps an anonymous reporter's files as evidence-1, evidence-2…, and a named reporter's under their names", async () => {
    const services = await prepared();
    const storedNames = async (caseId: string) => {
      const rows = await services.db.selectFrom("attachments").select(["id", "file_name_encrypted"]).where("case_id", "=", caseId).execute();
      return rows.map((row) => decryptText(services.secrets.keyring, row.file_name_encrypted, fileNameContext(row.id))).sort();
    };
    const files = async () => [await pdfEvidence("ใบเสร็จ_นายสมชาย ใจดี.pdf"), new File(["ข้อความจากกลุ่มไลน์"], "Screenshot_20250301-141233_LINE.txt")];
    const anonymous = await fileCase(services, { ...tip, files: await files() }, { channel: "web" }, Date.now());
    if (!("receipt" in anonymous)) throw new Error(JSON.stringify(anonymous));
    expect(await storedNames(anonymous.receipt.caseId)).toEqual(["evidence-1.pdf", "evidence-2.txt"]);
    // A reply on /track keeps the rule of the case.
    await services.db.updateTable("cases").set({ status: "awaiting_reporter", paused_at: Date.now() }).where("id", "=", anonymous.receipt.caseId).execute();
    expect(await postReporterReply(services, anonymous.receipt.caseId, { files: [await pdfEvidence("สำเนา_นายสมชาย.pdf")] }, Date.now())).toEqual({ posted: true });
    expect(await storedNames(anonymous.receipt.caseId)).toEqual(["evidence-1.pdf", "evidence-1.pdf", "evidence-2.txt"]);

    const named = await fileCase(services, { ...tip, identity: { name: "สมชาย ใจดี" }, consentVersion: privacyNoticeVersion, files: await files() }, { channel: "web" }, Date.now());
    if (!("receipt" in named)) throw new Error(JSON.stringify(named));
    expect(await storedNames(named.receipt.caseId)).toEqual(["Screenshot_20250301-141233_LINE.txt", "ใบเสร็จ_นายสมชาย ใจดี.pdf"]);
  });

  it("leaves nothing behind when the transaction fails", async () => {
    const services = await prepared();
    // A reference that already exists makes the insert fail inside the transaction, after the
    // counter, the evidence files and the argon2 hash were made.
    await fileCase(services, tip, { channel: "web" }, bangkok("2026-11-25T10:00:00"));
    await services.db.updateTable("reference_counters").set({ last_number: 0 }).execute();
    const pdf = await pdfEvidence();
    await expect(fileCase(services, { ...tip, files: [pdf] }, { channel: "web" }, bangkok("2026-11-25T11:00:00"))).rejects.toThrow();
    expect(await services.db.selectFrom("cases").select("id").execute()).toHaveLength(1);
    expect(await services.db.selectFrom("case_events").select("id").execute()).toHaveLength(1);
    expect(await services.db.selectFrom("attachments").select("id").execute()).toHaveLength(0);
    const directory = path.join(services.config.dataDirectory, "attachments");
    const files = fs.existsSync(directory) ? fs.readdirSync(directory, { recursive: true }).filter((entry) => String(entry).endsWith(".bin")) : [];
    expect(files).toEqual([]);
    // The reference data and the first case: the failed filing added no entry.
    expect(await verifyAuditLog(services.db)).toEqual({ intact: true, entries: 2 });
  });
});
