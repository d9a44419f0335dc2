import { afterEach, expect, it } from "vitest";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { applyCaseAction } from "../../app/cases/case-transitions.server";
import { staffCasePath } from "../../app/cases/case-workspace.server";
import type { CaseAction } from "../../app/cases/case-lifecycle";
import type { StaffRole } from "../../app/db.server";
import { fileCase, privacyNoticeVersion, type IntakeOrigin, type IntakeSubmission, type Receipt } from "../../app/intake/intake.server";
import { postReporterReply, postStaffMessage } from "../../app/messaging/messages.server";
import { dispatchDueMessages } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../../app/notify/mail-transport.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { pdfEvidence } from "../support/evidence-files";
import { testServices } from "../support/services";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp-server";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const filedAt = bangkok("2026-11-25T10:00:00");
const hour = 60 * 60 * 1000;
const publicBaseUrl = "https://prongsai.example.go.th";

const complainant = { name: "สมหญิง ใจดี", email: "somying@example.com", phone: "081 234 5678" };

const namedComplaint: IntakeSubmission = {
  kind: "complaint",
  categoryCode: "complaint.service_quality",
  narrative: "รอคิวที่สำนักงานเขตนานกว่าสามชั่วโมงโดยไม่มีการแจ้งเหตุผล",
  details: { when: "25 พฤศจิกายน 2569", where: "สำนักงานเขตบางรัก" },
  peopleInvolved: "นางสาวตัวอย่าง ผู้ให้บริการ",
  reporterRelation: "outside",
  identity: complainant,
  consentVersion: privacyNoticeVersion,
  files: [],
};

const anonymousTip: IntakeSubmission = {
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative: "เจ้าหน้าที่ฝ่ายพัสดุเรียกรับเงินจากผู้รับเหมาเพื่อแลกกับการตรวจรับงาน",
  details: { when: "ตุลาคม 2569", where: "อาคาร 2 ชั้น 3" },
  peopleInvolved: "นายสมมุติ ตัวอย่าง (ฝ่ายพัสดุ)",
  reporterRelation: "staff",
  files: [],
};

const reporterReply = "ขอแจ้งเพิ่มเติมว่าเจ้าหน้าที่คนเดิมยังเรียกเงินอยู่";

/** Everything a reporter typed that no e-mail may carry. */
const secretsOf = (submission: IntakeSubmission): string[] =>
  [submission.narrative, submission.details.when, submission.details.where, submission.peopleInvolved, submission.identity?.name, submission.identity?.phone, reporterReply].filter(
    (value): value is string => Boolean(value),
  );

const staffSeeds: Array<{ key: string; role: StaffRole; email: string; team: string | null }> = [
  { key: "integrityInvestigator", role: "investigator", email: "sudar@agency.example", team: "integrity" },
  { key: "integritySupervisor", role: "supervisor", email: "prasert@agency.example", team: "integrity" },
  { key: "integrityDesk", role: "intake_officer", email: "malee@agency.example", team: "integrity" },
  { key: "integrityFormer", role: "investigator", email: "former@agency.example", team: "integrity" },
  { key: "serviceInvestigator", role: "investigator", email: "niran@agency.example", team: "service" },
  { key: "serviceSupervisor", role: "supervisor", email: "kanda@agency.example", team: "service" },
  { key: "serviceRecusedSupervisor", role: "supervisor", email: "recused@agency.example", team: "service" },
  { key: "serviceDesk", role: "intake_officer", email: "somchai@agency.example", team: "service" },
  { key: "executive", role: "executive", email: "wilai@agency.example", team: null },
  { key: "admin", role: "admin", email: "thana@agency.example", team: null },
  { key: "auditor", role: "auditor", email: "anan@agency.example", team: null },
];

describeEachDialect("case notifications", (current) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp() {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const services = testServices(current(), { SMTP_URL: smtp.url, PUBLIC_BASE_URL: publicBaseUrl });
    await prepareDatabase(services, bangkok("2026-01-01T00:00:00"));
    const staff: Record<string, { id: string; email: string }> = {};
    for (const seed of staffSeeds) {
      const created = await createStaffUser(services, { email: seed.email, displayName: seed.key, role: seed.role, teamCode: seed.team, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, filedAt - 24 * hour);
      if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
      staff[seed.key] = { id: created.staffUserId, email: seed.email };
    }
    await services.db.updateTable("staff_users").set({ is_active: 0 }).where("id", "=", staff.integrityFormer!.id).execute();
    return { smtp, services, staff };
  }

  async function file(services: AppServices, submission: IntakeSubmission, origin: IntakeOrigin = { channel: "web" }, at = filedAt): Promise<Receipt> {
    const result = await fileCase(services, submission, origin, at);
    if (!("receipt" in result)) throw new Error(JSON.stringify(result));
    return result.receipt;
  }

  /** Delivers everything due through the real SMTP server and returns what arrived since `before` messages. */
  function transportOf(services: AppServices) {
    const transport = createMailTransport(services.config, services.logger);
    cleanups.push(() => transport.close());
    return transport;
  }

  async function deliver(services: AppServices, smtp: TestSmtpServer, at: number): Promise<ReceivedMail[]> {
    const before = smtp.messages.length;
    const transport = transportOf(services);
    const result = await dispatchDueMessages(services, transport, at);
    expect(result).toMatchObject({ retried: 0, dead: 0 });
    const arrived = await smtp.waitForMessages(before + result.sent);
    return arrived.slice(before);
  }

  const recipientsOf = (mails: ReceivedMail[]) => mails.flatMap((mail) => mail.to).sort();

  function expectNoContent(mails: ReceivedMail[], receipts: Array<{ receipt: Receipt; submission: IntakeSubmission }>) {
    for (const mail of mails) {
      const everything = [mail.raw, mail.subject, mail.text, mail.html].join("\n");
      for (const { receipt, submission } of receipts) {
        for (const secret of secretsOf(submission)) expect(everything).not.toContain(secret);
        expect(everything).not.toContain(receipt.trackingCode);
        expect(everything).not.toContain(receipt.trackingCode.replace(/-/g, ""));
      }
    }
  }

  async function act(services: AppServices, caseId: string, action: CaseAction, at: number, actorId: string) {
    await services.db.transaction().execute(async (transaction) => {
      const row = await transaction.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
      const applied = await applyCaseAction(transaction, row, action, { type: "staff", id: actorId }, at, services);
      if ("refused" in applied) throw new Error(`${action.type} refused: ${applied.refused}`);
    });
  }

  it("tells the officers who may work a new case that it arrived, with its reference and a link only", async () => {
    const { smtp, services, staff } = await setUp();
    const tip = await file(services, anonymousTip);
    const complaint = await file(services, namedComplaint);
    const phoned = await file(services, { ...namedComplaint, identity: { name: complainant.name, phone: complainant.phone } }, { channel: "phone", filedByStaffId: staff.serviceDesk!.id });

    const mails = await deliver(services, smtp, filedAt);
    const about = (reference: string) => mails.filter((mail) => mail.subject.includes(reference));

    // A tip goes to its team's investigators and supervisors, never to the intake desk; nobody inactive.
    expect(recipientsOf(about(tip.reference))).toEqual([staff.integritySupervisor!.email, staff.integrityInvestigator!.email].sort());
    // A complaint reaches the team's desk too (it may triage it), and the complainant's own acknowledgement.
    expect(recipientsOf(about(complaint.reference))).toEqual(
      [complainant.email, staff.serviceSupervisor!.email, staff.serviceRecusedSupervisor!.email, staff.serviceInvestigator!.email, staff.serviceDesk!.email].sort(),
    );
    // The operator who filed it on the phone knows already; a reporter without an address gets nothing.
    expect(recipientsOf(about(phoned.reference))).toEqual([staff.serviceSupervisor!.email, staff.serviceRecusedSupervisor!.email, staff.serviceInvestigator!.email].sort());

    const toInvestigator = about(tip.reference).find((mail) => mail.to.includes(staff.integrityInvestigator!.email))!;
    expect(toInvestigator.subject).toBe(`เรื่องใหม่เลขที่ ${tip.reference} / New case ${tip.reference}`);
    expect(toInvestigator.text).toContain(`${publicBaseUrl}${staffCasePath(tip.caseId)}`);
    for (const label of ["แจ้งเบาะแสการทุจริต", "Corruption report", "การเรียกรับสินบน"]) expect(toInvestigator.text).toContain(label);

    const staffMails = mails.filter((mail) => !mail.to.includes(complainant.email));
    for (const mail of staffMails) expect([mail.raw, mail.text, mail.html].join("\n")).not.toContain(complainant.email);
    expectNoContent(mails, [
      { receipt: tip, submission: anonymousTip },
      { receipt: complaint, submission: namedComplaint },
      { receipt: phoned, submission: namedComplaint },
    ]);
  });

  it("tells the assignee, or while nobody holds the case its unrecused supervisors, that the reporter replied or added evidence", async () => {
    const { smtp, services, staff } = await setUp();
    const complaint = await file(services, namedComplaint);
    const tip = await file(services, anonymousTip);
    await deliver(services, smtp, filedAt);
    await services.db
      .insertInto("conflicts")
      .values({ id: "conflict-1", case_id: complaint.caseId, staff_user_id: staff.serviceRecusedSupervisor!.id, source: "named_in_case", reason_encrypted: null, created_by_id: null, created_at: filedAt })
      .execute();

    // Nobody holds it yet: the team's supervisors hear of it, but not the recused one.
    expect(await postReporterReply(services, complaint.caseId, { body: reporterReply, files: [] }, filedAt + hour)).toEqual({ posted: true });
    const unassigned = await deliver(services, smtp, filedAt + hour);
    expect(recipientsOf(unassigned)).toEqual([staff.serviceSupervisor!.email]);
    expect(unassigned[0]!.subject).toBe(`ผู้แจ้งตอบกลับเรื่องเลขที่ ${complaint.reference} / The reporter replied on case ${complaint.reference}`);
    expect(unassigned[0]!.text).toContain(`${publicBaseUrl}${staffCasePath(complaint.caseId)}`);

    await services.db.updateTable("cases").set({ assignee_id: staff.serviceInvestigator!.id }).where("id", "=", complaint.caseId).execute();
    expect(await postReporterReply(services, complaint.caseId, { files: [await pdfEvidence("ใบเสร็จรับเงิน.pdf")] }, filedAt + 2 * hour)).toEqual({ posted: true });
    const evidence = await deliver(services, smtp, filedAt + 2 * hour);
    expect(recipientsOf(evidence)).toEqual([staff.serviceInvestigator!.email]);
    expect(evidence[0]!.subject).toContain("The reporter added evidence to case");

    expect(await postReporterReply(services, complaint.caseId, { body: reporterReply, files: [await pdfEvidence("ภาพถ่าย.pdf")] }, filedAt + 3 * hour)).toEqual({ posted: true });
    const both = await deliver(services, smtp, filedAt + 3 * hour);
    expect(recipientsOf(both)).toEqual([staff.serviceInvestigator!.email]);
    expect(both[0]!.subject).toContain("The reporter replied with evidence on case");

    // An assignee who was since recused hears nothing more: the supervisors who may reassign do.
    await services.db
      .insertInto("conflicts")
      .values({ id: "conflict-2", case_id: complaint.caseId, staff_user_id: staff.serviceInvestigator!.id, source: "declared", reason_encrypted: null, created_by_id: null, created_at: filedAt })
      .execute();
    expect(await postReporterReply(services, complaint.caseId, { body: reporterReply, files: [] }, filedAt + 4 * hour)).toEqual({ posted: true });
    expect(recipientsOf(await deliver(services, smtp, filedAt + 4 * hour))).toEqual([staff.serviceSupervisor!.email]);

    // An anonymous tip's reply reaches its team's supervisor, and no one writes to the reporter.
    expect(await postReporterReply(services, tip.caseId, { body: reporterReply, files: [] }, filedAt + 5 * hour)).toEqual({ posted: true });
    const tipMails = await deliver(services, smtp, filedAt + 5 * hour);
    expect(recipientsOf(tipMails)).toEqual([staff.integritySupervisor!.email]);

    expectNoContent(smtp.messages, [
      { receipt: complaint, submission: namedComplaint },
      { receipt: tip, submission: anonymousTip },
    ]);
    for (const mail of smtp.messages.filter((mail) => !mail.to.includes(complainant.email))) {
      expect([mail.raw, mail.text, mail.html].join("\n")).not.toContain(complainant.email);
      expect(mail.text).not.toContain("ใบเสร็จรับเงิน");
    }
  });

  it("tells a named complainant with an address that the case was taken up and how it ended, and never an anonymous reporter", async () => {
    const { smtp, services, staff } = await setUp();
    const officer = staff.serviceInvestigator!.id;
    const complaint = await file(services, namedComplaint);
    const rejected = await file(services, namedComplaint);
    const referred = await file(services, namedComplaint);
    const noAddress = await file(services, { ...namedComplaint, identity: { name: complainant.name, phone: complainant.phone } });
    const tip = await file(services, anonymousTip);
    await deliver(services, smtp, filedAt);
    const toComplainant = (mails: ReceivedMail[]) => mails.filter((mail) => mail.to.includes(complainant.email));

    await act(services, complaint.caseId, { type: "acknowledge" }, filedAt + hour, officer);
    const acknowledged = toComplainant(await deliver(services, smtp, filedAt + hour));
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]!.subject).toBe(`ความคืบหน้าเรื่องเลขที่ ${complaint.reference}: เจ้าหน้าที่รับทราบเรื่องแล้ว / Update on your report ${complaint.reference}: Acknowledged by our staff`);
    expect(acknowledged[0]!.text).toContain(`${publicBaseUrl}/track\n`);

    // Work going on is no news; a reply is news of its own kind ("a new message"), not a status e-mail.
    await act(services, complaint.caseId, { type: "start_work" }, filedAt + 2 * hour, officer);
    expect(await postStaffMessage(services, { caseId: complaint.caseId, staffId: officer, visibility: "reporter_thread", body: "กำลังตรวจสอบข้อเท็จจริง" }, filedAt + 3 * hour)).toHaveProperty("messageId");
    const meanwhile = toComplainant(await deliver(services, smtp, filedAt + 3 * hour));
    expect(meanwhile.map((mail) => mail.subject)).toEqual([expect.stringContaining("New message about your report")]);

    await act(services, complaint.caseId, { type: "resolve", outcome: "action_taken" }, filedAt + 4 * hour, officer);
    const resolved = toComplainant(await deliver(services, smtp, filedAt + 4 * hour));
    expect(resolved.map((mail) => mail.subject)).toEqual([`ความคืบหน้าเรื่องเลขที่ ${complaint.reference}: ดำเนินการแล้วเสร็จ / Update on your report ${complaint.reference}: Resolved`]);
    // The outcome is read on /track, not in the inbox.
    expect(resolved[0]!.text).not.toContain("action_taken");

    await act(services, complaint.caseId, { type: "close" }, filedAt + 5 * hour, officer);
    await act(services, rejected.caseId, { type: "reject" }, filedAt + 5 * hour, officer);
    await act(services, referred.caseId, { type: "refer", agency: "ombudsman" }, filedAt + 5 * hour, officer);
    await act(services, noAddress.caseId, { type: "acknowledge" }, filedAt + 5 * hour, officer);
    await act(services, noAddress.caseId, { type: "reject" }, filedAt + 5 * hour, officer);
    const endings = toComplainant(await deliver(services, smtp, filedAt + 5 * hour));
    expect(endings.map((mail) => mail.subject).sort()).toEqual(
      [`ความคืบหน้าเรื่องเลขที่ ${rejected.reference}: ไม่รับพิจารณา / Update on your report ${rejected.reference}: Not taken up`, `ความคืบหน้าเรื่องเลขที่ ${referred.reference}: ส่งต่อหน่วยงานที่เกี่ยวข้อง / Update on your report ${referred.reference}: Referred to the responsible agency`].sort(),
    );
    expect(endings.map((mail) => mail.text).join("\n")).not.toContain("ombudsman");

    // An anonymous tip has nobody to write to, whatever becomes of it.
    const before = smtp.messages.length;
    await act(services, tip.caseId, { type: "acknowledge" }, filedAt + 6 * hour, staff.integrityInvestigator!.id);
    await act(services, tip.caseId, { type: "resolve", outcome: "substantiated" }, filedAt + 7 * hour, staff.integrityInvestigator!.id);
    expect(await dispatchDueMessages(services, transportOf(services), filedAt + 7 * hour)).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(smtp.messages).toHaveLength(before);
    expect(await services.db.selectFrom("outbox").select("id").where("created_at", ">", filedAt + 5 * hour).execute()).toEqual([]);

    expectNoContent(smtp.messages, [
      { receipt: complaint, submission: namedComplaint },
      { receipt: rejected, submission: namedComplaint },
      { receipt: referred, submission: namedComplaint },
      { receipt: noAddress, submission: namedComplaint },
      { receipt: tip, submission: anonymousTip },
    ]);
  });

  it("writes no status e-mail when the change rolls back", async () => {
    const { services, staff } = await setUp();
    const complaint = await file(services, namedComplaint);
    const queued = await services.db.selectFrom("outbox").select("id").orderBy("id").execute();
    expect(queued.length).toBeGreaterThan(0);
    await expect(
      services.db.transaction().execute(async (transaction) => {
        const row = await transaction.selectFrom("cases").selectAll().where("id", "=", complaint.caseId).executeTakeFirstOrThrow();
        await applyCaseAction(transaction, row, { type: "acknowledge" }, { type: "staff", id: staff.serviceInvestigator!.id }, filedAt + hour, services);
        throw new Error("the rest of the command failed");
      }),
    ).rejects.toThrow("the rest of the command failed");
    expect(await services.db.selectFrom("outbox").select("id").orderBy("id").execute()).toEqual(queued);
  });
});
