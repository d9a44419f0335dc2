import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { expect, it } from "vitest";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import { fileCase } from "../../app/intake/intake.server";
import * as adminTeamsRoute from "../../app/routes/staff.admin.teams";
import * as auditRoute from "../../app/routes/staff.audit";
import * as caseRoute from "../../app/routes/staff.cases.$caseId";
import * as queueRoute from "../../app/routes/staff._index";
import * as loginRoute from "../../app/routes/staff_.login";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/**
 * A NUL in what a staff page is sent. Nobody types one, but a forged request can, and PostgreSQL
 * refuses the byte in any text: a name stored in plain text or a lookup by a submitted id or cursor
 * failed with a 500 there, where SQLite took it. Each answer here is what a person would get for a
 * value without the NUL — a redirect, a translated refusal or the unfiltered page — on both dialects.
 */

/** The status a loader or action answered with, whether it returned or threw a Response. */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    if (typeof result === "object" && result !== null && "init" in result) return (result as { init: { status?: number } | null }).init?.status ?? 200;
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describeEachDialect("a NUL sent to the staff pages", (current) => {
  async function setUp() {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    const now = Date.now();
    await prepareDatabase(services, now, { demoCases: 0 });
    const memberId = async (email: string) => (await services.db.selectFrom("staff_users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;
    const cookieOf = async (email: string) => {
      const id = await memberId(email);
      await services.db.updateTable("staff_users").set({ totp_enabled_at: now }).where("id", "=", id).execute();
      const { cookieValue } = await createSession(services.db, id, now, { mfaVerified: true });
      return (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
    };
    const context = (): AppLoadContext => ({ services, logger: services.logger, cspNonce: "", clientKey: "nul-bytes" });
    const post = (path: string, cookie: string | null, form: Record<string, string>) =>
      new Request(`http://localhost${path}`, { method: "POST", headers: cookie ? { Cookie: cookie } : {}, body: new URLSearchParams(form) });
    const get = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });
    return { services, now, cookieOf, context, post, get };
  }

  it("in a case command: a referral's agency is stored without it, an unknown assignee or merge target is refused", async () => {
    const { services, now, cookieOf, context, post } = await setUp();
    const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เรียกรับเงินเพื่อเร่งการอนุมัติ", details: {}, reporterRelation: "staff", files: [] }, { channel: "web" }, now);
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const { caseId } = filed.receipt;
    const cookie = await cookieOf("supervisor@prongsai.example");
    const act = (form: Record<string, string>) => statusOf(() => caseRoute.action({ request: post(`/staff/cases/${caseId}`, cookie, form), context: context(), params: { caseId } } as ActionFunctionArgs));

    expect(await act({ intent: "assign", assigneeId: "no-one\u0000" })).toBe(400);
    expect(await act({ intent: "merge", intoReference: "PS-2569-\u0000" })).toBe(400);
    expect(await act({ intent: "refer", agency: "other", agencyName: "สำนักงาน\u0000ตรวจเงินแผ่นดิน" })).toBe(303);
    expect(await services.db.selectFrom("cases").select(["status", "referred_to"]).where("id", "=", caseId).executeTakeFirstOrThrow()).toEqual({ status: "referred", referred_to: "other:สำนักงานตรวจเงินแผ่นดิน" });
  });

  it("in an admin form, the sign-in form, and the audit and queue addresses", async () => {
    const { services, cookieOf, context, post, get } = await setUp();
    const admin = await cookieOf("admin@prongsai.example");
    const created = await statusOf(() =>
      adminTeamsRoute.action({ request: post("/staff/admin/teams", admin, { intent: "create", code: "audit_office", nameTh: "สำนักตรวจ\u0000สอบ", nameEn: "Audit\u0000 office" }), context: context(), params: {} } as ActionFunctionArgs),
    );
    expect(created).toBe(303);
    expect(await services.db.selectFrom("teams").select(["name_th", "name_en"]).where("code", "=", "audit_office").executeTakeFirstOrThrow()).toEqual({ name_th: "สำนักตรวจสอบ", name_en: "Audit office" });
    expect(await statusOf(() => adminTeamsRoute.action({ request: post("/staff/admin/teams", admin, { intent: "deactivate", teamId: "\u0000" }), context: context(), params: {} } as ActionFunctionArgs))).toBeLessThan(500);

    expect(await statusOf(() => loginRoute.action({ request: post("/staff/login", null, { email: "supervisor\u0000@prongsai.example", password: "ผิด" }), context: context(), params: {} } as ActionFunctionArgs))).toBeLessThan(500);

    const auditor = await cookieOf("auditor@prongsai.example");
    expect(await statusOf(() => auditRoute.loader({ request: get("/staff/audit?actor=%00&case=PS-%00", auditor), context: context(), params: {} } as LoaderFunctionArgs))).toBe(200);
    const supervisor = await cookieOf("supervisor@prongsai.example");
    const cursor = Buffer.from(JSON.stringify(["dated", 1, "\u0000"]), "utf8").toString("base64url");
    expect(await statusOf(() => queueRoute.loader({ request: get(`/staff?queue=all&after=${cursor}`, supervisor), context: context(), params: {} } as LoaderFunctionArgs))).toBe(200);
  });
});
