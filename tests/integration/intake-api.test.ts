import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { expect, it } from "vitest";
import { action } from "../../app/routes/api.v1.cases";
import { createApiToken, revokeApiToken } from "../../app/intake/api-tokens.server";
import { prepareDatabase } from "../../app/startup.server";
import type { AppServices } from "../../app/services.server";
import { readTrackingCode } from "../../app/tracking/tracking-code";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";

function post(services: AppServices, body: unknown, headers: Record<string, string>) {
  const request = new Request("http://localhost/api/v1/cases", {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const context = { services, logger: services.logger, cspNonce: "", clientKey: "test" } satisfies AppLoadContext;
  return action({ request, context, params: {} } as ActionFunctionArgs);
}

const lineTip = {
  kind: "corruption_tip",
  categoryCode: "corruption.procurement",
  whatHappened: "มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงการประกวดราคา ในโครงการปรับปรุงอาคาร",
  reporterRelation: "outside",
};

describeEachDialect("the intake API", (current) => {
  async function withToken(channel: "line" | "phone" = "line") {
    const services = testServices(current());
    await prepareDatabase(services, 0);
    const { token, id } = await createApiToken(services.db, { name: "LINE OA", channel }, 0);
    return { services, token, tokenId: id };
  }

  it("files a case for its channel and answers 201 with the reference, code and deadlines", async () => {
    const { services, token, tokenId } = await withToken();
    const response = await post(services, lineTip, { Authorization: `Bearer ${token}` });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { reference: string; trackingCode: string; deadlines: Record<string, string> };
    expect(body.reference).toMatch(/^PS-25\d\d-000001$/);
    expect("code" in readTrackingCode(body.trackingCode)).toBe(true);
    expect(Object.keys(body.deadlines)).toEqual(["acknowledge", "firstResponse", "resolve"]);
    expect(new Date(body.deadlines.acknowledge!).getTime()).toBeGreaterThan(Date.now());
    const row = await services.db.selectFrom("cases").select(["channel", "kind"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: "line", kind: "corruption_tip" });
    const event = await services.db.selectFrom("case_events").select(["actor_type", "actor_id"]).executeTakeFirstOrThrow();
    expect(event).toEqual({ actor_type: "api", actor_id: tokenId });
  });

  it("files complaints with the same schema as the web form", async () => {
    const { services, token } = await withToken("phone");
    const response = await post(
      services,
      { kind: "complaint", categoryCode: "complaint.staff_conduct", details: "เจ้าหน้าที่พูดจาไม่สุภาพที่จุดบริการ", identity: "named", name: "ผู้ร้อง", phone: "0812345678", consent: true },
      { Authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(201);
  });

  it("answers 400 with translated field errors, and files nothing", async () => {
    const { services, token } = await withToken();
    const response = await post(services, { ...lineTip, whatHappened: "สั้น", reporterRelation: "boss" }, { Authorization: `Bearer ${token}`, "Accept-Language": "en-US" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_input",
      fieldErrors: {
        whatHappened: [{ code: "validation.describeMore", message: "Please describe it in more detail so our staff can act on it" }],
        reporterRelation: [{ code: "validation.chooseOne", message: "Please choose one" }],
      },
    });
    const thai = await post(services, { kind: "complaint", categoryCode: "complaint.staff_conduct", details: "รายละเอียดเพียงพอแล้ว", identity: "named" }, { Authorization: `Bearer ${token}` });
    expect(thai.status).toBe(400);
    const { fieldErrors } = (await thai.json()) as { fieldErrors: Record<string, Array<{ message: string }>> };
    expect(fieldErrors.name?.[0]?.message).toBe("กรุณากรอกข้อมูลช่องนี้");
    expect(Object.keys(fieldErrors).sort()).toEqual(["consent", "email", "name"]);
    expect((await post(services, "{not json", { Authorization: `Bearer ${token}` })).status).toBe(400);
    expect((await post(services, { ...lineTip, categoryCode: "complaint.staff_conduct" }, { Authorization: `Bearer ${token}` })).status).toBe(400);
    expect(await services.db.selectFrom("cases").select("id").execute()).toEqual([]);
  });

  it("answers 401 without a valid token", async () => {
    const { services, token, tokenId } = await withToken();
    const attempts: Array<Record<string, string>> = [{}, { Authorization: "Bearer psk_not-a-real-token" }, { Authorization: token }, { Authorization: `Basic ${token}` }];
    for (const headers of attempts) {
      const response = await post(services, lineTip, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toContain("Bearer");
    }
    await revokeApiToken(services.db, tokenId, 1);
    expect((await post(services, lineTip, { Authorization: `Bearer ${token}` })).status).toBe(401);
    expect(await services.db.selectFrom("cases").select("id").execute()).toEqual([]);
  });

  it("stores only a digest of the token", async () => {
    const { services, token } = await withToken();
    const rows = await services.db.selectFrom("api_tokens").selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
  });
});
