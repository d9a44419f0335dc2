import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { recordEscalation } from "../../../app/escalation/escalations.server";
import { fileCase } from "../../../app/intake/intake.server";
import * as escalationRoute from "../../../app/routes/staff.escalations.$escalationId";
import * as inboxRoute from "../../../app/routes/staff.escalations._index";
import type { AppServices } from "../../../app/services.server";
import type { MatrixFixture, MatrixRow, Visitor } from "../../support/staff-route-matrix";

/**
 * The executives' escalation inbox and one escalation's page with its decision form. The escalation
 * is of a tip of its own (routed to the executives; the recused investigator is named in it), so
 * the case rows' expectations about the fixture's tip stay as they are.
 */

const escalations = new WeakMap<AppServices, Promise<string>>();

function escalationOf(fixture: MatrixFixture): Promise<string> {
  let escalation = escalations.get(fixture.services);
  if (!escalation) {
    escalation = escalate(fixture);
    escalations.set(fixture.services, escalation);
  }
  return escalation;
}

async function escalate({ services }: MatrixFixture): Promise<string> {
  const now = Date.now();
  const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.procurement", narrative: "ฮั้วประมูลจัดซื้อครุภัณฑ์", details: {}, reporterRelation: "staff", files: [] }, { channel: "web" }, now);
  if (!("receipt" in filed)) throw new Error("filing failed");
  const { caseId, reference } = filed.receipt;
  await services.db.insertInto("conflicts").values({ id: "conflict-escalated", case_id: caseId, staff_user_id: "recused", source: "named_in_case", reason_encrypted: null, created_by_id: null, created_at: now }).execute();
  const recorded = await services.db
    .transaction()
    .execute((transaction) => recordEscalation(transaction, services, { caseId, reference, rule: "resolve_breached", reason: "resolve_breached", actor: { type: "system", id: null }, recused: new Set(["recused"]) }, now));
  if (!recorded || recorded.routedToRole !== "executive") throw new Error("the matrix escalation did not reach the executives");
  return recorded.escalationId;
}

/**
 * A decision recorded redirects back to the escalation's page: for the matrix, the route answered.
 * A form refused for its input would answer too, so that fails the row instead of passing it.
 */
async function decided(run: () => Promise<unknown>): Promise<unknown> {
  try {
    const answer = await run();
    throw new Error(`the decision was refused: ${JSON.stringify(answer)}`);
  } catch (thrown) {
    if (thrown instanceof Response && (thrown.headers.get("Location") ?? "").startsWith("/staff/escalations/")) return { decided: true };
    throw thrown;
  }
}

const deciders = (outcome: "allow" | 403 | 404, forExecutive: "allow" | 403 | 404, forCommittee: "allow" | 403 | 404): Record<Visitor, "login" | "allow" | 403 | 404> => ({
  signed_out: "login",
  intake_officer: outcome,
  investigator: outcome,
  recused_investigator: outcome,
  supervisor: outcome,
  executive: forExecutive,
  audit_committee: forCommittee,
  auditor: outcome,
  admin: outcome,
});

export const rows: MatrixRow[] = [
  {
    name: "GET /staff/escalations",
    expected: deciders(403, "allow", "allow"),
    run: (visitor, fixture) => inboxRoute.loader({ request: fixture.request(visitor, "/staff/escalations"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "GET /staff/escalations decided tab, a later page",
    expected: deciders(403, "allow", "allow"),
    run: (visitor, fixture) => inboxRoute.loader({ request: fixture.request(visitor, "/staff/escalations?tab=decided&after=WzEsImEiXQ"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "GET an escalation routed to the executives",
    expected: deciders(403, "allow", 403),
    run: async (visitor, fixture) => {
      const escalationId = await escalationOf(fixture);
      return escalationRoute.loader({ request: fixture.request(visitor, `/staff/escalations/${escalationId}`), context: fixture.context(), params: { escalationId } } as LoaderFunctionArgs);
    },
  },
  {
    name: "POST a decision on an escalation routed to the executives",
    expected: deciders(403, "allow", 403),
    run: async (visitor, fixture) => {
      const escalationId = await escalationOf(fixture);
      return decided(() =>
        escalationRoute.action({
          request: fixture.request(visitor, `/staff/escalations/${escalationId}`, { decision: "appoint_committee", note: "ตั้งคณะกรรมการภายในเจ็ดวัน" }),
          context: fixture.context(),
          params: { escalationId },
        } as ActionFunctionArgs),
      );
    },
  },
  {
    name: "GET an unknown escalation",
    expected: deciders(404, 404, 404),
    run: (visitor, fixture) => escalationRoute.loader({ request: fixture.request(visitor, "/staff/escalations/no-such-escalation"), context: fixture.context(), params: { escalationId: "no-such-escalation" } } as LoaderFunctionArgs),
  },
];
