import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as filingRoute from "../../../app/routes/staff.file";
import type { MatrixRow } from "../../support/staff-route-matrix";

/** Filing on someone's behalf: the intake desk and the officers who handle cases; not executives, auditors or admins. */
export const rows: MatrixRow[] = [
  {
    name: "GET /staff/file",
    expected: { signed_out: "login", intake_officer: "allow", investigator: "allow", recused_investigator: "allow", supervisor: "allow", executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: (visitor, fixture) => filingRoute.loader({ request: fixture.request(visitor, "/staff/file"), context: fixture.context(), params: {} } as LoaderFunctionArgs),
  },
  {
    name: "POST /staff/file (a complaint by phone)",
    expected: { signed_out: "login", intake_officer: "allow", investigator: "allow", recused_investigator: "allow", supervisor: "allow", executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: async (visitor, fixture) => {
      const result = (await filingRoute.action({
        request: fixture.request(visitor, "/staff/file", {
          channel: "phone",
          kind: "complaint",
          categoryCode: "complaint.service_quality",
          narrative: "ผู้โทรแจ้งว่ารอคิวที่สำนักงานเขตนานกว่าสามชั่วโมง",
          reporterRelation: "unknown",
          identity: "anonymous",
        }),
        context: fixture.context(),
        params: {},
      } as ActionFunctionArgs)) as unknown as { init: { status?: number } | null };
      // A form sent back would also "answer": only a filing counts as allowed here.
      if (result.init?.status !== 200) throw new Error(`filing answered ${result.init?.status}`);
      return result;
    },
  },
];
