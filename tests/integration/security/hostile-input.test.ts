import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import fc from "fast-check";
import { expect, it } from "vitest";
import { createApiToken } from "../../../app/intake/api-tokens.server";
import { readOutboxPayload } from "../../../app/notify/outbox.server";
import { action as apiAction } from "../../../app/routes/api.v1.cases";
import { action as contactAction } from "../../../app/routes/contact";
import { action as languageAction } from "../../../app/routes/language";
import { action as reportAction } from "../../../app/routes/report";
import { action as trackAction } from "../../../app/routes/track";
import type { AppServices } from "../../../app/services.server";
import { prepareDatabase } from "../../../app/startup.server";
import { listMessages } from "../../../app/i18n/translate";
import { describeEachDialect } from "../../support/databases";
import { testServices } from "../../support/services";

/*
 * Issue 7: malformed, huge, wrongly typed and hostile input at every public form and at the API.
 * Whatever arrives, the answer is a success or a 4xx that says what to fix, never a 5xx and never
 * a thrown error; hostile text that is stored comes back as the same text (it is data, never
 * markup), and the e-mails that filings queue hold none of it.
 */

const scriptLike = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "<svg/onload=alert(1)>",
  "javascript:alert(1)",
  "</textarea><script>document.location='//evil.example'</script>",
];

const hostileStrings: string[] = [
  ...scriptLike,
  "' OR '1'='1' --",
  "'; DROP TABLE cases; --",
  "1; SELECT pg_sleep(10)",
  "\\' UNION SELECT password_hash FROM staff_users --",
  "ก\u0E34\u0E34\u0E34\u0E34\u0E49\u0E49\u0E49",
  "ผู้อำนวยการ\u0E31\u0E31\u0E31 สั่ง\u200B\u200C\u200D",
  "abc\u0000def",
  "\u0000",
  "\uD800",
  "x\uDFFFy",
  "\u202Egnp.exe",
  "\u202B\u0627\u0644\u0639\u0631\u0628\u064A\u0629\u202C",
  "\uFEFF\uFFFE\uFFFF",
  "🏳️‍🌈👨‍👩‍👧‍👦",
  "__proto__",
  "constructor",
  "prototype",
  "%00%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "../../../../etc/passwd",
  "${7*7}{{7*7}}",
  "\r\nSet-Cookie: x=y",
  "",
  " ",
  "0",
  "-1",
  "1e309",
  "NaN",
  "true",
  "null",
  "[object Object]",
];

/** Stands for a 1 MB string until the request is built, so a failing case prints in a few lines. */
const hugeMarker = "<<one megabyte of Thai>>";
const oneMegabyte = "ก".repeat(1024 * 1024);
const expand = (text: string) => text.replaceAll(hugeMarker, oneMegabyte);

/** A form carries text as UTF-8, so a lone surrogate arrives as U+FFFD, as from any browser. */
const asSent = (text: string) => Buffer.from(text, "utf8").toString("utf8");

const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...hostileStrings) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom("ก", "\u0E34", "\u0E49", "\u0000", "<", ">", "'", '"', "&", "\u202E", "a"), maxLength: 60 }) },
  // Long enough to pass the minimum lengths, so hostile text is stored and not only refused.
  { weight: 2, arbitrary: fc.constantFrom(...scriptLike).map((script) => `${script} ${"ข้อความยาวพอ ".repeat(4)}`) },
  { weight: 1, arbitrary: fc.constant(hugeMarker) },
);

/** What a form field may be sent as: a string, the same name twice (an array), a file, or missing. */
const fieldValue = fc.oneof(
  { weight: 6, arbitrary: hostileString.map((text) => [text]) },
  { weight: 1, arbitrary: fc.array(hostileString, { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: hostileString.map((text) => [new File([text], "<script>.html", { type: "text/html" })]) },
  { weight: 1, arbitrary: fc.constant([] as Array<string | File>) },
);

const hostileNames = ["__proto__", "constructor", "prototype", "__proto__.polluted", "code[0]", "a.b", "intent", "website", "évidence", "\u0000"];

function formArbitrary(validValues: Record<string, readonly string[]>) {
  const known = Object.fromEntries(
    Object.entries(validValues).map(([name, values]) => [name, fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...values).map((value) => [value] as Array<string | File>) }, { weight: 3, arbitrary: fieldValue })]),
  );
  return fc.record({
    fields: fc.record(known),
    extra: fc.array(fc.tuple(fc.constantFrom(...hostileNames), fieldValue), { maxLength: 3 }),
    encoding: fc.constantFrom("multipart", "urlencoded", "garbage"),
  });
}

type GeneratedForm = { fields: Record<string, Array<string | File>>; extra: Array<[string, Array<string | File>]>; encoding: "multipart" | "urlencoded" | "garbage" };

function requestOf(url: string, form: GeneratedForm): Request {
  const entries: Array<[string, string | File]> = [];
  for (const [name, values] of [...Object.entries(form.fields), ...form.extra]) for (const value of values) entries.push([expand(name), typeof value === "string" ? expand(value) : value]);
  if (form.encoding === "garbage") {
    return new Request(url, { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=----x" }, body: `------x\r\nContent-Disposition: form-data; name="${entries[0]?.[0] ?? ""}"\r\n\r\n${String(entries[0]?.[1] ?? "")}` });
  }
  if (form.encoding === "urlencoded") {
    const body = new URLSearchParams();
    for (const [name, value] of entries) body.append(name, typeof value === "string" ? value : value.name);
    return new Request(url, { method: "POST", body });
  }
  const body = new FormData();
  for (const [name, value] of entries) body.append(name, value);
  return new Request(url, { method: "POST", body });
}

type Action = (args: ActionFunctionArgs) => unknown;

/** Runs a route action as Remix would, and reduces whatever it answers to a status and a body. */
async function run(action: Action, request: Request, services: AppServices, clientKey: string): Promise<{ status: number; body: unknown }> {
  const context = { services, logger: services.logger, cspNonce: "", clientKey } satisfies AppLoadContext;
  let outcome: unknown;
  try {
    outcome = await action({ request, context, params: {} } as ActionFunctionArgs);
  } catch (thrown) {
    // A thrown Response is how Remix routes refuse; anything else would be a 500.
    if (!(thrown instanceof Response)) throw thrown;
    outcome = thrown;
  }
  if (outcome instanceof Response) {
    const text = await outcome.text();
    return { status: outcome.status, body: text };
  }
  // `data()` from single fetch: the body and the response init.
  const result = outcome as { data: unknown; init: { status?: number } | null };
  return { status: result.init?.status ?? 200, body: result.data };
}

const messageKeys = new Set(listMessages("th").keys());

/** Every field error a form sends back is a key of the dictionaries, so the page can translate it. */
function expectTranslatedErrors(body: unknown) {
  const result = (body as { result?: { error?: Record<string, string[] | null> } ; lookup?: { error?: Record<string, string[] | null> } }) ?? {};
  const errors = result.result?.error ?? result.lookup?.error ?? {};
  for (const messages of Object.values(errors)) {
    for (const message of messages ?? []) {
      // A message with values carries them after the key (app/ui/form-messages.ts).
      const key = message.split("?")[0]!;
      expect(messageKeys.has(key), `untranslatable error ${JSON.stringify(message)}`).toBe(true);
    }
  }
}

function expectNeverServerError(outcome: { status: number }) {
  expect(outcome.status).toBeGreaterThanOrEqual(200);
  expect(outcome.status).toBeLessThan(500);
}

async function expectNoScriptInOutbox(services: AppServices) {
  const rows = await services.db.selectFrom("outbox").select(["id", "kind", "payload_encrypted"]).execute();
  for (const row of rows) {
    const payload = JSON.stringify(readOutboxPayload(services.secrets.keyring, row));
    expect(payload).not.toMatch(/<script|onerror=|onload=|javascript:/i);
  }
}

const runs = { forms: 60, track: 60, language: 80, api: 60 };

describeEachDialect("hostile input at the public forms and the API", (current) => {
  async function ready() {
    const services = testServices(current());
    await prepareDatabase(services, 0);
    return services;
  }

  it("the corruption tip form answers every body with a success or a translated 4xx", async () => {
    const services = await ready();
    // Hostile but valid: stored as the reporter wrote it, and its e-mail (to a named reporter) holds none of it.
    const hostile = { categoryCode: "corruption.abuse_of_power", whatHappened: `${scriptLike[0]} ก\u0E34\u0E34\u0E34 \u202Eabc\u0000 ' OR 1=1 --`, reporterRelation: "staff", giveContact: "on", contactName: scriptLike[1]!, contactEmail: "somchai@example.org" };
    const filed = await run(reportAction, requestOf("http://localhost/report", { fields: Object.fromEntries(Object.entries(hostile).map(([name, value]) => [name, [value]])), extra: [], encoding: "multipart" }), services, "hostile");
    expect(filed.status).toBe(200);
    await fc.assert(
      fc.asyncProperty(
        formArbitrary({ categoryCode: ["corruption.abuse_of_power", "corruption.procurement"], whatHappened: ["ผู้อำนวยการสั่งให้ใช้รถราชการไปงานส่วนตัว"], reporterRelation: ["staff", "outside"], giveContact: ["on"], contactName: ["สมชาย"], contactEmail: ["somchai@example.org"] }),
        fc.nat(),
        async (form, client) => {
          const outcome = await run(reportAction, requestOf("http://localhost/report", form as GeneratedForm), services, `fuzz-${client}`);
          expectNeverServerError(outcome);
          if (outcome.status !== 200) expectTranslatedErrors(outcome.body);
        },
      ),
      { numRuns: runs.forms },
    );
    await expectNoScriptInOutbox(services);
  });

  it("the contact form answers every body with a success or a translated 4xx", async () => {
    const services = await ready();
    await fc.assert(
      fc.asyncProperty(
        formArbitrary({
          kind: ["complaint", "question"],
          categoryCode: ["complaint.staff_conduct"],
          details: ["เจ้าหน้าที่พูดจาไม่สุภาพที่จุดบริการ"],
          identity: ["named", "anonymous"],
          name: ["ผู้ร้อง"],
          email: ["reporter@example.org"],
          phone: ["0812345678"],
          consent: ["on"],
        }),
        fc.nat(),
        async (form, client) => {
          const outcome = await run(contactAction, requestOf("http://localhost/contact", form as GeneratedForm), services, `fuzz-${client}`);
          expectNeverServerError(outcome);
          if (outcome.status !== 200) expectTranslatedErrors(outcome.body);
        },
      ),
      { numRuns: runs.forms },
    );
    await expectNoScriptInOutbox(services);
  });

  it("the tracking page (lookup, reply, evidence) answers every body with a success or a translated 4xx, and keeps hostile replies as text", async () => {
    const services = await ready();
    const filing = new FormData();
    for (const [name, value] of Object.entries({ categoryCode: "corruption.procurement", whatHappened: "มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงการประกวดราคา", reporterRelation: "outside" })) filing.set(name, value);
    const receipt = await run(reportAction, new Request("http://localhost/report", { method: "POST", body: filing }), services, "filer");
    const trackingCode = (receipt.body as { receipt: { trackingCode: string } }).receipt.trackingCode;
    const hostileReply = new FormData();
    for (const [name, value] of Object.entries({ code: trackingCode, intent: "reply", message: `${scriptLike[1]} ก\u0E34\u0E34\u0E34 \u0000\u202E \uD800 '; DROP TABLE messages; --` })) hostileReply.set(name, value);
    const replied = await run(trackAction, new Request("http://localhost/track", { method: "POST", body: hostileReply }), services, "replier");
    expect((replied.body as { notice?: string }).notice).toBe("replied");
    const stored: string[] = [asSent(String(hostileReply.get("message")))];
    await fc.assert(
      fc.asyncProperty(
        formArbitrary({ intent: ["open", "reply", "evidence"], code: [trackingCode, trackingCode.toLowerCase().replaceAll("-", " ")], message: scriptLike }),
        fc.nat(),
        async (form, client) => {
          const generated = form as GeneratedForm;
          const outcome = await run(trackAction, requestOf("http://localhost/track", generated), services, `fuzz-${client}`);
          expectNeverServerError(outcome);
          if (outcome.status >= 400) expectTranslatedErrors(outcome.body);
          const body = outcome.body as { notice?: string };
          const message = generated.fields.message?.[0];
          if (body.notice === "replied" && typeof message === "string") stored.push(asSent(message.trim()));
        },
      ),
      { numRuns: runs.track },
    );
    // What was stored reads back exactly as sent: text, not markup, neither mangled nor encoded.
    const open = new FormData();
    open.set("code", trackingCode);
    const view = await run(trackAction, new Request("http://localhost/track", { method: "POST", body: open }), services, "reader");
    const bodies = (view.body as { view: { messages: Array<{ body: string }> } }).view.messages.map((message) => message.body);
    for (const text of stored) expect(bodies).toContain(text);
    await expectNoScriptInOutbox(services);
  });

  it("the language switch answers every body with a redirect to a path of ours", async () => {
    const services = await ready();
    await fc.assert(
      fc.asyncProperty(formArbitrary({ locale: ["th", "en"], returnTo: ["/track", "//evil.example", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"] }), async (form) => {
        const outcome = await run(languageAction as Action, requestOf("http://localhost/language", form as GeneratedForm), services, "fuzz");
        expect(outcome.status).toBe(303);
      }),
      { numRuns: runs.language },
    );
    // The redirect target itself: always a path on this origin.
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.constantFrom("//evil.example", "/\\evil.example", "https:evil.example", "/%2F%2Fevil.example", "\\\\evil.example")), async (returnTo) => {
        const body = new FormData();
        body.set("locale", "en");
        body.set("returnTo", returnTo);
        const request = new Request("http://localhost/language", { method: "POST", body });
        const context = { services, logger: services.logger, cspNonce: "", clientKey: "fuzz" } satisfies AppLoadContext;
        const response = (await languageAction({ request, context, params: {} } as ActionFunctionArgs)) as Response;
        const location = response.headers.get("Location") ?? "";
        expect(new URL(location, "http://localhost").origin).toBe("http://localhost");
        expect(location.startsWith("/")).toBe(true);
        expect(location).not.toMatch(/^\/[/\\]/);
      }),
      { numRuns: runs.language },
    );
  });

  it("the intake API answers every JSON body, token and header with a 2xx or a 4xx that names the problem", async () => {
    const services = await ready();
    const { token } = await createApiToken(services.db, { name: "LINE OA", channel: "line" }, 0);
    const hostileTip = { kind: "corruption_tip", categoryCode: "corruption.procurement", whatHappened: `${scriptLike[0]} ก\u0E34\u0E34\u0E34 \u0000 '; DROP TABLE cases; --`, reporterRelation: "outside", __proto__: { polluted: true } };
    const accepted = await run(apiAction, new Request("http://localhost/api/v1/cases", { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(hostileTip) }), services, "api");
    expect(accepted.status).toBe(201);
    const headerSafe = fc.string({ unit: fc.constantFrom(..."abcXYZ019 -_.:/+=\"'<>;,`~!@#$%^&*()[]{}|"), maxLength: 80 });
    const authorization = fc.oneof(
      { weight: 4, arbitrary: fc.constant(`Bearer ${token}`) },
      { weight: 1, arbitrary: headerSafe },
      { weight: 1, arbitrary: headerSafe.map((value) => `Bearer ${value}`) },
      { weight: 1, arbitrary: fc.constantFrom(`Bearer ${token}x`, `bearer ${token}`, `Basic ${token}`, `Bearer  ${token}`, "Bearer", "", `Bearer ${token.slice(0, -1)}`) },
    );
    const jsonValue = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(hostileString, { maxLength: 3 }), fc.dictionary(fc.constantFrom(...hostileNames), hostileString, { maxKeys: 3 }));
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc
          .record({
            kind: fc.oneof(fc.constantFrom("corruption_tip", "complaint", "question"), jsonValue),
            categoryCode: fc.oneof(fc.constantFrom("corruption.procurement", "complaint.staff_conduct"), jsonValue),
            whatHappened: fc.oneof(fc.constant("มีการแบ่งซื้อแบ่งจ้างเพื่อหลีกเลี่ยงการประกวดราคา"), jsonValue),
            details: fc.oneof(fc.constant("เจ้าหน้าที่พูดจาไม่สุภาพที่จุดบริการ"), jsonValue),
            reporterRelation: fc.oneof(fc.constant("outside"), jsonValue),
            identity: fc.oneof(fc.constantFrom("named", "anonymous"), jsonValue),
            name: fc.oneof(fc.constant("ผู้ร้อง"), jsonValue),
            phone: fc.oneof(fc.constant("0812345678"), jsonValue),
            consent: fc.oneof(fc.constant(true), jsonValue),
          }, { requiredKeys: [] })
          .map((value) => JSON.stringify(value)),
      },
      { weight: 1, arbitrary: jsonValue.map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"polluted":true},"kind":"complaint"}', '{"constructor":{"prototype":{"polluted":true}}}', "{", "[]", "null", '"x"', "1e309", "\u0000", "") },
      { weight: 1, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constant(JSON.stringify({ kind: "complaint", details: hugeMarker })) },
    );
    const contentType = fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "");
    await fc.assert(
      fc.asyncProperty(authorization, body, contentType, fc.constantFrom("th", "en", ""), async (auth, text, type, language) => {
        const headers: Record<string, string> = { Authorization: auth, "Accept-Language": language };
        if (type) headers["Content-Type"] = type;
        const request = new Request("http://localhost/api/v1/cases", { method: "POST", headers, body: expand(text) });
        const outcome = await run(apiAction, request, services, "api");
        expectNeverServerError(outcome);
        const parsed = JSON.parse(outcome.body as string) as { error?: string; fieldErrors?: Record<string, Array<{ code: string; message: string }>> };
        if (outcome.status !== 201) expect(parsed.error).toMatch(/^[a-z_]+$/);
        for (const errors of Object.values(parsed.fieldErrors ?? {})) {
          for (const error of errors) {
            expect(messageKeys.has(error.code), error.code).toBe(true);
            expect(error.message).not.toBe(error.code);
          }
        }
      }),
      { numRuns: runs.api },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expectNoScriptInOutbox(services);
  });
});
