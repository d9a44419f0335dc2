import crypto from "node:crypto";
import { delay, http, HttpResponse } from "msw";
import { afterEach, expect, it } from "vitest";
import type { Alert } from "../../app/alerts/alert";
import { enqueueAlert } from "../../app/alerts/enqueue-alert.server";
import { linePushEndpoint } from "../../app/alerts/line-push.server";
import { verifyWebhookSignature } from "../../app/alerts/webhook-signature.server";
import { createWebhook, deleteWebhook, listWebhooks, recentWebhookDeliveries, sendWebhookTestEvent, setWebhookActive } from "../../app/alerts/webhooks.server";
import { dispatchDueMessages, type DispatchResult } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport } from "../../app/notify/mail-transport.server";
import type { AppServices } from "../../app/services.server";
import { describeEachDialect } from "../support/databases";
import { outboundHttp } from "../support/outbound-http";
import { testServices } from "../support/services";

const receiverUrl = "https://hooks.example.go.th/prongsai";
const otherReceiverUrl = "https://tasks.example.go.th/inbox";
const lineGroup = `C${"4f".repeat(16)}`;
const lineUser = `U${"a1".repeat(16)}`;
const lineSettings = { LINE_CHANNEL_ACCESS_TOKEN: "line-channel-access-token-for-tests", LINE_TARGET_IDS: `${lineGroup},${lineUser}` };
const adminId = "admin-of-the-test";
const at = Date.UTC(2026, 2, 10, 3, 0, 0);
/** No jitter: retry times become exact. */
const noJitter = () => 0.5;

const breach: Alert = {
  type: "sla_breach",
  caseId: "9b1f6a3e-2c4d-4e5f-8a7b-1c2d3e4f5a6b",
  reference: "PS-2569-000042",
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  priority: "high",
  clock: "resolve",
  dueAt: Date.UTC(2026, 2, 9, 10, 0, 0),
};
const escalation: Alert = {
  type: "escalation",
  caseId: breach.caseId,
  reference: breach.reference,
  kind: "corruption_tip",
  categoryCode: "corruption.bribery",
  priority: "critical",
  rule: "critical_priority",
  routedToRole: "executive",
  escalatedAt: at,
};

interface ReceivedCall {
  headers: Headers;
  body: string;
}

describeEachDialect("outbound alerts: webhooks and LINE", (current) => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function dispatch(services: AppServices, now: number): Promise<DispatchResult> {
    const transport = createMailTransport(services.config, services.logger);
    cleanups.push(() => transport.close());
    return dispatchDueMessages(services, transport, now, { random: noJitter });
  }

  async function register(services: AppServices, url = receiverUrl, events: Array<"sla_breach" | "escalation"> = ["sla_breach", "escalation"]) {
    const created = await createWebhook(services, adminId, { name: "ระบบติดตามงาน", url, events }, at);
    if (!("secret" in created)) throw new Error(`could not register ${url}: ${created.problem}`);
    return created;
  }

  function raise(services: AppServices, alert: Alert = breach, now = at) {
    return services.db.transaction().execute((transaction) => enqueueAlert(transaction, services, alert, now));
  }

  function outboxRows(services: AppServices) {
    return services.db.selectFrom("outbox").selectAll().orderBy("created_at").orderBy("kind").execute();
  }

  /** A receiver that answers each call with the next status of `statuses` (the last one repeats). */
  function receiver(url: string, statuses: number[]): ReceivedCall[] {
    const calls: ReceivedCall[] = [];
    outboundHttp.use(
      http.post(url, async ({ request }) => {
        calls.push({ headers: request.headers, body: await request.text() });
        const status = statuses[Math.min(calls.length - 1, statuses.length - 1)]!;
        return new HttpResponse(null, { status });
      }),
    );
    return calls;
  }

  it("writes one outbox row per subscribed, active webhook and per LINE chat, in the caller's transaction", async () => {
    const services = testServices(current(), lineSettings);
    const both = await register(services);
    const escalationsOnly = await register(services, otherReceiverUrl, ["escalation"]);
    const disabled = await register(services, "https://old.example.go.th/hook");
    await setWebhookActive(services, adminId, disabled.webhook.id, false, at);

    const enqueued = await raise(services, breach);
    expect(enqueued).toMatchObject({ webhookCalls: 1, linePushes: 2 });
    const rows = await outboxRows(services);
    expect(rows.map((row) => row.kind).sort()).toEqual(["line", "line", "webhook"]);
    const deliveries = await services.db.selectFrom("webhook_deliveries").selectAll().execute();
    expect(deliveries).toEqual([expect.objectContaining({ webhook_id: both.webhook.id, event_id: enqueued.eventId, event_type: "sla_breach" })]);
    expect(JSON.stringify(rows)).not.toContain(breach.reference);

    await raise(services, escalation);
    const afterEscalation = await services.db.selectFrom("webhook_deliveries").select("webhook_id").where("event_type", "=", "escalation").execute();
    expect(afterEscalation.map((row) => row.webhook_id).sort()).toEqual([both.webhook.id, escalationsOnly.webhook.id].sort());

    const countBefore = (await outboxRows(services)).length;
    await expect(
      services.db.transaction().execute(async (transaction) => {
        await enqueueAlert(transaction, services, breach, at);
        throw new Error("the sweep failed after writing its alert");
      }),
    ).rejects.toThrow("the sweep failed");
    expect(await outboxRows(services)).toHaveLength(countBefore);
  });

  it("refuses an alert that carries anything but metadata", async () => {
    const services = testServices(current(), lineSettings);
    await register(services);
    const leaky = { ...breach, narrative: "เรียกรับเงินเพื่อเร่งการอนุมัติใบอนุญาต" } as Alert;
    await expect(raise(services, leaky)).rejects.toThrow();
    const freeTextInAField = { ...escalation, rule: "manual: นายสมชาย ใจดี เป็นผู้แจ้ง" } as Alert;
    await expect(raise(services, freeTextInAField)).rejects.toThrow();
    expect(await outboxRows(services)).toEqual([]);
  });

  it("POSTs JSON signed with the webhook's secret, with an event id, and nothing but metadata", async () => {
    const services = testServices(current());
    const { secret } = await register(services);
    const calls = receiver(receiverUrl, [204]);
    const { eventId } = await raise(services, breach);

    expect(await dispatch(services, at)).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call!.headers.get("content-type")).toContain("application/json");
    expect(call!.headers.get("prongsai-event-id")).toBe(eventId);

    // The receiver's check, done here by hand as docs/OPERATIONS.md tells receivers to.
    const signature = call!.headers.get("prongsai-signature")!;
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature);
    expect(match).not.toBeNull();
    const expected = crypto.createHmac("sha256", secret).update(`${match![1]}.${call!.body}`).digest("hex");
    expect(match![2]).toBe(expected);
    expect(Math.abs(Number(match![1]) - Date.now() / 1000)).toBeLessThan(300);
    expect(verifyWebhookSignature(secret, signature, call!.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature("whsec_another", signature, call!.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifyWebhookSignature(secret, signature, call!.body, Math.floor(Date.now() / 1000) + 301)).toBe(false);

    const event = JSON.parse(call!.body) as Record<string, Record<string, unknown>>;
    expect(Object.keys(event).sort()).toEqual(["case", "id", "occurredAt", "slaBreach", "type"]);
    expect(Object.keys(event.case!).sort()).toEqual(["categoryCode", "id", "kind", "priority", "reference", "url"]);
    expect(event).toEqual({
      id: eventId,
      type: "sla_breach",
      occurredAt: new Date(at).toISOString(),
      case: { id: breach.caseId, reference: breach.reference, kind: "corruption_tip", categoryCode: "corruption.bribery", priority: "high", url: `${services.config.publicBaseUrl}/staff/cases/${breach.caseId}` },
      slaBreach: { clock: "resolve", dueAt: new Date(breach.dueAt).toISOString() },
    });

    const [delivery] = await recentWebhookDeliveries(services.db);
    expect(delivery).toMatchObject({ eventType: "sla_breach", status: "sent", attempts: 0 });
  });

  it("retries a 500 with the outbox backoff and delivers exactly once, under the same event id", async () => {
    const services = testServices(current());
    await register(services);
    const calls = receiver(receiverUrl, [500, 200]);
    const { eventId } = await raise(services, escalation);

    expect(await dispatch(services, at)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const [waiting] = await outboxRows(services);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1 });
    expect(waiting!.last_error).toContain("HTTP 500");
    expect(Number(waiting!.next_attempt_at)).toBeGreaterThanOrEqual(at + 30_000);

    // Not due yet: nothing is sent before the backoff has passed.
    expect(await dispatch(services, Number(waiting!.next_attempt_at) - 1)).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(await dispatch(services, Number(waiting!.next_attempt_at))).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(await dispatch(services, Number(waiting!.next_attempt_at) + 3_600_000)).toEqual({ sent: 0, retried: 0, dead: 0 });

    expect(calls).toHaveLength(2);
    expect(calls.map((call) => call.headers.get("prongsai-event-id"))).toEqual([eventId, eventId]);
    expect(calls[1]!.body).toBe(calls[0]!.body);
    expect(await outboxRows(services)).toEqual([expect.objectContaining({ status: "sent", attempts: 1 })]);
  });

  it("retries a receiver that does not answer within the timeout", async () => {
    const services = testServices(current(), { ALERT_TIMEOUT_SECONDS: "1" });
    await register(services);
    let calls = 0;
    outboundHttp.use(
      http.post(receiverUrl, async () => {
        calls += 1;
        if (calls === 1) await delay("infinite");
        return new HttpResponse(null, { status: 202 });
      }),
    );
    await raise(services, breach);

    expect(await dispatch(services, at)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const [waiting] = await outboxRows(services);
    expect(waiting!.last_error).toMatch(/timeout|aborted/i);
    expect(await dispatch(services, Number(waiting!.next_attempt_at))).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(calls).toBe(2);
  });

  it("dead-letters a delivery after the last attempt, and when its webhook was disabled or deleted", async () => {
    const services = testServices(current(), { OUTBOX_MAX_ATTEMPTS: "2" });
    const failing = await register(services);
    const calls = receiver(receiverUrl, [503]);
    await raise(services, breach);
    expect(await dispatch(services, at)).toMatchObject({ retried: 1 });
    const [waiting] = await outboxRows(services);
    expect(await dispatch(services, Number(waiting!.next_attempt_at))).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(calls).toHaveLength(2);

    const disabled = await register(services, otherReceiverUrl);
    await deleteWebhook(services, adminId, failing.webhook.id, at);
    await raise(services, breach, at + 1);
    await setWebhookActive(services, adminId, disabled.webhook.id, false, at + 2);
    // Written while enabled, found disabled at delivery: not called at all.
    expect(await dispatch(services, at + 2)).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(calls).toHaveLength(2);
    const dead = await services.db.selectFrom("outbox").select("last_error").where("status", "=", "dead").orderBy("created_at").execute();
    expect(dead.map((row) => row.last_error)).toEqual([expect.stringContaining("HTTP 503"), expect.stringContaining("disabled")]);
  });

  it("pushes Thai text to every LINE chat with the channel token, keeping the retry key across retries", async () => {
    const services = testServices(current(), lineSettings);
    const pushes: Array<{ authorization: string | null; retryKey: string | null; body: { to: string; messages: Array<{ type: string; text: string }> } }> = [];
    outboundHttp.use(
      http.post(linePushEndpoint, async ({ request }) => {
        const body = (await request.json()) as (typeof pushes)[number]["body"];
        pushes.push({ authorization: request.headers.get("authorization"), retryKey: request.headers.get("x-line-retry-key"), body });
        const attemptsForChat = pushes.filter((push) => push.body.to === body.to).length;
        // The group's first push meets a LINE that is busy; the retry goes through.
        if (body.to === lineGroup && attemptsForChat === 1) return HttpResponse.json({ message: "Internal server error" }, { status: 500 });
        return HttpResponse.json({ sentMessages: [{ id: "1", quoteToken: "q" }] });
      }),
    );
    await raise(services, escalation);

    expect(await dispatch(services, at)).toEqual({ sent: 1, retried: 1, dead: 0 });
    const waiting = await services.db.selectFrom("outbox").selectAll().where("status", "=", "pending").executeTakeFirstOrThrow();
    expect(await dispatch(services, Number(waiting.next_attempt_at))).toEqual({ sent: 1, retried: 0, dead: 0 });

    expect(pushes).toHaveLength(3);
    for (const push of pushes) expect(push.authorization).toBe(`Bearer ${lineSettings.LINE_CHANNEL_ACCESS_TOKEN}`);
    const groupPushes = pushes.filter((push) => push.body.to === lineGroup);
    expect(groupPushes).toHaveLength(2);
    expect(groupPushes[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(groupPushes[1]!.retryKey).toBe(groupPushes[0]!.retryKey);
    const userPush = pushes.find((push) => push.body.to === lineUser)!;
    expect(userPush.retryKey).not.toBe(groupPushes[0]!.retryKey);

    const [message] = userPush.body.messages;
    expect(userPush.body.messages).toHaveLength(1);
    expect(message!.type).toBe("text");
    expect(message!.text).toContain(escalation.reference);
    expect(message!.text).toContain("ผู้บริหาร");
    expect(message!.text).toContain(`${services.config.publicBaseUrl}/staff/cases/${escalation.caseId}`);
  });

  it("dead-letters a push LINE refuses with a 400, and retries a 429", async () => {
    const services = testServices(current(), { ...lineSettings, LINE_TARGET_IDS: lineGroup });
    const statuses = [429, 400];
    let pushes = 0;
    outboundHttp.use(
      http.post(linePushEndpoint, () => {
        const status = statuses[pushes++]!;
        return HttpResponse.json({ message: status === 400 ? "The property, 'to', in the request body is invalid" : "Too many requests" }, { status });
      }),
    );
    await raise(services, breach);

    expect(await dispatch(services, at)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const [waiting] = await outboxRows(services);
    expect(await dispatch(services, Number(waiting!.next_attempt_at))).toEqual({ sent: 0, retried: 0, dead: 1 });
    expect(pushes).toBe(2);
    const [dead] = await outboxRows(services);
    expect(dead).toMatchObject({ status: "dead", attempts: 2 });
    expect(dead!.last_error).toContain("HTTP 400");
  });

  it("lets the admin register a webhook with a secret kept encrypted, send it a test event, and audits each change", async () => {
    const services = testServices(current());
    expect(await createWebhook(services, adminId, { name: "plain", url: "http://hooks.example.go.th/prongsai", events: ["sla_breach"] }, at)).toEqual({ problem: "not_https" });
    expect(await createWebhook(services, adminId, { name: "local", url: "http://localhost:4000/hook", events: ["sla_breach"] }, at)).toEqual({ problem: "not_https" });
    expect(await createWebhook(services, adminId, { name: "creds", url: "https://user:pass@hooks.example.go.th/", events: ["sla_breach"] }, at)).toEqual({ problem: "has_credentials" });

    const { webhook, secret } = await register(services);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const stored = await services.db.selectFrom("webhooks").selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(secret.slice("whsec_".length));
    expect(await listWebhooks(services.db)).toEqual([{ ...webhook, isActive: true }]);

    const calls = receiver(receiverUrl, [200]);
    expect(await sendWebhookTestEvent(services, adminId, webhook.id, at)).toBe("done");
    expect(await sendWebhookTestEvent(services, adminId, "no-such-webhook", at)).toBe("not_found");
    await dispatch(services, at);
    expect(calls).toHaveLength(1);
    expect(Object.keys(JSON.parse(calls[0]!.body) as object).sort()).toEqual(["id", "occurredAt", "type"]);
    expect(verifyWebhookSignature(secret, calls[0]!.headers.get("prongsai-signature"), calls[0]!.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(await recentWebhookDeliveries(services.db)).toEqual([expect.objectContaining({ webhookId: webhook.id, webhookName: "ระบบติดตามงาน", eventType: "test", status: "sent" })]);

    expect(await setWebhookActive(services, adminId, webhook.id, false, at)).toBe("done");
    expect(await deleteWebhook(services, adminId, webhook.id, at)).toBe("done");
    expect(await deleteWebhook(services, adminId, webhook.id, at)).toBe("not_found");
    const audit = await services.db.selectFrom("audit_log").select(["action", "actor_id", "target_id", "details"]).orderBy("sequence").execute();
    expect(audit.map((entry) => entry.action)).toEqual(["webhook.created", "webhook.test_sent", "webhook.disabled", "webhook.deleted"]);
    for (const entry of audit) expect(entry).toMatchObject({ actor_id: adminId, target_id: webhook.id });
    expect(JSON.stringify(audit)).not.toContain(secret);
  });
});
