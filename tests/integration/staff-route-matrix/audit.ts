import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as auditRoute from "../../../app/routes/staff.audit";
import type { MatrixRow } from "../../support/staff-route-matrix";

/** The audit log: the auditor's alone, for reading and for checking the chain. */
export const rows: MatrixRow[] = [
  {
    name: "GET /staff/audit",
    expected: { signed_out: "login", intake_officer: 403, investigator: 403, recused_investigator: 403, supervisor: 403, executive: 403, audit_committee: 403, auditor: "allow", admin: 403 },
    run: (visitor, fixture) => auditRoute.loader({ request: fixture.request(visitor, "/staff/audit"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "GET /staff/audit filtered, a later page",
    expected: { signed_out: "login", intake_officer: 403, investigator: 403, recused_investigator: 403, supervisor: 403, executive: 403, audit_committee: 403, auditor: "allow", admin: 403 },
    run: (visitor, fixture) =>
      auditRoute.loader({ request: fixture.request(visitor, "/staff/audit?action=case.filed&from=2026-01-01&after=5"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "POST /staff/audit (check the chain)",
    expected: { signed_out: "login", intake_officer: 403, investigator: 403, recused_investigator: 403, supervisor: 403, executive: 403, audit_committee: 403, auditor: "allow", admin: 403 },
    run: (visitor, fixture) => auditRoute.action({ request: fixture.request(visitor, "/staff/audit", { intent: "verify" }), context: fixture.context(), params: {} } as ActionFunctionArgs),
  },
];
