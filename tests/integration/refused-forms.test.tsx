import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import type { ReactElement } from "react";
import { expect, it } from "vitest";
import { escapedForHtml, quietServerLayoutEffectWarnings, renderUnderRoot } from "../support/server-render";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import { createStaffUser } from "../../app/auth/staff-users.server";
import { performCaseAction } from "../../app/cases/case-actions.server";
import type { StaffMember } from "../../app/cases/case-workspace.server";
import { decideEscalation } from "../../app/escalation/decisions.server";
import { recordEscalation } from "../../app/escalation/escalations.server";
import { fileCase, type IntakeSubmission } from "../../app/intake/intake.server";
import * as caseRoute from "../../app/routes/staff.cases.$caseId";
import * as escalationRoute from "../../app/routes/staff.escalations.$escalationId";
import * as trackRoute from "../../app/routes/track";
import { th } from "../../app/i18n/messages/th";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { RefusedDecision, type DecisionFailure } from "../../app/ui/escalations/refused-decision";
import { CaseActions } from "../../app/ui/staff-case/case-actions";
import type { CommandFailure } from "../../app/ui/staff-case/types";
import { describeEachDialect } from "../support/databases";
import { answerOf } from "../support/route-answer";
import { testServices } from "../support/services";

/**
 * Bad input or a refused command always gets a clear, translated error and never loses what was
 * typed — even when the form it came from is gone. Here someone else changes a case or an
 * escalation while a person writes; the route's action refuses what they send, and the page drawn
 * from a fresh loader (what a browser without JavaScript gets) no longer offers that form. The
 * action's answer still carries what was typed, nothing of it is stored, and the page shows it back.
 */

/** A part of a page as the server renders it, in Thai. */
function renderInThai(element: ReactElement): string {
  return renderUnderRoot(element, { locale: "th", pattern: "page", path: "/page" });
}

const tip: IntakeSubmission = {
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  narrative: "เจ้าหน้าที่เรียกรับเงินเพื่อเร่งออกใบอนุญาตก่อสร้าง",
  details: {},
  reporterRelation: "outside",
  files: [],
};

type Member = StaffMember & { email: string };

describeEachDialect("forms refused after someone else changed the case", (current) => {
  quietServerLayoutEffectWarnings();

  async function setUp() {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    const now = Date.now();
    await prepareDatabase(services, now, { demoCases: 0 });
    const demo = async (email: string): Promise<Member> => {
      const row = await services.db.selectFrom("staff_users").select(["id", "role", "team_id"]).where("email", "=", email).executeTakeFirstOrThrow();
      return { id: row.id, role: row.role, teamId: row.team_id, email };
    };
    const context = (): AppLoadContext => ({ services, logger: services.logger, cspNonce: "", clientKey: "refused-forms" });
    const cookieOf = async (member: Member) => {
      const { cookieValue } = await createSession(services.db, member.id, Date.now(), { mfaVerified: true });
      return (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
    };
    const staffRequest = async (member: Member, path: string, form?: Record<string, string>) =>
      new Request(`http://localhost${path}`, form ? { method: "POST", headers: { Cookie: await cookieOf(member) }, body: new URLSearchParams(form) } : { headers: { Cookie: await cookieOf(member) } });
    const file = async (submission: IntakeSubmission) => {
      const result = await fileCase(services, submission, { channel: "web" }, now);
      if (!("receipt" in result)) throw new Error(JSON.stringify(result));
      return result.receipt;
    };
    return { services, demo, context, staffRequest, file };
  }

  const messagesOf = (services: AppServices, caseId: string) => services.db.selectFrom("messages").select(["id", "visibility"]).where("case_id", "=", caseId).execute();

  it("a reply sent after a colleague resolved the case is refused with its text, which the page then shows read-only", async () => {
    const { services, demo, context, staffRequest, file } = await setUp();
    const officer = await demo("investigator@prongsai.example");
    const colleague = await demo("supervisor@prongsai.example");
    const { caseId } = await file(tip);
    const path = `/staff/cases/${caseId}`;
    const openPage = async () => answerOf(async () => caseRoute.loader({ request: await staffRequest(officer, path), context: context(), params: { caseId } } as LoaderFunctionArgs));
    type Page = { workspace: Parameters<typeof CaseActions>[0]["workspace"]; options: Parameters<typeof CaseActions>[0]["options"] };

    const before = (await openPage()).data as Page;
    expect(before.workspace.allowedActions).toContain("reply");

    // While the officer writes, the team's supervisor ends the tip.
    for (const command of [{ type: "acknowledge" }, { type: "resolve", outcome: "action_taken" }]) expect(await performCaseAction(services, colleague, caseId, command, Date.now())).toEqual({ done: true });

    const reply = `เรียนผู้แจ้ง\nเขตได้ส่งเจ้าหน้าที่ไปลอกท่อระบายน้ำแล้ว <หน้าบ้านเลขที่ 12> & "ซอย 5" ${"และจะติดตามผลต่อ ".repeat(60)}`;
    const refused = await answerOf(async () => caseRoute.action({ request: await staffRequest(officer, path, { intent: "reply", message: reply }), context: context(), params: { caseId } } as ActionFunctionArgs));
    expect(refused.status).toBe(409);
    const failure = refused.data as CommandFailure;
    expect(failure).toEqual({ intent: "reply", problem: "not_allowed_in_status", fieldErrors: {}, formErrors: [], values: { message: reply } });
    expect(await messagesOf(services, caseId)).toEqual([]);

    // The page without JavaScript: the loader again, then the page with the action's answer.
    const after = (await openPage()).data as Page;
    expect(after.workspace.allowedActions).not.toContain("reply");
    const html = renderInThai(<CaseActions workspace={after.workspace} options={after.options} failure={failure} staffId={officer.id} />);
    expect(html).not.toContain('data-intent="reply"');
    const block = html.match(/<section[^>]*data-refused-intent="reply".*?<\/section>/s)?.[0] ?? "";
    expect(block).toContain(escapedForHtml(th.staffCase.problems.not_allowed_in_status));
    expect(block).toContain(escapedForHtml(th.staffCase.refused.typedBelow));
    expect(block).toContain(`readonly="">${escapedForHtml(reply)}</textarea>`);
  });

  it("a decision recorded after another executive's is refused with its note, which the page then shows read-only", async () => {
    const { services, demo, context, staffRequest, file } = await setUp();
    const first = await demo("executive@prongsai.example");
    const created = await createStaffUser(services, { email: "somchai@agency.example", displayName: "สมชาย บริหาร", role: "executive", teamCode: null, password: "ม้าลายกินหญ้าริมน้ำ-2569" }, { type: "system" }, Date.now());
    if (!("staffUserId" in created)) throw new Error(JSON.stringify(created));
    // An executive signs in with a second factor: this one has enrolled (the session below has passed it).
    await services.db.updateTable("staff_users").set({ totp_enabled_at: Date.now() }).where("id", "=", created.staffUserId).execute();
    const second = await demo("somchai@agency.example");
    const receipt = await file(tip);
    const escalation = await services.db
      .transaction()
      .execute((transaction) => recordEscalation(transaction, services, { caseId: receipt.caseId, reference: receipt.reference, rule: "resolve_breached", reason: "resolve_breached", actor: { type: "system", id: null }, recused: new Set() }, Date.now()));
    if (!escalation || escalation.routedToRole !== "executive") throw new Error("not escalated to the executives");
    const escalationId = escalation.escalationId;
    const path = `/staff/escalations/${escalationId}`;
    const openPage = async () => answerOf(async () => escalationRoute.loader({ request: await staffRequest(second, path), context: context(), params: { escalationId } } as LoaderFunctionArgs));
    const opened = await openPage();
    expect(opened.status, JSON.stringify(opened)).toBe(200);
    expect((opened.data as { escalation: { mayDecide: boolean } }).escalation.mayDecide).toBe(true);

    expect(await decideEscalation(services, first, escalationId, { decision: "return_to_team", note: "ให้ทีมดำเนินการต่อ" }, Date.now())).toMatchObject({ done: true });

    const note = `สั่งการให้ตรวจสอบการออกใบอนุญาตทั้งหมดของปี 2569\nรายงานภายใน 30 วัน ${"โดยละเอียด ".repeat(60)}`;
    const form = { decision: "order_action", actionDueOn: "", note };
    const refused = await answerOf(async () => escalationRoute.action({ request: await staffRequest(second, path, form), context: context(), params: { escalationId } } as ActionFunctionArgs));
    expect(refused.status).toBe(409);
    const failure = refused.data as DecisionFailure;
    expect(failure).toEqual({ problem: "already_decided", fieldErrors: {}, values: form });
    // The first decision stands: the refused note is kept nowhere.
    const notes = await messagesOf(services, receipt.caseId);
    expect(notes).toHaveLength(1);
    expect(await services.db.selectFrom("escalations").select(["decision", "decided_by_id"]).where("id", "=", escalationId).executeTakeFirstOrThrow()).toEqual({ decision: "return_to_team", decided_by_id: first.id });

    const page = (await openPage()).data as { escalation: { mayDecide: boolean }; options: { decisions: Parameters<typeof RefusedDecision>[0]["decisions"] } };
    expect(page.escalation.mayDecide).toBe(false);
    const html = renderInThai(<RefusedDecision failure={failure} decisions={page.options.decisions} />);
    expect(html).toContain(escapedForHtml(th.escalations.decisionForm.problems.already_decided));
    expect(html).toContain(`readonly="" value="${escapedForHtml(th.escalations.decisions.order_action)}"/>`);
    expect(html).toContain(`readonly="">${escapedForHtml(note)}</textarea>`);
  });

  it("a reporter's reply to a case closed meanwhile comes back in the answer, unsent and unstored", async () => {
    const { services, demo, context, file } = await setUp();
    const supervisor = await demo("supervisor@prongsai.example");
    const receipt = await file(tip);
    for (const command of [{ type: "acknowledge" }, { type: "resolve", outcome: "action_taken" }, { type: "close" }]) expect(await performCaseAction(services, supervisor, receipt.caseId, command, Date.now())).toEqual({ done: true });

    const message = `ยังไม่ได้แก้ไขค่ะ น้ำยังขังอยู่ <ดูรูปเดิม> & "ซอย 5"\n${"รายละเอียดเพิ่มเติม ".repeat(60)}`;
    const body = new FormData();
    for (const [name, value] of Object.entries({ code: receipt.trackingCode, intent: "reply", message })) body.set(name, value);
    const answer = await answerOf(() => trackRoute.action({ request: new Request("http://localhost/track", { method: "POST", body }), context: context(), params: {} } as ActionFunctionArgs));
    expect(answer.status).toBe(400);
    const data = answer.data as { stage: string; notice: string; view: { status: string }; reply: { initialValue: Record<string, unknown> } };
    expect(data).toMatchObject({ stage: "case", notice: "notOpen", view: { status: "closed" } });
    // What the page shows back is this answer's own copy of what was sent; the case kept none of it.
    // As from a browser, the form carries line breaks as CR LF.
    expect(data.reply.initialValue.message).toBe(message.replaceAll("\n", "\r\n"));
    expect(await messagesOf(services, receipt.caseId)).toEqual([]);
  });
});
