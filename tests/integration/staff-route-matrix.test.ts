import type { AppLoadContext } from "@remix-run/node";
import { beforeEach, expect, it } from "vitest";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import type { StaffRole } from "../../app/db.server";
import { fileCase } from "../../app/intake/intake.server";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { pdfEvidence } from "../support/evidence-files";
import { testServices } from "../support/services";
import { visitors, type MatrixFixture, type MatrixRow, type Outcome, type Visitor } from "../support/staff-route-matrix";

/**
 * Every staff route × every role (and a signed-out visitor), each cell written out: a change to
 * the permission table or a route that forgets to check fails here. The rows live by area in
 * ./staff-route-matrix/*.ts (each exports `rows`); this file builds the cases and the sessions and
 * walks them all. A staff route missing from those files is a gap in this test.
 */
const areas = import.meta.glob<{ rows: MatrixRow[] }>("./staff-route-matrix/*.ts", { eager: true });
const rows = Object.values(areas).flatMap((area) => area.rows);

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await run();
    if (result instanceof Response && result.status >= 300 && result.status < 400) return redirectOutcome(result);
    return "allow";
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    if (thrown.status >= 300 && thrown.status < 400) return redirectOutcome(thrown);
    return thrown.status as 403 | 404;
  }
}

function redirectOutcome(response: Response): Outcome {
  const location = response.headers.get("Location") ?? "";
  if (location.startsWith("/staff/login")) return "login";
  if (location.startsWith("/staff/second-factor")) throw new Error("a session in this test still owes its second factor");
  // A command done redirects back to its case page.
  if (location.startsWith("/staff/cases/")) return "allow";
  return "home";
}

describeEachDialect("the staff route matrix", (current) => {
  let services: AppServices;
  let cookies: Record<Visitor, string | null>;
  let tip: { caseId: string; attachmentId: string };
  let complaintId: string;
  let staffIds: Record<Exclude<Visitor, "signed_out">, string>;

  beforeEach(async () => {
    services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, Date.now(), { demoCases: 0 });
    const now = Date.now();
    const filedTip = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เรียกรับเงินเพื่อเร่งการอนุมัติใบอนุญาต", details: {}, reporterRelation: "outside", files: [await pdfEvidence()] }, { channel: "web" }, now);
    const filedComplaint = await fileCase(services, { kind: "complaint", categoryCode: "complaint.service_quality", narrative: "รอคิวนานเกินไปทุกครั้งที่มาติดต่อ", details: {}, reporterRelation: "unknown", files: [] }, { channel: "web" }, now);
    if (!("receipt" in filedTip) || !("receipt" in filedComplaint)) throw new Error("filing failed");
    const attachment = await services.db.selectFrom("attachments").select("id").where("case_id", "=", filedTip.receipt.caseId).executeTakeFirstOrThrow();
    tip = { caseId: filedTip.receipt.caseId, attachmentId: attachment.id };
    complaintId = filedComplaint.receipt.caseId;

    const staff = await services.db.selectFrom("staff_users").select(["id", "role", "team_id"]).execute();
    const idOf = (role: StaffRole) => staff.find((member) => member.role === role)!.id;
    // A second investigator of the same team, recused from the tip (named in it).
    const investigator = staff.find((member) => member.role === "investigator")!;
    await services.db
      .insertInto("staff_users")
      .values({ id: "recused", email: "recused@prongsai.example", display_name: "ผู้ถูกกล่าวหา", role: "investigator", team_id: investigator.team_id, password_hash: "x", totp_secret_encrypted: null, totp_enabled_at: null, is_active: 1, failed_login_count: 0, locked_until: null, password_changed_at: 0, created_at: 0, updated_at: 0 })
      .execute();
    await services.db.insertInto("conflicts").values({ id: "conflict", case_id: tip.caseId, staff_user_id: "recused", source: "named_in_case", reason_encrypted: null, created_by_id: null, created_at: now }).execute();

    // Roles that must use TOTP have enrolled; their sessions passed the second factor.
    await services.db.updateTable("staff_users").set({ totp_enabled_at: now, totp_secret_encrypted: "enrolled" }).where("role", "in", ["executive", "admin", "audit_committee"]).execute();
    const cookie = staffSessionCookie(false);
    const cookieFor = async (staffUserId: string) => {
      const { cookieValue } = await createSession(services.db, staffUserId, now, { mfaVerified: true });
      return (await cookie.serialize(cookieValue)).split(";")[0]!;
    };
    cookies = { signed_out: null } as Record<Visitor, string | null>;
    for (const role of ["intake_officer", "investigator", "supervisor", "executive", "audit_committee", "auditor", "admin"] as const) cookies[role] = await cookieFor(idOf(role));
    cookies.recused_investigator = await cookieFor("recused");
    staffIds = { recused_investigator: "recused" } as Record<Exclude<Visitor, "signed_out">, string>;
    for (const role of ["intake_officer", "investigator", "supervisor", "executive", "audit_committee", "auditor", "admin"] as const) staffIds[role] = idOf(role);
  });

  function request(visitor: Visitor, path: string, form?: Record<string, string>): Request {
    const headers = new Headers();
    const cookie = cookies[visitor];
    if (cookie) headers.set("Cookie", cookie);
    if (!form) return new Request(`http://localhost${path}`, { headers });
    return new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams(form) });
  }

  function staffIdOf(visitor: Exclude<Visitor, "signed_out">): string {
    return staffIds[visitor];
  }

  function context(): AppLoadContext {
    return { services, logger: services.logger, cspNonce: "", clientKey: "matrix" };
  }

  it("allows and refuses exactly as the table says, and audits every refused case", async () => {
    const fixture: MatrixFixture = { services, tip, complaintId, staffIdOf, request, context };
    const actual: Record<string, Record<string, Outcome>> = {};
    const expected: Record<string, Record<string, Outcome>> = {};
    for (const row of rows) {
      expect(actual[row.name], `two rows are named "${row.name}"`).toBeUndefined();
      actual[row.name] = {};
      expected[row.name] = row.expected;
      for (const visitor of visitors) actual[row.name]![visitor] = await outcomeOf(() => row.run(visitor, fixture));
    }
    expect(actual).toEqual(expected);
    const denials = await services.db.selectFrom("audit_log").select(["actor_id", "target_id"]).where("action", "=", "case.access_denied").execute();
    expect(denials.some((denial) => denial.actor_id === "recused" && denial.target_id === tip.caseId)).toBe(true);
  });
});
