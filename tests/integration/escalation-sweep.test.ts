import { afterEach, expect, it } from "vitest";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { addBusinessDays } from "../../app/calendar/thai-calendar";
import { loadBusinessCalendar } from "../../app/calendar/business-calendar.server";
import type { StaffMember } from "../../app/cases/case-workspace.server";
import { decryptText } from "../../app/crypto/envelope.server";
import { createDb, type StaffRole } from "../../app/db.server";
import { escalationReasonContext } from "../../app/escalation/escalations.server";
import { escalateCase, markNamesSeniorOfficial } from "../../app/escalation/manual-escalation.server";
import { candidatePageQuery, runSlaSweep } from "../../app/escalation/sweep.server";
import { findCategory, updateCategory } from "../../app/admin/categories.server";
import { applyCaseAction } from "../../app/cases/case-transitions.server";
import type { CaseAction } from "../../app/cases/case-lifecycle";
import { dueSoonMoment } from "../../app/sla/due-soon-at";
import { fileCase, type IntakeSubmission } from "../../app/intake/intake.server";
import { dispatchDueMessages } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../../app/notify/mail-transport.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { createWebhook } from "../../app/alerts/webhooks.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";
import { startSmtpServer, type ReceivedMail } from "../support/smtp-server";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
/** A Monday: the tip's clocks run over ordinary business days. */
const filedAt = bangkok("2026-11-02T10:00:00");
const day = 24 * 60 * 60 * 1000;

const narrative = "เจ้าหน้าที่ฝ่ายพัสดุเรียกรับเงินจากผู้รับเหมาเพื่อแลกกับการตรวจรับงาน";
const tip: IntakeSubmission = {
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative,
  details: { when: "ตุลาคม 2569", where: "อาคาร 2" },
  reporterRelation: "staff",
  files: [],
};

type Member = StaffMember & { email: string };

describeEachDialect("the SLA sweep and the escalation ladder", (current) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(overrides: Record<string, string> = {}) {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const services = testServices(current(), { SMTP_URL: smtp.url, ...overrides });
    await prepareDatabase(services, filedAt - 30 * day);
    const make = async (role: StaffRole, email: string, teamCode: string | null): Promise<Member> => {
      const created = await createStaffUser(services, { email, displayName: `${role} ${email}`, role, teamCode, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, filedAt - day);
      if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
      const teamId = teamCode ? (await services.db.selectFrom("teams").select("id").where("code", "=", teamCode).executeTakeFirstOrThrow()).id : null;
      return { id: created.staffUserId, role, teamId, email };
    };
    const staff = {
      investigator: await make("investigator", "sudar@agency.example", "integrity"),
      otherTeamInvestigator: await make("investigator", "niran@agency.example", "service"),
      supervisor: await make("supervisor", "prasert@agency.example", "integrity"),
      recusedSupervisor: await make("supervisor", "kanya@agency.example", "integrity"),
      otherTeamSupervisor: await make("supervisor", "chai@agency.example", "service"),
      chiefExecutive: await make("executive", "wilai@agency.example", null),
      deputyExecutive: await make("executive", "somsak@agency.example", null),
      auditCommittee: await make("audit_committee", "committee@agency.example", null),
    };
    const fileTip = async () => {
      const result = await fileCase(services, tip, { channel: "web" }, filedAt);
      if (!("receipt" in result)) throw new Error(JSON.stringify(result));
      const caseId = result.receipt.caseId;
      await declareConflict(services, caseId, staff.recusedSupervisor.id, "declared");
      return services.db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
    };
    // Whatever filing itself sent (a notice to the team) is delivered first: the tests read what the sweep adds.
    const transport = createMailTransport(services.config, services.logger);
    cleanups.push(() => transport.close());
    const deliver = async (): Promise<ReceivedMail[]> => {
      const before = smtp.messages.length;
      // Far ahead of every test's clock, so every message written so far is due.
      await dispatchDueMessages(services, transport, filedAt + 1_000 * day);
      return smtp.messages.slice(before);
    };
    return { services, staff, fileTip, deliver, smtp };
  }

  async function declareConflict(services: AppServices, caseId: string, staffUserId: string, source: "named_in_case" | "declared") {
    await services.db
      .insertInto("conflicts")
      .values({ id: `${caseId}:${staffUserId}`, case_id: caseId, staff_user_id: staffUserId, source, reason_encrypted: null, created_by_id: null, created_at: filedAt })
      .execute();
  }

  /** Every row the ladder may write, counted: a second sweep must leave each number as it was. */
  async function footprint(services: AppServices) {
    const count = async (table: "sla_alerts" | "escalations" | "case_events" | "audit_log" | "outbox") =>
      Number((await services.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow()).count);
    return { alerts: await count("sla_alerts"), escalations: await count("escalations"), events: await count("case_events"), audit: await count("audit_log"), outbox: await count("outbox") };
  }

  const recipientsOf = (mails: ReceivedMail[]) => mails.flatMap((mail) => mail.to).sort();

  it("warns the assignee once when a clock is due soon, and a second sweep changes nothing", async () => {
    const { services, staff, fileTip, deliver } = await setUp();
    const row = await fileTip();
    await services.db.updateTable("cases").set({ assignee_id: staff.investigator.id }).where("id", "=", row.id).execute();
    await deliver();
    const dueSoonAt = row.created_at + Math.ceil((row.acknowledge_due_at! - row.created_at) * 0.8);

    const first = await runSlaSweep(services, dueSoonAt);
    expect(first).toMatchObject({ skipped: false, dueSoonAlerts: 1, breachAlerts: 0, escalations: 0, events: [] });
    const alerts = await services.db.selectFrom("sla_alerts").selectAll().where("case_id", "=", row.id).execute();
    expect(alerts).toMatchObject([{ clock: "acknowledge", level: "due_soon", due_at: row.acknowledge_due_at }]);
    const events = await services.db.selectFrom("case_events").select(["type", "actor_type", "is_visible_to_reporter"]).where("case_id", "=", row.id).where("type", "=", "sla_due_soon").execute();
    expect(events).toEqual([{ type: "sla_due_soon", actor_type: "system", is_visible_to_reporter: 0 }]);
    expect(await services.db.selectFrom("audit_log").select("actor_type").where("action", "=", "case.sla_due_soon").where("target_id", "=", row.id).execute()).toEqual([{ actor_type: "system" }]);

    const after = await footprint(services);
    expect(await runSlaSweep(services, dueSoonAt + 60_000)).toMatchObject({ dueSoonAlerts: 0, breachAlerts: 0, escalations: 0 });
    expect(await footprint(services)).toEqual(after);

    const mails = await deliver();
    expect(recipientsOf(mails)).toEqual([staff.investigator.email]);
    expect(mails[0]!.subject).toContain(row.reference);
    expect(mails[0]!.text).not.toContain(narrative);
  });

  /** One lifecycle action by the investigator, in its own transaction; the case as it is after it. */
  async function act(services: AppServices, caseId: string, action: CaseAction, at: number) {
    await services.db.transaction().execute(async (transaction) => {
      const row = await transaction.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
      const result = await applyCaseAction(transaction, row, action, { type: "staff", id: null }, at);
      if ("refused" in result) throw new Error(result.refused);
    });
    return services.db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow();
  }

  const dueSoonAlertsOf = (services: AppServices, caseId: string) =>
    services.db.selectFrom("sla_alerts").select(["clock", "due_at"]).where("case_id", "=", caseId).where("level", "=", "due_soon").orderBy("created_at").execute();

  it("finds a due-soon case from the millisecond its policy's fraction is reached, not one before", async () => {
    const { services, fileTip } = await setUp();
    const row = await fileTip();
    const moment = dueSoonMoment(row.acknowledge_due_at!, row.created_at, 75);
    expect(row.due_soon_at).toBe(moment);
    expect(await runSlaSweep(services, moment - 1)).toMatchObject({ casesChecked: 0, dueSoonAlerts: 0 });
    expect(await runSlaSweep(services, moment)).toMatchObject({ casesChecked: 1, dueSoonAlerts: 1 });
  });

  it("moves the due-soon bound to the next running clock when one is met", async () => {
    const { services, fileTip } = await setUp();
    const row = await fileTip();
    const acknowledged = await act(services, row.id, { type: "acknowledge" }, filedAt + 60_000);
    const firstResponseMoment = dueSoonMoment(row.first_response_due_at!, row.created_at, 75);
    expect(acknowledged).toMatchObject({ next_due_at: row.first_response_due_at, due_soon_at: firstResponseMoment });
    // The acknowledge clock's due-soon instant passes unnoticed: that clock has stopped.
    expect(await runSlaSweep(services, dueSoonMoment(row.acknowledge_due_at!, row.created_at, 75))).toMatchObject({ casesChecked: 0, dueSoonAlerts: 0 });
    expect(await runSlaSweep(services, firstResponseMoment - 1)).toMatchObject({ casesChecked: 0 });
    expect(await runSlaSweep(services, firstResponseMoment)).toMatchObject({ dueSoonAlerts: 1 });
    expect(await dueSoonAlertsOf(services, row.id)).toEqual([{ clock: "first_response", due_at: row.first_response_due_at }]);
  });

  it("warns of nothing while the case waits for the reporter, and of the resolve clock's moved deadline once it resumes", async () => {
    const { services, fileTip } = await setUp();
    const row = await fileTip();
    const asked = await act(services, row.id, { type: "ask_reporter" }, filedAt + day);
    expect(asked).toMatchObject({ status: "awaiting_reporter", next_due_at: null, due_soon_at: null });
    const originalMoment = dueSoonMoment(row.resolve_due_at!, row.created_at, 75);
    expect(await runSlaSweep(services, originalMoment)).toMatchObject({ casesChecked: 0, dueSoonAlerts: 0 });

    const resumed = await act(services, row.id, { type: "reporter_replied" }, originalMoment);
    expect(resumed.status).toBe("in_progress");
    expect(resumed.resolve_due_at!).toBeGreaterThan(row.resolve_due_at!);
    const movedMoment = dueSoonMoment(resumed.resolve_due_at!, row.created_at, 75);
    expect(resumed.due_soon_at).toBe(movedMoment);
    expect(await runSlaSweep(services, movedMoment - 1)).toMatchObject({ casesChecked: 0, dueSoonAlerts: 0 });
    expect(await runSlaSweep(services, movedMoment)).toMatchObject({ dueSoonAlerts: 1 });
    expect(await dueSoonAlertsOf(services, row.id)).toEqual([{ clock: "resolve", due_at: resumed.resolve_due_at }]);

    // Finished: no bound, and nothing more to warn of.
    const resolved = await act(services, row.id, { type: "resolve", outcome: "substantiated" }, movedMoment + 1);
    expect(resolved).toMatchObject({ next_due_at: null, due_soon_at: null });
  });

  it("follows a category's due-soon fraction when an administrator lowers it for open cases", async () => {
    const { services, staff, fileTip } = await setUp();
    const row = await fileTip();
    const category = (await findCategory(services.db, row.category_id))!;
    const policies = { ...category.policies, acknowledge: { ...category.policies.acknowledge!, dueSoonFraction: 0.5 } };
    const team = (await services.db.selectFrom("teams").select("code").where("id", "=", row.team_id).executeTakeFirstOrThrow()).code;
    const changed = await updateCategory(services, row.category_id, { nameTh: category.nameTh, nameEn: category.nameEn, teamCode: team, isActive: category.isActive, policies }, staff.supervisor.id, filedAt + 1);
    expect(changed).toEqual({ changed: true });
    const halfway = dueSoonMoment(row.acknowledge_due_at!, row.created_at, 50);
    expect((await services.db.selectFrom("cases").select("due_soon_at").where("id", "=", row.id).executeTakeFirstOrThrow()).due_soon_at).toBe(halfway);
    expect(await runSlaSweep(services, halfway - 1)).toMatchObject({ dueSoonAlerts: 0 });
    expect(await runSlaSweep(services, halfway)).toMatchObject({ dueSoonAlerts: 1 });
  });

  it("flags a breach once and tells the team's supervisors, never a recused one", async () => {
    const { services, staff, fileTip, deliver } = await setUp();
    const row = await fileTip();
    await deliver();

    const first = await runSlaSweep(services, row.acknowledge_due_at!);
    expect(first).toMatchObject({ dueSoonAlerts: 0, breachAlerts: 1, escalations: 0 });
    expect(first.events).toEqual([
      { type: "sla_breach", caseId: row.id, reference: row.reference, kind: "corruption_tip", categoryCode: "corruption.bribery", priority: "normal", clock: "acknowledge", dueAt: row.acknowledge_due_at },
    ]);
    expect((await services.db.selectFrom("cases").select("is_overdue").where("id", "=", row.id).executeTakeFirstOrThrow()).is_overdue).toBe(1);
    expect(await services.db.selectFrom("case_events").select("data").where("case_id", "=", row.id).where("type", "=", "sla_breached").execute()).toEqual([
      { data: JSON.stringify({ clock: "acknowledge", dueAt: row.acknowledge_due_at }) },
    ]);

    const after = await footprint(services);
    expect(await runSlaSweep(services, row.acknowledge_due_at! + day)).toMatchObject({ breachAlerts: 0, escalations: 0, events: [] });
    expect(await footprint(services)).toEqual(after);

    const mails = await deliver();
    expect(recipientsOf(mails)).toEqual([staff.supervisor.email]);
    expect(mails[0]!.text).not.toContain(narrative);
  });

  it("alerts again when a clock's deadline moves, never twice for the same one", async () => {
    const { services, fileTip } = await setUp();
    const row = await fileTip();
    await runSlaSweep(services, row.acknowledge_due_at!);
    const moved = row.acknowledge_due_at! + 2 * day;
    await services.db.updateTable("cases").set({ acknowledge_due_at: moved, next_due_at: moved }).where("id", "=", row.id).execute();
    expect(await runSlaSweep(services, moved)).toMatchObject({ breachAlerts: 1 });
    expect(await runSlaSweep(services, moved + 1)).toMatchObject({ breachAlerts: 0 });
  });

  it("hands each breach and escalation to the subscribed webhooks once, in the sweep's transaction", async () => {
    const { services, staff, fileTip } = await setUp();
    const created = await createWebhook(services, staff.chiefExecutive.id, { name: "ศูนย์ปฏิบัติการ", url: "https://alerts.agency.example/prongsai", events: ["sla_breach", "escalation"] }, filedAt);
    if (!("webhook" in created)) throw new Error(JSON.stringify(created));
    const row = await fileTip();
    await services.db.updateTable("cases").set({ priority: "critical" }).where("id", "=", row.id).execute();

    await runSlaSweep(services, row.acknowledge_due_at!);
    await runSlaSweep(services, row.acknowledge_due_at! + day);
    const deliveries = await services.db.selectFrom("webhook_deliveries").select(["event_type", "webhook_id"]).orderBy("event_type").execute();
    expect(deliveries).toEqual([
      { event_type: "escalation", webhook_id: created.webhook.id },
      { event_type: "sla_breach", webhook_id: created.webhook.id },
    ]);
    expect(Number((await services.db.selectFrom("outbox").select((eb) => eb.fn.countAll<number>().as("count")).where("kind", "=", "webhook").executeTakeFirstOrThrow()).count)).toBe(2);
  });

  it("escalates a resolve deadline breached by five business days to the executives, once", async () => {
    const { services, staff, fileTip, deliver } = await setUp();
    const row = await fileTip();
    // The officer met the first clocks; only the resolve clock still runs.
    await services.db
      .updateTable("cases")
      .set({ status: "in_progress", acknowledged_at: filedAt + day, first_response_at: filedAt + day, next_due_at: row.resolve_due_at })
      .where("id", "=", row.id)
      .execute();
    await deliver();
    const escalateAt = addBusinessDays(row.resolve_due_at!, 5, await loadBusinessCalendar(services.db));

    expect(await runSlaSweep(services, escalateAt - 1)).toMatchObject({ breachAlerts: 1, escalations: 0 });
    const result = await runSlaSweep(services, escalateAt);
    expect(result).toMatchObject({ breachAlerts: 0, escalations: 1 });
    expect(result.events).toMatchObject([{ type: "escalation", caseId: row.id, rule: "resolve_breached", routedToRole: "executive", escalatedAt: escalateAt }]);
    expect(await services.db.selectFrom("escalations").select(["rule", "routed_to_role", "escalated_by_id"]).where("case_id", "=", row.id).execute()).toEqual([
      { rule: "resolve_breached", routed_to_role: "executive", escalated_by_id: null },
    ]);
    expect(await runSlaSweep(services, escalateAt + day)).toMatchObject({ escalations: 0 });

    const mails = await deliver();
    const escalationMails = mails.filter((mail) => mail.subject.includes("escalated"));
    expect(recipientsOf(escalationMails)).toEqual([staff.deputyExecutive.email, staff.chiefExecutive.email].sort());
    for (const mail of escalationMails) expect(mail.text).not.toContain(narrative);
  });

  it("escalates a critical case at once, and routes around the executive named in it", async () => {
    const { services, staff, fileTip, deliver } = await setUp();
    const row = await fileTip();
    await declareConflict(services, row.id, staff.chiefExecutive.id, "named_in_case");
    await services.db.updateTable("cases").set({ priority: "critical" }).where("id", "=", row.id).execute();
    await deliver();

    expect(await runSlaSweep(services, filedAt + 60_000)).toMatchObject({ dueSoonAlerts: 0, breachAlerts: 0, escalations: 1 });
    expect(await runSlaSweep(services, filedAt + 120_000)).toMatchObject({ escalations: 0 });
    expect(recipientsOf(await deliver())).toEqual([staff.deputyExecutive.email]);
  });

  it("sends a case that implicates every executive to the audit committee", async () => {
    const { services, staff, fileTip, deliver } = await setUp();
    const row = await fileTip();
    await declareConflict(services, row.id, staff.chiefExecutive.id, "named_in_case");
    await declareConflict(services, row.id, staff.deputyExecutive.id, "declared");
    await services.db.updateTable("cases").set({ priority: "critical" }).where("id", "=", row.id).execute();
    await deliver();

    const result = await runSlaSweep(services, filedAt + 60_000);
    expect(result.events).toMatchObject([{ type: "escalation", rule: "critical_priority", routedToRole: "audit_committee" }]);
    expect(await services.db.selectFrom("escalations").select("routed_to_role").where("case_id", "=", row.id).execute()).toEqual([{ routed_to_role: "audit_committee" }]);
    expect(recipientsOf(await deliver())).toEqual([staff.auditCommittee.email]);
  });

  it("escalates a tip marked as naming a senior official when it is marked, and the sweep does not repeat it", async () => {
    const { services, staff, fileTip, deliver } = await setUp();
    const row = await fileTip();
    await deliver();

    expect(await markNamesSeniorOfficial(services, staff.otherTeamInvestigator, row.id, true, filedAt + 1_000)).toEqual({ problem: "forbidden" });
    const marked = await markNamesSeniorOfficial(services, staff.investigator, row.id, true, filedAt + 2_000);
    expect(marked).toMatchObject({ done: true, escalated: true, events: [{ type: "escalation", rule: "senior_official", routedToRole: "executive" }] });
    expect((await services.db.selectFrom("cases").select("names_senior_official").where("id", "=", row.id).executeTakeFirstOrThrow()).names_senior_official).toBe(1);
    expect(await services.db.selectFrom("audit_log").select(["actor_id", "details"]).where("action", "=", "case.names_senior_official").execute()).toEqual([
      { actor_id: staff.investigator.id, details: JSON.stringify({ namesSeniorOfficial: true }) },
    ]);
    expect(await runSlaSweep(services, filedAt + 60_000)).toMatchObject({ escalations: 0 });
    expect(recipientsOf(await deliver())).toEqual([staff.deputyExecutive.email, staff.chiefExecutive.email].sort());
  });

  it("lets an officer who handles the case escalate it by hand with a sealed reason", async () => {
    const { services, staff, fileTip, deliver } = await setUp();
    const row = await fileTip();
    await declareConflict(services, row.id, staff.deputyExecutive.id, "named_in_case");
    await deliver();
    const reason = "ผู้ถูกกล่าวหาเป็นผู้บังคับบัญชาของทีมสอบสวน";

    const result = await escalateCase(services, staff.investigator, row.id, reason, filedAt + 60_000);
    expect(result).toMatchObject({ done: true, routedToRole: "executive", event: { type: "escalation", caseId: row.id } });
    if (!("done" in result)) throw new Error("not escalated");
    const escalation = await services.db.selectFrom("escalations").selectAll().where("id", "=", result.escalationId).executeTakeFirstOrThrow();
    expect(escalation.rule).toMatch(/^manual:[0-9a-f-]{36}$/);
    expect(escalation.escalated_by_id).toBe(staff.investigator.id);
    expect(escalation.reason_encrypted).not.toContain(reason);
    expect(decryptText(services.secrets.keyring, escalation.reason_encrypted!, escalationReasonContext(escalation.id))).toBe(reason);
    expect(await services.db.selectFrom("audit_log").select(["actor_type", "actor_id"]).where("action", "=", "case.escalated").where("target_id", "=", row.id).execute()).toEqual([
      { actor_type: "staff", actor_id: staff.investigator.id },
    ]);

    // A second reason is a second escalation.
    expect(await escalateCase(services, staff.supervisor, row.id, "ขอให้ผู้บริหารสั่งการเร่งด่วน", filedAt + 120_000)).toMatchObject({ done: true });
    const mails = await deliver();
    expect(recipientsOf(mails)).toEqual([staff.chiefExecutive.email, staff.chiefExecutive.email]);
    for (const mail of mails) expect(mail.text).not.toContain(reason);
  });

  it("refuses an escalation by hand to those without case.escalate on the case, and audits the refusal", async () => {
    const { services, staff, fileTip } = await setUp();
    const row = await fileTip();
    for (const refused of [staff.otherTeamInvestigator, staff.recusedSupervisor, staff.chiefExecutive, staff.otherTeamSupervisor]) {
      expect(await escalateCase(services, refused, row.id, "เหตุผล", filedAt + 60_000)).toEqual({ problem: "forbidden" });
    }
    const denials = await services.db.selectFrom("audit_log").select("actor_id").where("action", "=", "case.access_denied").where("target_id", "=", row.id).execute();
    expect(denials.map((denial) => denial.actor_id).sort()).toEqual([staff.otherTeamInvestigator.id, staff.recusedSupervisor.id, staff.chiefExecutive.id, staff.otherTeamSupervisor.id].sort());
    expect(await escalateCase(services, staff.investigator, "no-such-case", "เหตุผล", filedAt)).toEqual({ problem: "not_found" });
    expect(await escalateCase(services, staff.investigator, row.id, "   ", filedAt)).toEqual({ problem: "invalid_input", issues: [{ field: "reason", message: "validation.required" }] });
    expect(await escalateCase(services, staff.investigator, row.id, "x".repeat(4_001), filedAt)).toEqual({ problem: "invalid_input", issues: [{ field: "reason", message: "validation.tooLong" }] });
    await services.db.updateTable("cases").set({ status: "closed", closed_at: filedAt, next_due_at: null }).where("id", "=", row.id).execute();
    expect(await escalateCase(services, staff.investigator, row.id, "เหตุผล", filedAt)).toEqual({ problem: "not_allowed_in_status" });
    expect(await services.db.selectFrom("escalations").select("id").execute()).toEqual([]);
  });

  it("leaves out every step its setting turns off", async () => {
    const { services, fileTip } = await setUp({ SLA_ALERT_BREACHED: "false", ESCALATE_CRITICAL_PRIORITY: "false" });
    const row = await fileTip();
    await services.db.updateTable("cases").set({ priority: "critical" }).where("id", "=", row.id).execute();
    expect(await runSlaSweep(services, row.acknowledge_due_at!)).toMatchObject({ breachAlerts: 0, escalations: 0 });
    expect(await footprint(services)).toMatchObject({ alerts: 0, escalations: 0 });
  });

  it("ignores finished cases, however overdue or critical", async () => {
    const { services, fileTip } = await setUp();
    const row = await fileTip();
    await services.db.updateTable("cases").set({ status: "closed", closed_at: filedAt + day, priority: "critical", names_senior_official: 1, next_due_at: null }).where("id", "=", row.id).execute();
    expect(await runSlaSweep(services, filedAt + 400 * day)).toMatchObject({ casesChecked: 0, dueSoonAlerts: 0, breachAlerts: 0, escalations: 0 });
  });

  /**
   * Six overdue critical tips, two sweeps started together from two "nodes" (their own pools on the
   * same PostgreSQL database; on SQLite one node's single connection): every step once, whether the
   * advisory lock keeps the second sweep out or the unique constraints alone decide.
   */
  async function raceTwoSweeps(useAdvisoryLock: boolean) {
    const { services, fileTip } = await setUp();
    const rows = [];
    for (let index = 0; index < 6; index += 1) rows.push(await fileTip());
    await services.db.updateTable("cases").set({ priority: "critical" }).execute();
    // Both the acknowledgement and the first-response clocks are breached by then.
    const at = rows[0]!.first_response_due_at!;
    const other = services.dialect === "postgres" ? { ...services, db: createDb(current().url, { poolSize: 3 }).db } : services;
    if (other !== services) cleanups.push(() => other.db.destroy());

    const results = await Promise.all([runSlaSweep(services, at, { useAdvisoryLock, pageSize: 2 }), runSlaSweep(other, at, { useAdvisoryLock, pageSize: 2 })]);
    expect(results.reduce((sum, result) => sum + result.breachAlerts, 0)).toBe(12);
    expect(results.reduce((sum, result) => sum + result.escalations, 0)).toBe(6);
    expect(results.flatMap((result) => result.events)).toHaveLength(18);
    const escalations = await services.db.selectFrom("escalations").select(["case_id", "rule"]).execute();
    expect(escalations).toHaveLength(6);
    expect(new Set(escalations.map((escalation) => escalation.case_id)).size).toBe(6);
    expect(await services.db.selectFrom("sla_alerts").select("id").where("level", "=", "breached").execute()).toHaveLength(12);
    expect(await services.db.selectFrom("case_events").select("id").where("type", "=", "escalated").execute()).toHaveLength(6);
    expect(await services.db.selectFrom("audit_log").select("sequence").where("action", "=", "case.escalated").execute()).toHaveLength(6);
    // One supervisor per breach (the other is recused), both executives per escalation.
    expect(await services.db.selectFrom("outbox").select("id").where("created_at", "=", at).execute()).toHaveLength(12 + 6 * 2);
    return results;
  }

  it("records each alert and escalation exactly once when two sweeps run at the same time", async () => {
    await raceTwoSweeps(true);
  });

  it("still records each step once when two sweeps run without the lock: the constraints decide", async () => {
    const results = await raceTwoSweeps(false);
    expect(results.map((result) => result.skipped)).toEqual([false, false]);
  });

  it("reads its candidates through an index of deadlines or statuses, never the whole table", async () => {
    const { services } = await setUp();
    const context = { services, now: filedAt, ladderFor: () => ({ settings: services.config.sla, calendar: anyCalendar() }) };
    for (const set of ["breached", "due_soon", "critical_priority", "senior_official"] as const) {
      const compiled = candidatePageQuery(services.db, set, context, null, 10).compile();
      if (services.dialect === "sqlite") {
        const plan = await services.db.executeQuery<{ detail: string }>({ ...compiled, sql: `explain query plan ${compiled.sql}` });
        const onCases = plan.rows.map((row) => row.detail).filter((detail) => /\bcases\b/.test(detail)).join("\n");
        expect(onCases, set).toMatch(/USING (COVERING )?INDEX cases_/);
        expect(onCases, set).not.toMatch(/SCAN cases(?! USING)/);
      } else {
        // A test table is tiny, so the planner would rather scan it; with scans priced out it must
        // show that an index can serve the query at all.
        const plan = await services.db.connection().execute(async (connection) => {
          await connection.executeQuery({ ...compiled, sql: "set enable_seqscan = off", parameters: [] });
          const explained = await connection.executeQuery<{ "QUERY PLAN": string }>({ ...compiled, sql: `explain ${compiled.sql}` });
          await connection.executeQuery({ ...compiled, sql: "reset enable_seqscan", parameters: [] });
          return explained.rows.map((row) => row["QUERY PLAN"]).join("\n");
        });
        expect(plan, set).toMatch(/(Index (Only )?Scan|Bitmap Index Scan) (using|on) cases_\w+/);
        expect(plan, set).not.toMatch(/Seq Scan on cases/);
      }
    }
  });
});

/** The plan test needs no calendar: the candidate queries never read it. */
function anyCalendar() {
  return { holidays: new Set<string>(), isHoliday: () => false, isBusinessDay: () => true };
}
