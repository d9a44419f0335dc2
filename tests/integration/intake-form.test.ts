import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { expect, it } from "vitest";
import { action as contactAction, loader as contactLoader } from "../../app/routes/contact";
import { action as reportAction, loader as reportLoader } from "../../app/routes/report";
import { prepareDatabase } from "../../app/startup.server";
import type { AppServices } from "../../app/services.server";
import { createTranslator } from "../../app/i18n/translate";
import { translateFormMessage } from "../../app/ui/form-messages";
import { describeEachDialect } from "../support/databases";
import { pdfWithAttachedFile } from "../support/evidence-files";
import { queryRecorder } from "../support/query-recorder";
import { testServices } from "../support/services";

/** What single fetch hands back from `data()`: the body and the response init. */
type DataResult = { data: Record<string, unknown>; init: { status?: number } | null };

function contextOf(services: AppServices, clientKey = "client"): AppLoadContext {
  return { services, logger: services.logger, cspNonce: "", clientKey };
}

function postTip(services: AppServices, fields: Record<string, string>, clientKey = "client", evidence: File[] = []) {
  const context = contextOf(services, clientKey);
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const file of evidence) form.append("evidence", file);
  const request = new Request("http://localhost/report", { method: "POST", body: form });
  return reportAction({ request, context, params: {} } as ActionFunctionArgs) as unknown as Promise<DataResult>;
}

const tip = {
  categoryCode: "corruption.abuse_of_power",
  whatHappened: "ผู้อำนวยการสั่งให้ใช้รถราชการไปงานส่วนตัวเป็นประจำทุกสุดสัปดาห์",
  reporterRelation: "staff",
};

describeEachDialect("the corruption tip form", (current) => {
  async function ready() {
    const services = testServices(current());
    await prepareDatabase(services, 0);
    return services;
  }

  it("files a tip and answers with its receipt", async () => {
    const services = await ready();
    const result = await postTip(services, tip);
    expect(result.init?.status).toBe(200);
    expect(result.data.receipt).toMatchObject({ kind: "corruption_tip", reference: expect.stringMatching(/^PS-/), trackingCode: expect.stringMatching(/^[0-9A-Z-]{23}$/) });
  });

  it("refuses a filled honeypot and stores nothing", async () => {
    const services = await ready();
    const result = await postTip(services, { ...tip, website: "http://spam.example" });
    expect(result.init?.status).toBe(400);
    expect(JSON.stringify(result.data)).toContain("validation.submissionRefused");
    expect(await services.db.selectFrom("cases").select("id").execute()).toEqual([]);
  });

  it("throttles a client that files too often, keeping what it typed, and no one else", async () => {
    const services = await ready();
    for (let filing = 0; filing < services.throttles.submissions.limit; filing += 1) {
      expect((await postTip(services, tip, "flooder")).init?.status).toBe(200);
    }
    const refused = await postTip(services, tip, "flooder");
    expect(refused.init?.status).toBe(429);
    expect(JSON.stringify(refused.data)).toContain(tip.whatHappened);
    expect((await postTip(services, tip, "someone-else")).init?.status).toBe(200);
    expect(await services.db.selectFrom("cases").select("id").execute()).toHaveLength(services.throttles.submissions.limit + 1);
  });

  it("sends the form back with translated keys next to the fields and the typed values", async () => {
    const services = await ready();
    const result = await postTip(services, { ...tip, whatHappened: "สั้น", whereHappened: "ชั้น 4" });
    expect(result.init?.status).toBe(400);
    const reply = result.data.result as { error: Record<string, string[]>; initialValue: Record<string, string> };
    expect(reply.error.whatHappened).toEqual(["validation.describeMore"]);
    expect(reply.initialValue).toMatchObject({ whatHappened: "สั้น", whereHappened: "ชั้น 4" });
  });

  it("refuses a PDF that carries files, saying why and what to do in Thai, keeping what was typed and storing nothing", async () => {
    const services = await ready();
    const result = await postTip(services, { ...tip, whereHappened: "กองคลัง ชั้น 4" }, "client", [await pdfWithAttachedFile("สัญญา.pdf")]);
    expect(result.init?.status).toBe(400);
    const reply = result.data.result as { error: Record<string, string[]>; initialValue: Record<string, string> };
    const thai = createTranslator("th");
    expect(reply.error.evidence?.map((message) => translateFormMessage(thai, message))).toEqual([
      "ไม่รับไฟล์ สัญญา.pdf เพราะเป็นไฟล์ PDF ที่มีไฟล์อื่นแนบอยู่ภายใน ซึ่งระบบลบข้อมูลแฝงออกไม่ได้ กรุณาแนบไฟล์เหล่านั้นแยกต่างหาก หรือสั่งพิมพ์ (Print) ไฟล์ PDF นี้เป็นไฟล์ PDF ใหม่ แล้วแนบไฟล์ใหม่แทน",
    ]);
    expect(Object.values(reply.error).flat()).toContain("validation.chooseFilesAgain");
    expect(reply.initialValue).toMatchObject({ whatHappened: tip.whatHappened, whereHappened: "กองคลัง ชั้น 4", reporterRelation: "staff" });
    expect(await services.db.selectFrom("cases").select("id").execute()).toEqual([]);
    expect(await services.db.selectFrom("attachments").select("id").execute()).toEqual([]);
  });
});

describeEachDialect("the filing pages' loaders after a receipt", (current) => {
  const filingPages: Array<{ path: string; action: typeof reportAction | typeof contactAction; loader: typeof reportLoader | typeof contactLoader; filed: Record<string, string>; sentBack: Record<string, string> }> = [
    { path: "/report", action: reportAction, loader: reportLoader, filed: tip, sentBack: { ...tip, whatHappened: "สั้น" } },
    {
      path: "/contact",
      action: contactAction,
      loader: contactLoader,
      filed: { kind: "complaint", categoryCode: "complaint.staff_conduct", details: "เจ้าหน้าที่พูดจาไม่สุภาพที่จุดบริการชั้นหนึ่ง", identity: "anonymous" },
      sentBack: { kind: "complaint", categoryCode: "complaint.staff_conduct", details: "สั้น", identity: "anonymous" },
    },
  ];

  for (const page of filingPages) {
    it(`${page.path} reads no categories after a receipt (Remix runs the loader with the action's context), and does for a form sent back`, async () => {
      const services = testServices(current());
      await prepareDatabase(services, 0);
      const recorder = queryRecorder(services.db);
      const recording = { ...services, db: recorder.db };
      const send = (fields: Record<string, string>, context: AppLoadContext) => {
        const form = new FormData();
        for (const [name, value] of Object.entries(fields)) form.set(name, value);
        const request = new Request(`http://localhost${page.path}`, { method: "POST", body: form });
        return page.action({ request, context, params: {} } as ActionFunctionArgs) as unknown as Promise<DataResult>;
      };
      const load = (context: AppLoadContext) => page.loader({ request: new Request(`http://localhost${page.path}`), context, params: {} } as LoaderFunctionArgs);

      const filed = contextOf(recording);
      expect((await send(page.filed, filed)).init?.status).toBe(200);
      const statementsBefore = recorder.compiled().length;
      expect((await load(filed)).categories).toEqual([]);
      expect(recorder.compiled()).toHaveLength(statementsBefore);

      const sentBack = contextOf(recording);
      expect((await send(page.sentBack, sentBack)).init?.status).toBe(400);
      expect((await load(sentBack)).categories.map((category) => category.code)).toContain(page.filed.categoryCode);
    });
  }
});
