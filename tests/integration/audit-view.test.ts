import { expect, it } from "vitest";
import { appendAuditEntry, type AuditEntryInput } from "../../app/audit/audit-log.server";
import { listAuditEntries, recordAuditView, verifyAuditChain } from "../../app/audit/audit-view.server";
import { startOfBangkokDay } from "../../app/calendar/thai-calendar";
import type { StaffRole } from "../../app/db.server";
import { fileCase } from "../../app/intake/intake.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { pdfEvidence } from "../support/evidence-files";
import { testServices } from "../support/services";

const noon = (day: string) => startOfBangkokDay(day) + 12 * 60 * 60 * 1000;

describeEachDialect("the audit log view", (current) => {
  async function ready() {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, noon("2026-11-01"), { demoCases: 0 });
    const staff = await services.db.selectFrom("staff_users").select(["id", "role", "team_id", "display_name"]).execute();
    const member = (role: StaffRole) => {
      const found = staff.find((candidate) => candidate.role === role)!;
      return { id: found.id, role: found.role, teamId: found.team_id, name: found.display_name };
    };
    const filed = await fileCase(
      services,
      { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เรียกรับเงินเพื่อเร่งอนุมัติใบอนุญาตก่อสร้าง", details: {}, reporterRelation: "outside", files: [await pdfEvidence()] },
      { channel: "web" },
      noon("2026-11-02"),
    );
    if (!("receipt" in filed)) throw new Error("filing failed");
    const attachment = await services.db.selectFrom("attachments").select("id").where("case_id", "=", filed.receipt.caseId).executeTakeFirstOrThrow();
    return { services, member, tip: { caseId: filed.receipt.caseId, reference: filed.receipt.reference, attachmentId: attachment.id } };
  }

  async function append(services: AppServices, entry: AuditEntryInput) {
    await services.db.transaction().execute((transaction) => appendAuditEntry(transaction, entry));
  }

  it("lists entries newest first with names, roles and case references, and filters them", async () => {
    const { services, member, tip } = await ready();
    const investigator = member("investigator");
    const auditor = member("auditor");
    await append(services, { actorType: "staff", actorId: investigator.id, action: "case.read", targetType: "case", targetId: tip.caseId, details: { role: "investigator", identity: false }, occurredAt: noon("2026-11-03") });
    await append(services, { actorType: "staff", actorId: investigator.id, action: "attachment.download", targetType: "attachment", targetId: tip.attachmentId, details: { caseId: tip.caseId }, occurredAt: noon("2026-11-04") });
    await append(services, { actorType: "reporter", actorId: "anything-at-all", action: "case.reporter_replied", targetType: "case", targetId: tip.caseId, details: { from: "awaiting_reporter", to: "in_progress" }, occurredAt: noon("2026-11-05") });
    await append(services, { actorType: "staff", actorId: investigator.id, action: "future.thing", targetType: "widget", targetId: "w1", occurredAt: noon("2026-11-06") });

    const all = await listAuditEntries(services.db, auditor, {});
    const sequences = all.rows.map((row) => row.sequence);
    expect(sequences).toEqual([...sequences].sort((left, right) => right - left));
    const [future, replied, download, read] = all.rows;
    expect(future).toMatchObject({ action: "future.thing", target: { type: "other", targetType: "widget", targetId: "w1" } });
    // A reporter is named by kind only, whatever was stored beside it.
    expect(replied!.actor).toEqual({ type: "reporter" });
    expect(download).toMatchObject({ actor: { type: "staff", name: investigator.name, role: "investigator" }, target: { type: "attachment", reference: tip.reference, mayOpen: false } });
    expect(read).toMatchObject({ target: { type: "case", reference: tip.reference, caseId: tip.caseId, mayOpen: false } });
    expect(read!.details).toEqual([
      { key: "role", value: "investigator", isInstant: false },
      { key: "identity", value: "false", isInstant: false },
    ]);

    // A reader who may open the tip gets the link; the auditor above did not.
    const asInvestigator = await listAuditEntries(services.db, investigator, { action: "case.read" });
    expect(asInvestigator.rows.map((row) => row.target)).toEqual([{ type: "case", reference: tip.reference, caseId: tip.caseId, mayOpen: true }]);

    const byAction = await listAuditEntries(services.db, auditor, { action: "attachment.download" });
    expect(byAction.rows.map((row) => row.action)).toEqual(["attachment.download"]);
    const byActor = await listAuditEntries(services.db, auditor, { actorId: investigator.id });
    expect(byActor.rows.map((row) => row.action)).toEqual(["future.thing", "attachment.download", "case.read"]);
    const byCase = await listAuditEntries(services.db, auditor, { caseReference: tip.reference });
    expect(byCase.rows.map((row) => row.action)).toEqual(["case.reporter_replied", "attachment.download", "case.read", "case.filed"]);
    const byDays = await listAuditEntries(services.db, auditor, { from: "2026-11-03", to: "2026-11-04" });
    expect(byDays.rows.map((row) => row.action)).toEqual(["attachment.download", "case.read"]);
    expect((await listAuditEntries(services.db, auditor, { caseReference: "PS-2500-999999" })).rows).toEqual([]);
  });

  it("leaves out every entry about a case the reader is recused from: the case's, its files' and its escalations'", async () => {
    const { services, member, tip } = await ready();
    const investigator = member("investigator");
    const auditor = member("auditor");
    const complaint = await fileCase(
      services,
      { kind: "complaint", categoryCode: "complaint.service_quality", narrative: "รอคิวนานเกินไป", details: {}, reporterRelation: "unknown", files: [] },
      { channel: "web" },
      noon("2026-11-02"),
    );
    if (!("receipt" in complaint)) throw new Error("filing failed");
    const escalationId = "escalation-of-the-tip";
    await services.db
      .insertInto("escalations")
      .values({ id: escalationId, case_id: tip.caseId, rule: "senior_official", reason_encrypted: null, escalated_by_id: null, routed_to_role: "executive", created_at: noon("2026-11-03"), decision: null, decision_note_encrypted: null, decided_by_id: null, decided_at: null, action_due_at: null })
      .execute();
    await append(services, { actorType: "staff", actorId: investigator.id, action: "case.read", targetType: "case", targetId: tip.caseId, occurredAt: noon("2026-11-03") });
    await append(services, { actorType: "staff", actorId: investigator.id, action: "attachment.download", targetType: "attachment", targetId: tip.attachmentId, details: { caseId: tip.caseId }, occurredAt: noon("2026-11-04") });
    await append(services, { actorType: "staff", actorId: investigator.id, action: "escalation.read", targetType: "escalation", targetId: escalationId, details: { caseId: tip.caseId }, occurredAt: noon("2026-11-05") });
    await append(services, { actorType: "staff", actorId: investigator.id, action: "case.read", targetType: "case", targetId: complaint.receipt.caseId, occurredAt: noon("2026-11-06") });
    await append(services, { actorType: "staff", actorId: investigator.id, action: "staff.sign_out", targetType: "staff_user", targetId: investigator.id, occurredAt: noon("2026-11-07") });
    // Newest first: the complaint's entries, the tip's (its escalation, file and page), then both filings.
    const everyone = ["staff.sign_out", "case.read", "escalation.read", "attachment.download", "case.read", "case.filed", "case.filed"];
    const actions = async () => (await listAuditEntries(services.db, auditor, {}, { limit: 1000 })).rows.map((row) => row.action).filter((action) => !action.startsWith("seed."));
    expect(await actions()).toEqual(everyone);

    // The auditor turns out to be named in the tip.
    await services.db.insertInto("conflicts").values({ id: "auditor-named", case_id: tip.caseId, staff_user_id: auditor.id, source: "named_in_case", reason_encrypted: null, created_by_id: null, created_at: noon("2026-11-08") }).execute();
    expect(await actions()).toEqual(["staff.sign_out", "case.read", "case.filed"]);
    const shown = await listAuditEntries(services.db, auditor, {}, { limit: 1000 });
    expect(shown.rows.flatMap((row) => (row.target?.type === "case" ? [row.target.caseId] : []))).toEqual([complaint.receipt.caseId, complaint.receipt.caseId]);
    // Asking for the tip by its reference reads exactly like asking for a case that does not exist.
    expect(await listAuditEntries(services.db, auditor, { caseReference: tip.reference })).toEqual({ rows: [], nextCursor: null });
    // The filter is part of the query, so a page still holds a full page of what the reader may see.
    const firstPage = await listAuditEntries(services.db, auditor, {}, { limit: 2 });
    expect(firstPage.rows.map((row) => row.action)).toEqual(["staff.sign_out", "case.read"]);
    expect((await listAuditEntries(services.db, auditor, {}, { after: firstPage.nextCursor!, limit: 1 })).rows.map((row) => row.action)).toEqual(["case.filed"]);

    // Someone else's recusal hides nothing from this reader.
    await services.db.deleteFrom("conflicts").where("id", "=", "auditor-named").execute();
    await services.db.insertInto("conflicts").values({ id: "investigator-named", case_id: tip.caseId, staff_user_id: investigator.id, source: "named_in_case", reason_encrypted: null, created_by_id: null, created_at: noon("2026-11-08") }).execute();
    expect(await actions()).toEqual(everyone);
  });

  it("pages by keyset: every entry once, in order, and no cursor after the last page", async () => {
    const { services, member } = await ready();
    const auditor = member("auditor");
    for (let index = 0; index < 7; index += 1) {
      await append(services, { actorType: "system", action: "case.read", targetType: "case", targetId: `case-${index}`, occurredAt: noon("2026-11-10") + index });
    }
    const everything = (await listAuditEntries(services.db, auditor, {}, { limit: 1000 })).rows.map((row) => row.sequence);
    const seen: number[] = [];
    let after: number | undefined;
    for (let page = 0; page < 100; page += 1) {
      const found = await listAuditEntries(services.db, auditor, {}, { after, limit: 3 });
      seen.push(...found.rows.map((row) => row.sequence));
      if (found.nextCursor === null) break;
      expect(found.rows).toHaveLength(3);
      after = found.nextCursor;
    }
    expect(seen).toEqual(everything);

    const filtered: number[] = [];
    let next: number | undefined;
    do {
      const found = await listAuditEntries(services.db, auditor, { action: "case.read" }, { after: next, limit: 2 });
      filtered.push(...found.rows.map((row) => row.sequence));
      next = found.nextCursor ?? undefined;
    } while (next !== undefined);
    expect(filtered).toHaveLength(7);
  });

  it("records a look at the log once per search, not once per page", async () => {
    const { services, member } = await ready();
    const auditor = member("auditor");
    const viewed = () => services.db.selectFrom("audit_log").select(["actor_id", "details"]).where("action", "=", "audit.viewed").execute();
    const now = noon("2026-11-20");
    expect(await recordAuditView(services, auditor, { action: "case.read" }, now)).toBe(true);
    expect(await recordAuditView(services, auditor, { action: "case.read" }, now + 1000)).toBe(false);
    expect(await recordAuditView(services, auditor, { action: "case.filed" }, now + 2000)).toBe(true);
    expect(await recordAuditView(services, auditor, { action: "case.filed" }, now + 11 * 60 * 1000)).toBe(true);
    await append(services, { actorType: "system", action: "staff.locked", occurredAt: now + 11 * 60 * 1000 });
    expect(await recordAuditView(services, auditor, { action: "case.filed" }, now + 12 * 60 * 1000)).toBe(true);
    const entries = await viewed();
    expect(entries).toHaveLength(4);
    expect(entries.every((entry) => entry.actor_id === auditor.id)).toBe(true);
    expect(JSON.parse(entries[0]!.details!)).toEqual({ filters: { action: "case.read" } });
  });

  it("checks the chain, records the check, and names the first broken link with its time", async () => {
    const { services, member } = await ready();
    const auditor = member("auditor");
    for (let index = 0; index < 4; index += 1) {
      await append(services, { actorType: "system", action: "case.read", targetId: `case-${index}`, occurredAt: noon("2026-11-12") + index });
    }
    const before = await services.db.selectFrom("audit_log").select("sequence").execute();
    const intact = await verifyAuditChain(services, auditor, noon("2026-11-13"));
    expect(intact).toEqual({ intact: true, entries: before.length });
    const recorded = await services.db.selectFrom("audit_log").selectAll().where("action", "=", "audit.verified").executeTakeFirstOrThrow();
    expect(recorded.actor_id).toBe(auditor.id);
    expect(JSON.parse(recorded.details!)).toEqual({ intact: true, entries: before.length });

    const victim = await services.db.selectFrom("audit_log").select(["sequence", "occurred_at"]).where("target_id", "=", "case-2").executeTakeFirstOrThrow();
    await services.db.updateTable("audit_log").set({ details: JSON.stringify({ covered: "up" }) }).where("sequence", "=", victim.sequence).execute();
    const broken = await verifyAuditChain(services, auditor, noon("2026-11-14"));
    expect(broken).toEqual({ intact: false, entries: victim.sequence - 1, kind: "hash_mismatch", sequence: victim.sequence, occurredAt: victim.occurred_at });
    const checks = await services.db.selectFrom("audit_log").select("details").where("action", "=", "audit.verified").orderBy("sequence").execute();
    expect(JSON.parse(checks.at(-1)!.details!)).toEqual({ intact: false, entries: victim.sequence - 1, kind: "hash_mismatch", sequence: victim.sequence });
  });
});
