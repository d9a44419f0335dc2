import type { LoaderFunctionArgs } from "@remix-run/node";
import * as reportsRoute from "../../../app/routes/staff.reports._index";
import * as evidenceRoute from "../../../app/routes/staff.reports.evidence";
import * as exportRoute from "../../../app/routes/staff.reports.export";
import type { MatrixRow, Outcome, Visitor } from "../../support/staff-route-matrix";

/** Reports, the evidence pack and its downloads: reports.view, held by supervisors, executives, the audit committee and auditors. */
const reportReaders: Record<Visitor, Outcome> = {
  signed_out: "login",
  intake_officer: 403,
  investigator: 403,
  recused_investigator: 403,
  supervisor: "allow",
  executive: "allow",
  audit_committee: "allow",
  auditor: "allow",
  admin: 403,
};

function loaderRow(name: string, loader: (args: LoaderFunctionArgs) => Promise<unknown>, path: string): MatrixRow {
  return { name, expected: reportReaders, run: (visitor, fixture) => loader({ request: fixture.request(visitor, path), context: fixture.context(), params: {} } as LoaderFunctionArgs) };
}

export const rows: MatrixRow[] = [
  loaderRow("GET /staff/reports", reportsRoute.loader, "/staff/reports"),
  loaderRow("GET /staff/reports for a quarter, a team and a category", reportsRoute.loader, "/staff/reports?fy=2569&period=Q1&team=integrity&category=corruption.bribery"),
  loaderRow("GET /staff/reports/evidence", evidenceRoute.loader, "/staff/reports/evidence?fy=2569"),
  loaderRow("GET /staff/reports/export as XLSX", exportRoute.loader, "/staff/reports/export?fy=2569&format=xlsx"),
  loaderRow("GET /staff/reports/export as CSV for a team", exportRoute.loader, "/staff/reports/export?fy=2569&format=csv&team=integrity"),
];
