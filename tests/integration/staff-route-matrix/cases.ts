import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as attachmentRoute from "../../../app/routes/staff.cases.$caseId.attachments.$attachmentId";
import * as caseRoute from "../../../app/routes/staff.cases.$caseId";
import * as queueRoute from "../../../app/routes/staff._index";
import * as layoutRoute from "../../../app/routes/staff";
import type { MatrixRow } from "../../support/staff-route-matrix";

/** The layout, the queues and the case page with its downloads and commands. */
export const rows: MatrixRow[] = [
  {
    name: "GET /staff (layout)",
    expected: { signed_out: "login", intake_officer: "allow", investigator: "allow", recused_investigator: "allow", supervisor: "allow", executive: "allow", audit_committee: "allow", auditor: "allow", admin: "allow" },
    run: (visitor, fixture) => layoutRoute.loader({ request: fixture.request(visitor, "/staff"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "GET /staff (queues)",
    expected: { signed_out: "login", intake_officer: "allow", investigator: "allow", recused_investigator: "allow", supervisor: "allow", executive: "home", audit_committee: "home", auditor: "home", admin: "home" },
    run: (visitor, fixture) => queueRoute.loader({ request: fixture.request(visitor, "/staff"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "GET /staff?queue=all",
    expected: { signed_out: "login", intake_officer: 403, investigator: 403, recused_investigator: 403, supervisor: "allow", executive: "home", audit_committee: "home", auditor: "home", admin: "home" },
    run: (visitor, fixture) => queueRoute.loader({ request: fixture.request(visitor, "/staff?queue=all"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "GET tip case page",
    expected: { signed_out: "login", intake_officer: 403, investigator: "allow", recused_investigator: 403, supervisor: "allow", executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: (visitor, fixture) =>
      caseRoute.loader({ request: fixture.request(visitor, `/staff/cases/${fixture.tip.caseId}`), context: fixture.context(), params: { caseId: fixture.tip.caseId } } as LoaderFunctionArgs),
  },
  {
    name: "GET complaint case page",
    expected: { signed_out: "login", intake_officer: "allow", investigator: 403, recused_investigator: 403, supervisor: 403, executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: (visitor, fixture) =>
      caseRoute.loader({ request: fixture.request(visitor, `/staff/cases/${fixture.complaintId}`), context: fixture.context(), params: { caseId: fixture.complaintId } } as LoaderFunctionArgs),
  },
  {
    name: "GET tip attachment",
    expected: { signed_out: "login", intake_officer: 403, investigator: "allow", recused_investigator: 403, supervisor: "allow", executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: (visitor, fixture) =>
      attachmentRoute.loader({
        request: fixture.request(visitor, `/staff/cases/${fixture.tip.caseId}/attachments/${fixture.tip.attachmentId}`),
        context: fixture.context(),
        params: { caseId: fixture.tip.caseId, attachmentId: fixture.tip.attachmentId },
      } as LoaderFunctionArgs),
  },
  {
    name: "POST acknowledge tip",
    expected: { signed_out: "login", intake_officer: 403, investigator: "allow", recused_investigator: 403, supervisor: "allow", executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: (visitor, fixture) =>
      caseRoute.action({ request: fixture.request(visitor, `/staff/cases/${fixture.tip.caseId}`, { intent: "acknowledge" }), context: fixture.context(), params: { caseId: fixture.tip.caseId } } as ActionFunctionArgs),
  },
  {
    // Aimed at the investigator already recused from the tip: the supervisor's try is answered (as
    // "already recused") and changes nothing the later rows depend on.
    name: "POST recuse a staff member from tip",
    expected: { signed_out: "login", intake_officer: 403, investigator: 403, recused_investigator: 403, supervisor: "allow", executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: (visitor, fixture) =>
      caseRoute.action({
        request: fixture.request(visitor, `/staff/cases/${fixture.tip.caseId}`, { intent: "recuse_staff", recusedStaffId: fixture.staffIdOf("recused_investigator"), reason: "ถูกระบุชื่อในเรื่อง" }),
        context: fixture.context(),
        params: { caseId: fixture.tip.caseId },
      } as ActionFunctionArgs),
  },
  {
    name: "GET unknown case",
    expected: { signed_out: "login", intake_officer: 404, investigator: 404, recused_investigator: 404, supervisor: 404, executive: 404, audit_committee: 404, auditor: 404, admin: 404 },
    run: (visitor, fixture) =>
      caseRoute.loader({ request: fixture.request(visitor, "/staff/cases/no-such-case"), context: fixture.context(), params: { caseId: "no-such-case" } } as LoaderFunctionArgs),
  },
];
