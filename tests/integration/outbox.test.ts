import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, expect, it } from "vitest";
import { createDb } from "../../db/connect";
import { encryptText } from "../../app/crypto/envelope.server";
import { dispatchDueMessages, startMailDispatcher, type DispatchResult } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport, type MailTransport } from "../../app/notify/mail-transport.server";
import { enqueueEmail, readOutboxPayload, type OutboxEmail } from "../../app/notify/outbox.server";
import type { AppServices } from "../../app/services.server";
import { describeEachDialect } from "../support/databases";
import { testServices } from "../support/services";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp-server";

const recipient = "somchai.jaidee@example.co.th";
const thaiText = "เราได้รับเรื่องร้องเรียนของท่านแล้ว เลขที่ PS-2569-000001 ขอบคุณค่ะ";
const acknowledgement: OutboxEmail = {
  to: recipient,
  subject: "ได้รับเรื่องของท่านแล้ว เลขที่ PS-2569-000001 / We have received your report",
  text: thaiText,
  html: `<p>${thaiText}</p>`,
};
const filedAt = Date.UTC(2026, 0, 15, 2, 0, 0);
const hour = 3_600_000;
/** No jitter: retry times become exact. */
const noJitter = () => 0.5;

describeEachDialect("the transactional outbox", (current) => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function smtpServer(options?: Parameters<typeof startSmtpServer>[0]): Promise<TestSmtpServer> {
    const server = await startSmtpServer(options);
    cleanups.push(() => server.stop());
    return server;
  }

  function transportOf(services: AppServices): MailTransport {
    const transport = createMailTransport(services.config, services.logger);
    cleanups.push(() => transport.close());
    return transport;
  }

  function enqueue(services: AppServices, email: OutboxEmail = acknowledgement, now = filedAt): Promise<string> {
    return services.db.transaction().execute((transaction) => enqueueEmail(transaction, services.secrets.keyring, email, now));
  }

  function outboxRow(services: AppServices, id: string) {
    return services.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  }

  const nothingHappened: DispatchResult = { sent: 0, retried: 0, dead: 0 };

  it("writes no message when the transaction that reports the change rolls back", async () => {
    const services = testServices(current());
    await expect(
      services.db.transaction().execute(async (transaction) => {
        await transaction.insertInto("settings").values({ key: "the-change", value: "{}", updated_at: filedAt }).execute();
        await enqueueEmail(transaction, services.secrets.keyring, acknowledgement, filedAt);
        throw new Error("the change failed after the message was written");
      }),
    ).rejects.toThrow("the change failed");
    expect(await services.db.selectFrom("outbox").selectAll().execute()).toEqual([]);
    expect(await services.db.selectFrom("settings").selectAll().where("key", "=", "the-change").execute()).toEqual([]);
  });

  it("writes one pending, encrypted message when the transaction commits", async () => {
    const services = testServices(current());
    const id = await services.db.transaction().execute(async (transaction) => {
      await transaction.insertInto("settings").values({ key: "the-change", value: "{}", updated_at: filedAt }).execute();
      return enqueueEmail(transaction, services.secrets.keyring, acknowledgement, filedAt);
    });

    const rows = await services.db.selectFrom("outbox").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, kind: "email", status: "pending", attempts: 0, next_attempt_at: filedAt, created_at: filedAt, locked_until: null, last_error: null, sent_at: null });
    const stored = JSON.stringify(rows[0]);
    for (const personal of [recipient, "somchai", thaiText, acknowledgement.subject]) expect(stored).not.toContain(personal);
    expect(readOutboxPayload(services.secrets.keyring, rows[0]!)).toEqual({ kind: "email", email: acknowledgement });
  });

  it("refuses to open a payload moved onto another row", async () => {
    const services = testServices(current());
    const original = await enqueue(services);
    const other = await enqueue(services, { ...acknowledgement, to: "someone.else@example.co.th" });
    const { payload_encrypted } = await outboxRow(services, original);
    await services.db.updateTable("outbox").set({ payload_encrypted }).where("id", "=", other).execute();
    expect(() => readOutboxPayload(services.secrets.keyring, { id: other, kind: "email", payload_encrypted })).toThrow(/another context/);
  });

  it("delivers a due message to the SMTP server and marks it sent", async () => {
    const smtp = await smtpServer();
    const services = testServices(current(), { SMTP_URL: smtp.url });
    const transport = transportOf(services);
    const id = await enqueue(services);

    expect(await dispatchDueMessages(services, transport, filedAt - 1)).toEqual(nothingHappened);
    expect(smtp.messages).toHaveLength(0);

    const dispatchedAt = filedAt + 1_000;
    expect(await dispatchDueMessages(services, transport, dispatchedAt)).toEqual({ sent: 1, retried: 0, dead: 0 });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toEqual([recipient]);
    expect(mail!.from).toMatch(/^"?Prongsai"? <no-reply@localhost>$/);
    expect(mail!.subject).toBe(acknowledgement.subject);
    expect(mail!.text.trim()).toBe(thaiText);
    expect(mail!.html).toContain(`<p>${thaiText}</p>`);

    const row = await outboxRow(services, id);
    expect(row).toMatchObject({ status: "sent", attempts: 0, locked_until: null, last_error: null });
    expect(row.sent_at).toBeGreaterThanOrEqual(dispatchedAt);
    expect(row.sent_at).toBeLessThan(dispatchedAt + 10_000);

    expect(await dispatchDueMessages(services, transport, dispatchedAt + hour)).toEqual(nothingHappened);
    expect(smtp.messages).toHaveLength(1);
  });

  it("keeps a refused message for a later retry, without the address in the error, then delivers it once", async () => {
    const smtp = await smtpServer({ reject: true });
    const services = testServices(current(), { SMTP_URL: smtp.url });
    const transport = transportOf(services);
    const id = await enqueue(services);

    const firstAttemptAt = filedAt + 1_000;
    expect(await dispatchDueMessages(services, transport, firstAttemptAt, { random: noJitter })).toEqual({ sent: 0, retried: 1, dead: 0 });
    expect(smtp.refusals).toBe(1);
    const refused = await outboxRow(services, id);
    expect(refused).toMatchObject({ status: "pending", attempts: 1, locked_until: null, sent_at: null });
    expect(refused.next_attempt_at).toBeGreaterThanOrEqual(firstAttemptAt + 30_000);
    expect(refused.next_attempt_at).toBeLessThan(firstAttemptAt + 30_000 + 10_000);
    expect(refused.last_error).toContain("451");
    expect(refused.last_error).not.toContain(recipient);
    expect(refused.last_error).not.toContain("somchai");

    // Not due yet: the server is not asked again.
    expect(await dispatchDueMessages(services, transport, refused.next_attempt_at - 1)).toEqual(nothingHappened);
    expect(smtp.refusals).toBe(1);

    smtp.setRefusing(false);
    expect(await dispatchDueMessages(services, transport, refused.next_attempt_at)).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(await dispatchDueMessages(services, transport, refused.next_attempt_at + hour)).toEqual(nothingHappened);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.subject).toBe(acknowledgement.subject);
    expect(await outboxRow(services, id)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
  });

  it("gives a message up as dead after the last allowed attempt", async () => {
    const smtp = await smtpServer({ reject: true });
    const services = testServices(current(), { SMTP_URL: smtp.url, OUTBOX_MAX_ATTEMPTS: "3" });
    const transport = transportOf(services);
    const id = await enqueue(services);

    const results: DispatchResult[] = [];
    for (let pass = 1; pass <= 4; pass += 1) {
      results.push(await dispatchDueMessages(services, transport, filedAt + pass * 2 * hour));
    }
    expect(results).toEqual([
      { sent: 0, retried: 1, dead: 0 },
      { sent: 0, retried: 1, dead: 0 },
      { sent: 0, retried: 0, dead: 1 },
      nothingHappened,
    ]);
    expect(smtp.refusals).toBe(3);
    const row = await outboxRow(services, id);
    expect(row).toMatchObject({ status: "dead", attempts: 3, locked_until: null, sent_at: null });
    expect(row.last_error).toContain("451");
    expect(row.last_error).not.toContain(recipient);
  });

  it("writes an .eml file under DATA_DIR/mail when no SMTP_URL is set", async () => {
    const services = testServices(current());
    expect(services.config.mail.smtpUrl).toBeUndefined();
    const transport = transportOf(services);
    const id = await enqueue(services);

    expect(await dispatchDueMessages(services, transport, filedAt)).toEqual({ sent: 1, retried: 0, dead: 0 });
    const directory = path.join(services.config.dataDirectory, "mail");
    const files = fs.readdirSync(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d{13}-[0-9a-f-]{36}\.eml$/);
    const raw = fs.readFileSync(path.join(directory, files[0]!));
    expect(raw.toString("latin1")).toMatch(/^[^\n]*\r\n/);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe(acknowledgement.subject);
    expect(parsed.text?.trim()).toBe(thaiText);
    expect(JSON.stringify(parsed.to)).toContain(recipient);
    expect(await outboxRow(services, id)).toMatchObject({ status: "sent" });
  });

  it("delivers each message exactly once when two dispatchers on two connections run at the same time", async () => {
    const smtp = await smtpServer();
    const services = testServices(current(), { SMTP_URL: smtp.url });
    // A second node: its own database connection and its own SMTP transport.
    const otherNode = createDb(current().url, { poolSize: 3 });
    cleanups.push(() => otherNode.db.destroy());
    const otherServices: AppServices = { ...services, db: otherNode.db };
    const count = 30;
    for (let index = 1; index <= count; index += 1) {
      await enqueue(services, { ...acknowledgement, subject: `message ${index}` }, filedAt + index);
    }

    const dispatchedAt = filedAt + hour;
    const [first, second] = await Promise.all([
      dispatchDueMessages(services, transportOf(services), dispatchedAt, { batchSize: 4 }),
      dispatchDueMessages(otherServices, transportOf(otherServices), dispatchedAt, { batchSize: 4 }),
    ]);

    expect(first.sent + second.sent).toBe(count);
    // Both took part: the test would prove nothing if one had finished before the other began.
    expect(first.sent).toBeGreaterThan(0);
    expect(second.sent).toBeGreaterThan(0);
    expect(first.retried + second.retried + first.dead + second.dead).toBe(0);
    const subjects = smtp.messages.map((mail) => mail.subject).sort();
    expect(subjects).toEqual(Array.from({ length: count }, (_, index) => `message ${index + 1}`).sort());
    const { sent } = await services.db
      .selectFrom("outbox")
      .select((expression) => expression.fn.countAll<number>().as("sent"))
      .where("status", "=", "sent")
      .executeTakeFirstOrThrow();
    expect(Number(sent)).toBe(count);
  });

  it("takes over a message whose dispatcher crashed once its claim expires, and leaves live claims alone", async () => {
    const smtp = await smtpServer();
    const services = testServices(current(), { SMTP_URL: smtp.url });
    const transport = transportOf(services);
    const abandoned = await enqueue(services, { ...acknowledgement, subject: "abandoned" });
    const held = await enqueue(services, { ...acknowledgement, subject: "held" });
    const dispatchedAt = filedAt + hour;
    await services.db.updateTable("outbox").set({ status: "sending", locked_until: dispatchedAt - 1 }).where("id", "=", abandoned).execute();
    await services.db.updateTable("outbox").set({ status: "sending", locked_until: dispatchedAt + 60_000 }).where("id", "=", held).execute();

    expect(await dispatchDueMessages(services, transport, dispatchedAt)).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(["abandoned"]);
    expect(await outboxRow(services, abandoned)).toMatchObject({ status: "sent", locked_until: null });
    expect(await outboxRow(services, held)).toMatchObject({ status: "sending", locked_until: dispatchedAt + 60_000 });
  });

  it("retries a message whose payload cannot be read, and still delivers the others", async () => {
    const smtp = await smtpServer();
    const services = testServices(current(), { SMTP_URL: smtp.url });
    const transport = transportOf(services);
    const webhookId = "a-webhook-message";
    await services.db
      .insertInto("outbox")
      .values({
        id: webhookId,
        kind: "webhook",
        payload_encrypted: encryptText(services.secrets.keyring, JSON.stringify({ kind: "webhook" }), `outbox.payload:${webhookId}`),
        status: "pending",
        attempts: 0,
        next_attempt_at: filedAt - 1,
        locked_until: null,
        last_error: null,
        created_at: filedAt - 1,
        sent_at: null,
      })
      .execute();
    const emailId = await enqueue(services);

    // Every kind has its handler now (app/alerts adds webhooks and LINE): a webhook row without its fields fails alone.
    expect(await dispatchDueMessages(services, transport, filedAt, { batchSize: 1 })).toEqual({ sent: 1, retried: 1, dead: 0 });
    expect(await outboxRow(services, emailId)).toMatchObject({ status: "sent" });
    expect(await outboxRow(services, webhookId)).toMatchObject({ status: "pending", attempts: 1, locked_until: null, last_error: expect.stringContaining("ZodError") });
  });

  it("delivers on the server's timer, and stops when told to", async () => {
    const smtp = await smtpServer();
    const services = testServices(current(), { SMTP_URL: smtp.url, MAIL_DISPATCH_INTERVAL_SECONDS: "1" });
    const dispatcher = startMailDispatcher(services);
    cleanups.push(() => dispatcher.stop());
    await enqueue(services, { ...acknowledgement, subject: "before stop" }, Date.now());
    await smtp.waitForMessages(1, 5_000);

    dispatcher.stop();
    await enqueue(services, { ...acknowledgement, subject: "after stop" }, Date.now());
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(["before stop"]);
  });
});
