import { expect, it } from "vitest";
import { fileCase, type IntakeSubmission } from "../../app/intake/intake.server";
import { postReporterReply, postStaffMessage } from "../../app/messaging/messages.server";
import { prepareDatabase } from "../../app/startup.server";
import { formatTrackingCode, generateTrackingCode } from "../../app/tracking/tracking-code";
import { findCaseByTrackingCode, openReporterView } from "../../app/tracking/tracking.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);

const question: IntakeSubmission = {
  kind: "question",
  categoryCode: "question.general",
  narrative: "ขอทราบขั้นตอนการขอสำเนาเอกสารราชการ",
  details: {},
  reporterRelation: "unknown",
  files: [],
};

describeEachDialect("tracking a case", (current) => {
  async function filed() {
    const services = testServices(current());
    await prepareDatabase(services, 0);
    const result = await fileCase(services, question, { channel: "web" }, bangkok("2026-11-25T09:00:00"));
    if (!("receipt" in result)) throw new Error(JSON.stringify(result));
    const staff = await services.db.selectFrom("teams").select("id").executeTakeFirstOrThrow();
    await services.db
      .insertInto("staff_users")
      .values({ id: "officer", email: "officer@example.go.th", display_name: "เจ้าหน้าที่", role: "investigator", team_id: staff.id, password_hash: "x", totp_secret_encrypted: null, totp_enabled_at: null, is_active: 1, failed_login_count: 0, locked_until: null, password_changed_at: 0, created_at: 0, updated_at: 0 })
      .execute();
    return { services, receipt: result.receipt };
  }

  it("opens the case with the code however it is typed", async () => {
    const { services, receipt } = await filed();
    for (const typed of [receipt.trackingCode, formatTrackingCode(receipt.trackingCode).toLowerCase()]) {
      expect(await findCaseByTrackingCode(services, typed, "client", Date.now())).toEqual({ caseId: receipt.caseId });
    }
  });

  it("tells a typo from an unknown code, and a malformed entry from both", async () => {
    const { services, receipt } = await filed();
    const code = receipt.trackingCode;
    const typo = code.slice(0, 3) + (code[3] === "A" ? "B" : "A") + code.slice(4);
    expect(await findCaseByTrackingCode(services, typo, "client", 0)).toEqual({ problem: "mistyped" });
    expect(await findCaseByTrackingCode(services, "hello", "client", 0)).toEqual({ problem: "malformed" });
    // A well-formed code (valid check symbol) that no case has.
    expect(await findCaseByTrackingCode(services, generateTrackingCode(), "client", 0)).toEqual({ problem: "unknown" });
  });

  it("throttles a client that guesses, without slowing anyone else", async () => {
    const { services, receipt } = await filed();
    for (let guess = 0; guess < 10; guess += 1) {
      expect(await findCaseByTrackingCode(services, generateTrackingCode(), "guesser", 1_000)).toEqual({ problem: "unknown" });
    }
    expect(await findCaseByTrackingCode(services, receipt.trackingCode, "guesser", 2_000)).toMatchObject({ problem: "throttled" });
    expect(await findCaseByTrackingCode(services, receipt.trackingCode, "someone-else", 2_000)).toEqual({ caseId: receipt.caseId });
    expect(await findCaseByTrackingCode(services, receipt.trackingCode, "guesser", 1_000 + 15 * 60_000)).toEqual({ caseId: receipt.caseId });
  });

  it("shows status, timeline, the next promise and the conversation, and marks staff messages read", async () => {
    const { services, receipt } = await filed();
    let view = await openReporterView(services, receipt.caseId);
    expect(view).toMatchObject({
      reference: receipt.reference,
      kind: "question",
      status: "new",
      isAnonymous: true,
      nextDeadline: { clock: "acknowledge", dueAt: bangkok("2026-11-26T09:00:00") },
      timeline: [{ type: "filed", toStatus: "new" }],
      messages: [],
      unreadCount: 0,
    });

    await postStaffMessage(services, { caseId: receipt.caseId, staffId: "officer", visibility: "reporter_thread", body: "ท่านขอสำเนาได้ที่ชั้น 1 ในวันและเวลาราชการ" }, bangkok("2026-11-25T10:00:00"));
    await postStaffMessage(services, { caseId: receipt.caseId, staffId: "officer", visibility: "internal_note", body: "บันทึกภายใน ห้ามแสดง" }, bangkok("2026-11-25T10:01:00"));

    view = await openReporterView(services, receipt.caseId);
    expect(view.messages).toEqual([{ id: expect.any(String), author: "staff", body: "ท่านขอสำเนาได้ที่ชั้น 1 ในวันและเวลาราชการ", createdAt: bangkok("2026-11-25T10:00:00"), isUnread: true }]);
    expect(view.unreadCount).toBe(1);
    expect(JSON.stringify(view)).not.toContain("บันทึกภายใน");
    expect(JSON.stringify(view)).not.toContain("officer");
    // Answered: acknowledged and first response done, the next promise is the resolution.
    expect(view.nextDeadline).toMatchObject({ clock: "resolve" });
    expect(view.timeline.map((entry) => entry.type)).toEqual(["filed", "staff_replied"]);

    view = await openReporterView(services, receipt.caseId);
    expect(view.unreadCount).toBe(0);
    expect(view.messages[0]!.isUnread).toBe(false);
    // What is kept is how far the reporter has read (the newest staff message shown), never when they looked.
    const seen = async () => (await services.db.selectFrom("cases").select("reporter_seen_at").where("id", "=", receipt.caseId).executeTakeFirstOrThrow()).reporter_seen_at;
    expect(await seen()).toBe(bangkok("2026-11-25T10:00:00"));
    await postStaffMessage(services, { caseId: receipt.caseId, staffId: "officer", visibility: "reporter_thread", body: "แจ้งเพิ่มเติม" }, bangkok("2026-11-25T15:00:00"));
    expect((await openReporterView(services, receipt.caseId)).unreadCount).toBe(1);
    expect(await seen()).toBe(bangkok("2026-11-25T15:00:00"));
    expect((await openReporterView(services, receipt.caseId)).unreadCount).toBe(0);
  });

  it("takes the reporter's reply and evidence, and resumes work the reporter was asked for", async () => {
    const { services, receipt } = await filed();
    const { db } = services;
    await db.updateTable("cases").set({ status: "awaiting_reporter", paused_at: bangkok("2026-11-26T09:00:00"), acknowledged_at: 1, first_response_at: 1 }).where("id", "=", receipt.caseId).execute();
    const before = await db.selectFrom("cases").select("resolve_due_at").where("id", "=", receipt.caseId).executeTakeFirstOrThrow();

    expect(await postReporterReply(services, receipt.caseId, { body: "เอกสารที่ต้องการคือสำเนาทะเบียนบ้าน", files: [] }, bangkok("2026-11-27T09:00:00"))).toEqual({ posted: true });
    const after = await db.selectFrom("cases").select(["status", "paused_at", "resolve_due_at"]).where("id", "=", receipt.caseId).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: "in_progress", paused_at: null });
    // The day spent waiting for the reporter does not count against the resolution.
    expect(after.resolve_due_at! - before.resolve_due_at!).toBe(86_400_000);

    const view = await openReporterView(services, receipt.caseId);
    expect(view.messages).toMatchObject([{ author: "reporter", body: "เอกสารที่ต้องการคือสำเนาทะเบียนบ้าน", isUnread: false }]);
    expect(view.timeline.at(-1)).toMatchObject({ type: "reporter_replied", toStatus: "in_progress" });
  });

  it("takes nothing more once the case is closed", async () => {
    const { services, receipt } = await filed();
    await services.db.updateTable("cases").set({ status: "closed", next_due_at: null }).where("id", "=", receipt.caseId).execute();
    expect(await postReporterReply(services, receipt.caseId, { body: "ยังมีอีกเรื่อง", files: [] }, Date.now())).toEqual({ problem: "case_not_open" });
    expect(await services.db.selectFrom("messages").select("id").execute()).toEqual([]);
  });
});
