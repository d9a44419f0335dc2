import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { expect, it } from "vitest";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import { addDaysToDateKey, bangkokDateKey, startOfBangkokDay } from "../../app/calendar/thai-calendar";
import { openCaseForStaff } from "../../app/cases/case-workspace.server";
import { decryptText } from "../../app/crypto/envelope.server";
import type { StaffRole } from "../../app/db.server";
import type { StaffFilingReceipt } from "../../app/intake/staff-filing.server";
import { action as filingAction } from "../../app/routes/staff.file";
import type { AppServices } from "../../app/services.server";
import { deadlinesFromFiling } from "../../app/sla/deadlines";
import { prepareDatabase } from "../../app/startup.server";
import { findCaseByTrackingCode } from "../../app/tracking/tracking.server";
import { describeEachDialect } from "../support/databases";
import { pdfEvidence } from "../support/evidence-files";
import { testServices } from "../support/services";

/** What single fetch hands back from `data()`: the body and the response init. */
type DataResult = { data: Record<string, unknown>; init: { status?: number } | null };

const tipByPhone = {
  channel: "phone",
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative: "ผู้โทรแจ้งว่าเจ้าหน้าที่เรียกเงินห้าพันบาทเพื่อเร่งออกใบอนุญาต",
  reporterRelation: "outside",
  identity: "anonymous",
};

describeEachDialect("filing on someone's behalf", (current) => {
  async function ready() {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, Date.now(), { demoCases: 0 });
    return services;
  }

  async function staffOf(services: AppServices, role: StaffRole) {
    const member = await services.db.selectFrom("staff_users").select(["id", "role", "team_id", "display_name"]).where("role", "=", role).executeTakeFirstOrThrow();
    const { cookieValue } = await createSession(services.db, member.id, Date.now(), { mfaVerified: true });
    const cookie = (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
    return { member, cookie };
  }

  async function post(services: AppServices, cookie: string, fields: Record<string, string>, files: File[] = []): Promise<DataResult> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    for (const file of files) form.append("evidence", file);
    const request = new Request("http://localhost/staff/file", { method: "POST", body: form, headers: { Cookie: cookie } });
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "operator" } satisfies AppLoadContext;
    return filingAction({ request, context, params: {} } as ActionFunctionArgs) as unknown as Promise<DataResult>;
  }

  it("files a tip phoned in, records the channel and the operator, audits it without the code, and the code opens the case", async () => {
    const services = await ready();
    const officer = await staffOf(services, "intake_officer");
    const result = await post(services, officer.cookie, tipByPhone, [await pdfEvidence()]);
    expect(result.init?.status).toBe(200);
    const receipt = result.data.receipt as StaffFilingReceipt;
    expect(receipt).toMatchObject({ kind: "corruption_tip", channel: "phone", anonymous: true, reference: expect.stringMatching(/^PS-/) });

    const row = await services.db.selectFrom("cases").selectAll().where("reference", "=", receipt.reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: "phone", filed_by_staff_id: officer.member.id, is_anonymous: 1, reporter_identity_encrypted: null });
    const event = await services.db.selectFrom("case_events").selectAll().where("case_id", "=", row.id).where("type", "=", "filed").executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_type: "staff", actor_id: officer.member.id });

    const entry = await services.db.selectFrom("audit_log").selectAll().where("action", "=", "case.filed").where("target_id", "=", row.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_type: "staff", actor_id: officer.member.id });
    expect(JSON.parse(entry.details!)).toMatchObject({ channel: "phone", kind: "corruption_tip" });
    const wholeLog = JSON.stringify(await services.db.selectFrom("audit_log").selectAll().execute());
    const bareCode = receipt.trackingCode.replaceAll("-", "");
    expect(wholeLog).not.toContain(receipt.trackingCode);
    expect(wholeLog).not.toContain(bareCode);
    expect(JSON.stringify(await services.db.selectFrom("case_events").selectAll().execute())).not.toContain(bareCode);

    expect(await findCaseByTrackingCode(services, receipt.trackingCode, "reporter", Date.now())).toEqual({ caseId: row.id });

    // The officer filed the tip but may not read it; the receipt held nothing of what was typed.
    const opened = await openCaseForStaff(services, { id: officer.member.id, role: "intake_officer", teamId: officer.member.team_id }, row.id, Date.now());
    expect(opened).toMatchObject({ problem: "forbidden" });
    expect(JSON.stringify(result.data)).not.toContain(tipByPhone.narrative);
  });

  it("starts the clocks of a late-entered letter from the day it was received", async () => {
    const services = await ready();
    const supervisor = await staffOf(services, "supervisor");
    const receivedOn = addDaysToDateKey(bangkokDateKey(Date.now()), -3);
    const result = await post(services, supervisor.cookie, { ...tipByPhone, channel: "letter", kind: "complaint", categoryCode: "complaint.service_quality", receivedOn });
    expect(result.init?.status).toBe(200);
    const receipt = result.data.receipt as StaffFilingReceipt;
    const receivedAt = startOfBangkokDay(receivedOn);
    expect(receipt.receivedAt).toBe(receivedAt);

    const row = await services.db.selectFrom("cases").selectAll().where("reference", "=", receipt.reference).executeTakeFirstOrThrow();
    const policies = await services.db
      .selectFrom("sla_policies")
      .select(["clock", "amount", "unit", "due_soon_fraction as dueSoonFraction"])
      .where("category_id", "=", row.category_id)
      .execute();
    const expected = deadlinesFromFiling(receivedAt, policies, await loadBusinessCalendar(services.db));
    expect(row).toMatchObject({ channel: "letter", created_at: receivedAt, acknowledge_due_at: expected.acknowledgeDueAt, resolve_due_at: expected.resolveDueAt });
    expect(row.updated_at).toBeGreaterThan(receivedAt);
    const entry = await services.db.selectFrom("audit_log").select("details").where("action", "=", "case.filed").where("target_id", "=", row.id).executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details!)).toMatchObject({ channel: "letter", receivedAt });
  });

  it("records a named reporter with the consent the operator confirmed", async () => {
    const services = await ready();
    const investigator = await staffOf(services, "investigator");
    const fields = { ...tipByPhone, channel: "walk_in", kind: "question", categoryCode: "question.general", identity: "named", name: "สมหญิง ใจดี", phone: "081 234 5678", consentConfirmed: "on" };
    const result = await post(services, investigator.cookie, fields);
    expect(result.init?.status).toBe(200);
    const receipt = result.data.receipt as StaffFilingReceipt;
    expect(receipt.anonymous).toBe(false);
    const row = await services.db.selectFrom("cases").selectAll().where("reference", "=", receipt.reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ is_anonymous: 0, channel: "walk_in", consent_version: expect.any(String) });
    const identity = JSON.parse(decryptText(services.secrets.keyring, row.reporter_identity_encrypted!, `cases.reporter_identity_encrypted:${row.id}`)) as Record<string, string>;
    expect(identity).toMatchObject({ name: "สมหญิง ใจดี", phone: "081 234 5678" });
  });

  it("sends the form back, keeping what was typed, for missing consent, a future date and a topic of another kind", async () => {
    const services = await ready();
    const officer = await staffOf(services, "intake_officer");
    const noConsent = await post(services, officer.cookie, { ...tipByPhone, identity: "named", name: "สมชาย" });
    expect(noConsent.init?.status).toBe(400);
    const noConsentReply = noConsent.data.result as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(noConsentReply.error.consentConfirmed).toEqual(["staffFiling.validation.consentNeeded"]);
    expect(noConsentReply.initialValue).toMatchObject({ narrative: tipByPhone.narrative, name: "สมชาย" });

    const tomorrow = addDaysToDateKey(bangkokDateKey(Date.now()), 1);
    const future = await post(services, officer.cookie, { ...tipByPhone, channel: "letter", receivedOn: tomorrow });
    expect((future.data.result as { error: Record<string, string[]> }).error.receivedOn).toEqual(["staffFiling.validation.receivedInFuture"]);

    const longAgo = addDaysToDateKey(bangkokDateKey(Date.now()), -400);
    const tooEarly = await post(services, officer.cookie, { ...tipByPhone, channel: "letter", receivedOn: longAgo });
    expect((tooEarly.data.result as { error: Record<string, string[]> }).error.receivedOn).toEqual(["staffFiling.validation.receivedTooEarly"]);

    const otherKind = await post(services, officer.cookie, { ...tipByPhone, categoryCode: "complaint.service_quality" });
    expect((otherKind.data.result as { error: Record<string, string[]> }).error.categoryCode).toEqual(["forms.categoryUnavailable"]);

    expect(await services.db.selectFrom("cases").select("id").execute()).toEqual([]);
  });
});
