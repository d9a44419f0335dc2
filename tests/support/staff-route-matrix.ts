import type { AppLoadContext } from "@remix-run/node";
import type { StaffRole } from "../../app/db.server";
import type { AppServices } from "../../app/services.server";

/**
 * The pieces of the staff route matrix (tests/integration/staff-route-matrix.test.ts). Each area of
 * the workspace lists its routes in its own file under tests/integration/staff-route-matrix/, so a
 * new page adds its rows without touching the others; the test collects every file.
 *
 * "allow" = the loader or action answers (or a command redirects back to its case page),
 * "login" = redirect to sign-in, "home" = sent to the role's own page, 403/404 = refused.
 */
export type Outcome = "allow" | "login" | "home" | 403 | 404;
export type Visitor = StaffRole | "signed_out" | "recused_investigator";

export const visitors: readonly Visitor[] = ["signed_out", "intake_officer", "investigator", "recused_investigator", "supervisor", "executive", "audit_committee", "auditor", "admin"];

/** What every row can use: a tip (with one attachment) the recused investigator is named in, a complaint, and requests as each visitor. */
export interface MatrixFixture {
  services: AppServices;
  tip: { caseId: string; attachmentId: string };
  complaintId: string;
  /** The id of the demo account of each role, and "recused" for the recused investigator. */
  staffIdOf(visitor: Exclude<Visitor, "signed_out">): string;
  request(visitor: Visitor, path: string, form?: Record<string, string>): Request;
  context(): AppLoadContext;
}

export interface MatrixRow {
  name: string;
  expected: Record<Visitor, Outcome>;
  run(visitor: Visitor, fixture: MatrixFixture): Promise<unknown>;
}
