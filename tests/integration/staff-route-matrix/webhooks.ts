import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as webhooksRoute from "../../../app/routes/staff.admin.webhooks";
import type { MatrixRow } from "../../support/staff-route-matrix";

/** The admin's webhooks page: only the admin role manages where alerts go. */
const adminOnly = { signed_out: "login", intake_officer: 403, investigator: 403, recused_investigator: 403, supervisor: 403, executive: 403, audit_committee: 403, auditor: 403, admin: "allow" } as const;

export const rows: MatrixRow[] = [
  {
    name: "GET /staff/admin/webhooks",
    expected: adminOnly,
    run: (visitor, fixture) => webhooksRoute.loader({ request: fixture.request(visitor, "/staff/admin/webhooks"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "POST /staff/admin/webhooks (create)",
    expected: adminOnly,
    run: (visitor, fixture) =>
      webhooksRoute.action({
        request: fixture.request(visitor, "/staff/admin/webhooks", { intent: "create", name: `matrix ${visitor}`, url: "https://hooks.example.go.th/matrix", events: "sla_breach" }),
        context: fixture.context(),
        params: {},
      } as ActionFunctionArgs),
  },
];
