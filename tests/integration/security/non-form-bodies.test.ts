import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { expect, it } from "vitest";
import { createSession } from "../../../app/auth/sessions.server";
import { staffSessionCookie } from "../../../app/auth/staff-request.server";
import type { StaffRole } from "../../../app/db.server";
import { fileCase } from "../../../app/intake/intake.server";
import { prepareDatabase } from "../../../app/startup.server";
import { describeEachDialect } from "../../support/databases";
import { testServices } from "../../support/services";

/*
 * A signed-in member of staff (or a stolen session) posts something that is not a form — JSON,
 * a broken multipart, nothing — to every staff action: the answer is a refusal or the page's own
 * validation, never a 500. Every route file under app/routes whose name starts with "staff" and
 * that exports an action is covered, so a new one is tested without being listed here.
 */

type ActionModule = { action?: (args: ActionFunctionArgs) => Promise<unknown>; loader?: (args: ActionFunctionArgs) => Promise<unknown> };
const routeModules = import.meta.glob<ActionModule>("../../../app/routes/staff*.tsx", { eager: true });
const loaders = Object.entries(routeModules).flatMap(([file, module]) => (module.loader ? [{ file: file.split("/").pop()!, loader: module.loader }] : []));
const actions = Object.entries(routeModules).flatMap(([file, module]) => (module.action ? [{ file: file.split("/").pop()!, action: module.action }] : []));

const bodies: Record<string, () => RequestInit> = {
  json: () => ({ body: JSON.stringify({ intent: "acknowledge", __proto__: { polluted: true } }), headers: { "Content-Type": "application/json" } }),
  "broken multipart": () => ({ body: "--x\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nacknowledge", headers: { "Content-Type": "multipart/form-data; boundary=y" } }),
  empty: () => ({ headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
};

async function statusOf(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    return (result as { init?: { status?: number } | null } | null)?.init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describeEachDialect("staff actions and bodies that are not forms", (current) => {
  it("answers every staff action below 500, for every role", async () => {
    expect(actions.length).toBeGreaterThan(10);
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, Date.now(), { demoCases: 0 });
    const filed = await fileCase(services, { kind: "corruption_tip", categoryCode: "corruption.bribery", narrative: "เรียกรับเงินเพื่อเร่งการอนุมัติใบอนุญาต", details: {}, reporterRelation: "outside", files: [] }, { channel: "web" }, Date.now());
    if (!("receipt" in filed)) throw new Error(JSON.stringify(filed));
    const caseId = filed.receipt.caseId;
    const staff = await services.db.selectFrom("staff_users").select(["id", "role"]).execute();
    await services.db.updateTable("staff_users").set({ totp_enabled_at: Date.now(), totp_secret_encrypted: "enrolled" }).where("role", "in", ["executive", "admin", "audit_committee"]).execute();
    const cookie = staffSessionCookie(false);
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "non-form" } as AppLoadContext;

    for (const role of ["investigator", "supervisor", "executive", "admin", "auditor"] as StaffRole[]) {
      const { cookieValue } = await createSession(services.db, staff.find((member) => member.role === role)!.id, Date.now(), { mfaVerified: true });
      const sessionCookie = (await cookie.serialize(cookieValue)).split(";")[0]!;
      for (const { file, action } of actions) {
        for (const [name, body] of Object.entries(bodies)) {
          const init = body();
          const request = new Request(`http://localhost/staff/${caseId}`, { ...init, method: "POST", headers: { ...(init.headers as Record<string, string>), Cookie: sessionCookie } });
          const params = { caseId, attachmentId: "none", escalationId: "none", staffUserId: "none", categoryId: "none" };
          const status = await statusOf(() => action({ request, context, params } as unknown as ActionFunctionArgs));
          expect(status, `${role} · ${file} · ${name}`).toBeLessThan(500);
        }
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answers ids with NUL bytes and other junk in every staff page's address below 500, for every role", async () => {
    const services = testServices(current(), { SEED_DEMO_DATA: "true" });
    await prepareDatabase(services, Date.now(), { demoCases: 0 });
    const staff = await services.db.selectFrom("staff_users").select(["id", "role"]).execute();
    await services.db.updateTable("staff_users").set({ totp_enabled_at: Date.now(), totp_secret_encrypted: "enrolled" }).where("role", "in", ["executive", "admin", "audit_committee"]).execute();
    const cookie = staffSessionCookie(false);
    const context = { services, logger: services.logger, cspNonce: "", clientKey: "junk-ids" } as AppLoadContext;
    for (const role of ["supervisor", "executive", "admin", "auditor"] as StaffRole[]) {
      const { cookieValue } = await createSession(services.db, staff.find((member) => member.role === role)!.id, Date.now(), { mfaVerified: true });
      const sessionCookie = (await cookie.serialize(cookieValue)).split(";")[0]!;
      for (const junk of ["a\u0000b", "../../etc/passwd", "x".repeat(5_000), "ก\u0E34\u0E34"]) {
        const params = { caseId: junk, attachmentId: junk, escalationId: junk, staffUserId: junk, categoryId: junk };
        for (const { file, loader } of loaders) {
          const request = new Request("http://localhost/staff/junk", { headers: { Cookie: sessionCookie } });
          const status = await statusOf(() => loader({ request, context, params } as unknown as ActionFunctionArgs));
          expect(status, `${role} · ${file} · ${JSON.stringify(junk.slice(0, 20))}`).toBeLessThan(500);
        }
      }
    }
  });
});
