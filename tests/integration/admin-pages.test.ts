import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, expect, it } from "vitest";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import * as apiTokensRoute from "../../app/routes/staff.admin.api-tokens";
import * as categoryRoute from "../../app/routes/staff.admin.categories_.$categoryId";
import * as usersRoute from "../../app/routes/staff.admin.users";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/** What a loader or action answered with `data()` under single fetch: `{ data, init }`. */
interface Answer {
  data: Record<string, unknown>;
  init: { status?: number; headers?: Record<string, string> } | null;
}

describeEachDialect("admin pages", (current) => {
  let services: AppServices;
  let cookie: string;

  beforeEach(async () => {
    services = testServices(current(), { SEED_DEMO_DATA: "true" });
    const now = Date.now();
    await prepareDatabase(services, now, { demoCases: 0 });
    const admin = await services.db.selectFrom("staff_users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow();
    await services.db.updateTable("staff_users").set({ totp_enabled_at: now, totp_secret_encrypted: "enrolled" }).where("id", "=", admin.id).execute();
    const { cookieValue } = await createSession(services.db, admin.id, now, { mfaVerified: true });
    cookie = (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
  });

  function context(): AppLoadContext {
    return { services, logger: services.logger, cspNonce: "", clientKey: "admin-pages" };
  }

  function post(path: string, form: Record<string, string>): Request {
    return new Request(`http://localhost${path}`, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(form) });
  }

  it("answers a refused invitation with the reason on its field and everything that was typed", async () => {
    const form = { email: "admin@prongsai.example", displayName: "ธนา ซ้ำ", role: "auditor", teamCode: "" };
    const answer = (await usersRoute.action({ request: post("/staff/admin/users", form), context: context(), params: {} } as ActionFunctionArgs)) as unknown as Answer;
    expect(answer.init?.status).toBe(400);
    const result = answer.data.result as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(result.error.email).toEqual(["staffAdmin.problems.emailTaken"]);
    expect(result.initialValue).toMatchObject({ email: "admin@prongsai.example", displayName: "ธนา ซ้ำ", role: "auditor" });
  });

  it("keeps the typed policy when a category is refused, and names the field", async () => {
    const form = { kind: "complaint", code: "complaint.service_quality", nameTh: "ซ้ำ", nameEn: "Again", teamCode: "service", isActive: "on", resolveAmount: "12", resolveUnit: "hours", resolveDueSoonPercent: "80" };
    const answer = (await categoryRoute.action({ request: post("/staff/admin/categories/new", form), context: context(), params: { categoryId: "new" } } as ActionFunctionArgs)) as unknown as Answer;
    expect(answer.init?.status).toBe(400);
    const result = answer.data.result as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(result.error.code).toEqual(["staffAdmin.problems.codeTaken"]);
    expect(result.initialValue).toMatchObject({ resolveAmount: "12", resolveUnit: "hours", resolveDueSoonPercent: "80" });
  });

  it("shows a new token once, in the uncached answer to its POST, and never again", async () => {
    const answer = (await apiTokensRoute.action({ request: post("/staff/admin/api-tokens", { intent: "create", name: "Call centre 1111", channel: "phone" }), context: context(), params: {} } as ActionFunctionArgs)) as unknown as Answer;
    const created = answer.data.created as { token: string };
    expect(created.token).toMatch(/^psk_/);
    expect(answer.init?.headers).toMatchObject({ "Cache-Control": "no-store" });
    // The form is reset so the page does not send the name back as typed.
    expect(answer.data.result).toMatchObject({ initialValue: null });

    const page = await apiTokensRoute.loader({ request: new Request("http://localhost/staff/admin/api-tokens", { headers: { Cookie: cookie } }), context: context(), params: {} } as LoaderFunctionArgs);
    expect(JSON.stringify(page)).not.toContain(created.token);
    expect(JSON.stringify(page)).toContain("Call centre 1111");
  });
});
