import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterEach, expect, it } from "vitest";
import { createDb } from "../../db/connect";
import { encryptText } from "../../app/crypto/envelope.server";
import { dispatchDueMessages, startMailDispatcher, type DispatchResult } from "../../app/notify/mail-dispatcher.server";
import { createMailTransport, type MailTransport } from "../../app/notify/mail-transport.server";
import { enqueueEmail, enqueueEmailToEach, readOutboxPayload, type OutboxEmail } from "../../app/notify/outbox.server";
import { queryRecorder } from "../support/query-recorder";
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

/** The Message-ID header as the SMTP server received it. */
function messageIdOf(mail: { raw: string }): string | undefined {
  return /^Message-ID:\s*(\S+)\s*$/im.exec(mail.raw)?.[1];
}

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

  it("writes the same e-mail to each recipient as one statement, each row sealed to itself", async () => {
    const services = testServices(current());
    const recorded = queryRecorder(services.db);
    const recipients = ["a.somchai@example.co.th", "b.somsri@example.co.th", "c.malee@example.co.th"].map((email) => ({ email }));
    const { to: _to, ...sameEmail } = acknowledgement;
    const ids = await recorded.db.transaction().execute((transaction) => enqueueEmailToEach(transaction, services.secrets.keyring, recipients, sameEmail, filedAt));
    expect(recorded.compiled().filter((query) => /^insert into "outbox"/.test(query.sql))).toHaveLength(1);
    expect(new Set(ids).size).toBe(3);
    for (const [index, id] of ids.entries()) {
      const row = await outboxRow(services, id);
      expect(row).toMatchObject({ kind: "email", status: "pending", attempts: 0, next_attempt_at: filedAt });
      expect(readOutboxPayload(services.secrets.keyring, row)).toEqual({ kind: "email", email: { ...acknowledgement, to: recipients[index]!.email } });
    }
    // Nobody to tell: no row and no statement.
    const before = recorded.compiled().length;
    expect(await recorded.db.transaction().execute((transaction) => enqueueEmailToEach(transaction, services.secrets.keyring, [], sameEmail, filedAt))).toEqual([]);
    expect(recorded.compiled()).toHaveLength(before);
  });

  it("writes a long list of messages in statements of a bounded size, all or none", async () => {
    const services = testServices(current());
    const recorded = queryRecorder(services.db);
    const recipients = Array.from({ length: 1_201 }, (_, index) => ({ email: `officer.${index}@example.go.th` }));
    const { to: _to, ...sameEmail } = acknowledgement;
    const ids = await recorded.db.transaction().execute((transaction) => enqueueEmailToEach(transaction, services.secrets.keyring, recipients, sameEmail, filedAt));
    expect(recorded.compiled().filter((query) => /^insert into "outbox"/.test(query.sql))).toHaveLength(3);
    expect(ids).toHaveLength(1_201);
    expect(Number((await services.db.selectFrom("outbox").select((eb) => eb.fn.countAll().as("count")).executeTakeFirstOrThrow()).count)).toBe(1_201);
    // A malformed address among them fails the whole transaction, not the rows after it.
    await expect(
      services.db.transaction().execute((transaction) => enqueueEmailToEach(transaction, services.secrets.keyring, [{ email: "fine@example.go.th" }, { email: "" }], sameEmail, filedAt + 1)),
    ).rejects.toThrow();
    expect(await services.db.selectFrom("outbox").select("id").where("created_at", "=", filedAt + 1).execute()).toEqual([]);
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
    expect(parsed.messageId).toBe(`<${id}@localhost>`);
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

  it("sends the second delivery of a message after a crash with the same Message-ID, <row id@sender's domain>", async () => {
    const smtp = await smtpServer();
    const services = testServices(current(), { SMTP_URL: smtp.url, MAIL_FROM: "ศูนย์รับเรื่อง Prongsai <no-reply@prongsai.go.th>" });
    const transport = transportOf(services);
    const id = await enqueue(services);
    const other = await enqueue(services, { ...acknowledgement, subject: "another message" });

    const dispatchedAt = filedAt + 1_000;
    expect(await dispatchDueMessages(services, transport, dispatchedAt)).toEqual({ sent: 2, retried: 0, dead: 0 });
    // A dispatcher killed after the server accepted the message, before it recorded `sent`, leaves
    // the row claimed; the claim then runs out. That is the row's state once the lease has expired.
    const crashedAt = dispatchedAt + 10;
    await services.db.updateTable("outbox").set({ status: "sending", locked_until: crashedAt + 1_000, sent_at: null }).where("id", "=", id).execute();
    expect(await dispatchDueMessages(services, transport, crashedAt + 1_000 + 1)).toEqual({ sent: 1, retried: 0, dead: 0 });

    const received = await smtp.waitForMessages(3);
    const copies = received.filter((mail) => mail.subject === acknowledgement.subject);
    expect(copies).toHaveLength(2);
    expect(copies.map(messageIdOf)).toEqual([`<${id}@prongsai.go.th>`, `<${id}@prongsai.go.th>`]);
    expect(messageIdOf(received.find((mail) => mail.subject === "another message")!)).toBe(`<${other}@prongsai.go.th>`);
    expect(await outboxRow(services, id)).toMatchObject({ status: "sent", locked_until: null });
  });

  it("delivers a batch several at a time, each message once, with counts that add up", async () => {
    const smtp = await smtpServer({ failFirst: 2 });
    const services = testServices(current(), { SMTP_URL: smtp.url });
    const transport = transportOf(services);
    const ids: string[] = [];
    for (let index = 1; index <= 13; index += 1) ids.push(await enqueue(services, { ...acknowledgement, subject: `message ${index}` }, filedAt + index));

    expect(await dispatchDueMessages(services, transport, filedAt + hour, { batchSize: 5, concurrency: 4 })).toEqual({ sent: 11, retried: 2, dead: 0 });
    expect(smtp.messages).toHaveLength(11);
    expect(new Set(smtp.messages.map((mail) => mail.subject)).size).toBe(11);
    const rows = await services.db.selectFrom("outbox").select(["id", "status", "locked_until"]).execute();
    expect(rows.filter((row) => row.status === "sent")).toHaveLength(11);
    expect(rows.filter((row) => row.status === "pending")).toHaveLength(2);
    expect(rows.every((row) => row.locked_until === null)).toBe(true);
    const sentIds = new Set(rows.filter((row) => row.status === "sent").map((row) => `<${row.id}@localhost>`));
    expect(new Set(smtp.messages.map(messageIdOf))).toEqual(sentIds);
  });

  it("after an SMTP outage, sends the e-mails that could not reach the server as soon as it answers, not after their backoff", async () => {
    // The server refuses one message (a 451, the server's answer about that message), then goes away.
    const before = await smtpServer({ reject: true });
    const services = testServices(current(), { SMTP_URL: before.url });
    const transport = transportOf(services);
    const refused = await enqueue(services, { ...acknowledgement, subject: "refused" });
    expect(await dispatchDueMessages(services, transport, filedAt + 1_000, { random: noJitter })).toEqual({ sent: 0, retried: 1, dead: 0 });
    await before.stop();

    const outageAt = filedAt + 2_000;
    const first = await enqueue(services, { ...acknowledgement, subject: "during the outage 1" }, outageAt);
    const second = await enqueue(services, { ...acknowledgement, subject: "during the outage 2" }, outageAt);
    expect(await dispatchDueMessages(services, transport, outageAt, { random: noJitter })).toEqual({ sent: 0, retried: 2, dead: 0 });
    for (const id of [first, second]) {
      const row = await outboxRow(services, id);
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      expect(row.last_error).toMatch(/^server unreachable: /);
      expect(row.next_attempt_at).toBeGreaterThanOrEqual(outageAt + 30_000);
    }
    const refusedRow = await outboxRow(services, refused);
    expect(refusedRow.last_error).toContain("451");
    expect(refusedRow.last_error).not.toMatch(/^server unreachable/);

    // Still down: a pass with nothing due asks the server, hears nothing, and changes nothing.
    const stillDownAt = outageAt + 5_000;
    expect(await dispatchDueMessages(services, transport, stillDownAt)).toEqual(nothingHappened);
    expect((await outboxRow(services, first)).next_attempt_at).toBeGreaterThanOrEqual(outageAt + 30_000);

    // Back on the same port, long before their retries fall due: the next pass delivers them.
    const after = await smtpServer({ port: before.port });
    const backAt = outageAt + 10_000;
    expect(await dispatchDueMessages(services, transport, backAt)).toEqual({ sent: 2, retried: 0, dead: 0 });
    expect(after.messages.map((mail) => mail.subject).sort()).toEqual(["during the outage 1", "during the outage 2"]);
    expect(await outboxRow(services, first)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    expect(await outboxRow(services, second)).toMatchObject({ status: "sent", attempts: 1, last_error: null });
    // The message the server refused keeps its backoff: reaching the server again says nothing about it.
    expect(await outboxRow(services, refused)).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: refusedRow.next_attempt_at });
  });

  it("after an SMTP outage, a delivery that succeeds brings the e-mails held back by the outage forward in the same pass", async () => {
    const before = await smtpServer();
    const services = testServices(current(), { SMTP_URL: before.url });
    const transport = transportOf(services);
    await before.stop();

    const outageAt = filedAt + 1_000;
    const held = await enqueue(services, { ...acknowledgement, subject: "held back" }, outageAt);
    expect(await dispatchDueMessages(services, transport, outageAt, { random: noJitter })).toEqual({ sent: 0, retried: 1, dead: 0 });

    const after = await smtpServer({ port: before.port });
    const backAt = outageAt + 5_000;
    const fresh = await enqueue(services, { ...acknowledgement, subject: "filed after" }, backAt);
    expect(await dispatchDueMessages(services, transport, backAt)).toEqual({ sent: 2, retried: 0, dead: 0 });
    expect(after.messages.map((mail) => mail.subject)).toEqual(["filed after", "held back"]);
    expect(await outboxRow(services, held)).toMatchObject({ status: "sent" });
    expect(await outboxRow(services, fresh)).toMatchObject({ status: "sent" });
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
