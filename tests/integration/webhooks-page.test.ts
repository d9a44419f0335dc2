import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, expect, it } from "vitest";
import { createSession } from "../../app/auth/sessions.server";
import { staffSessionCookie } from "../../app/auth/staff-request.server";
import * as webhooksRoute from "../../app/routes/staff.admin.webhooks";
import type { AppServices } from "../../app/services.server";
import { prepareDatabase } from "../../app/startup.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

/** The page's action as an admin's browser without JavaScript posts it. */
describeEachDialect("the admin's webhooks page", (current) => {
  let services: AppServices;
  let cookie: string;

  beforeEach(async () => {
    services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, Date.now(), { demoCases: 0 });
    const admin = await services.db.selectFrom("staff_users").select("id").where("role", "=", "admin").executeTakeFirstOrThrow();
    await services.db.updateTable("staff_users").set({ totp_enabled_at: Date.now(), totp_secret_encrypted: "enrolled" }).where("id", "=", admin.id).execute();
    const { cookieValue } = await createSession(services.db, admin.id, Date.now(), { mfaVerified: true });
    cookie = (await staffSessionCookie(false).serialize(cookieValue)).split(";")[0]!;
  });

  function context(): AppLoadContext {
    return { services, logger: services.logger, cspNonce: "", clientKey: "test" };
  }

  function post(form: Array<[string, string]>) {
    const request = new Request("http://localhost/staff/admin/webhooks", { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams(form) });
    return webhooksRoute.action({ request, context: context(), params: {} } as ActionFunctionArgs);
  }

  function load(search = "") {
    const request = new Request(`http://localhost/staff/admin/webhooks${search}`, { headers: { Cookie: cookie } });
    return webhooksRoute.loader({ request, context: context(), params: {} } as LoaderFunctionArgs);
  }

  it("shows the secret once on creation, keeps what was typed on errors, and redirects after a change", async () => {
    const refused = (await post([["intent", "create"], ["name", "ระบบติดตามงาน"], ["url", "http://hooks.example.go.th/in"], ["events", "escalation"]])) as unknown as { data: { result: { initialValue: Record<string, unknown>; error: Record<string, string[]> } }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.result.error).toEqual({ url: ["staffWebhooks.problems.not_https"] });
    expect(refused.data.result.initialValue).toMatchObject({ name: "ระบบติดตามงาน", url: "http://hooks.example.go.th/in", events: "escalation" });

    const noEvents = (await post([["intent", "create"], ["name", "x"], ["url", "https://hooks.example.go.th/in"]])) as unknown as { data: { result: { error: Record<string, string[]> } } };
    expect(noEvents.data.result.error).toEqual({ events: ["staffWebhooks.problems.eventsRequired"] });

    const created = (await post([["intent", "create"], ["name", "ระบบติดตามงาน"], ["url", "https://hooks.example.go.th/in"], ["events", "sla_breach"], ["events", "escalation"]])) as unknown as { data: { created: { name: string; secret: string } } };
    expect(created.data.created).toEqual({ name: "ระบบติดตามงาน", secret: expect.stringMatching(/^whsec_/) });

    const page = (await load()) as Awaited<ReturnType<typeof webhooksRoute.loader>>;
    expect(page.webhooks).toEqual([expect.objectContaining({ name: "ระบบติดตามงาน", events: ["sla_breach", "escalation"], isActive: true })]);
    expect(JSON.stringify(page)).not.toContain(created.data.created.secret);
    const webhookId = page.webhooks[0]!.id;

    const disabled = (await post([["intent", "disable"], ["webhookId", webhookId]])) as Response;
    expect(disabled.status).toBe(303);
    expect(disabled.headers.get("Location")).toBe("/staff/admin/webhooks?done=disable");
    expect(((await load("?done=disable")) as Awaited<ReturnType<typeof webhooksRoute.loader>>).webhooks[0]!.isActive).toBe(false);

    const missing = (await post([["intent", "test"], ["webhookId", "no-such-webhook"]])) as unknown as { data: { notFound: boolean }; init: { status: number } };
    expect(missing.init.status).toBe(404);
    expect(missing.data.notFound).toBe(true);
  });
});
