import { performance } from "node:perf_hooks";
import type { ExpressionBuilder, Selectable } from "kysely";
import type { Database, OutboxKind, OutboxTable, Queryable } from "../db.server";
import type { AppServices } from "../services.server";
import { createMailTransport, type MailTransport } from "./mail-transport.server";
import { pushLineMessage } from "../alerts/line-push.server";
import { callWebhook } from "../alerts/webhook-delivery.server";
import { readOutboxPayload, UndeliverableMessage, type OutboxMessage, type OutboxMessageKind, type OutboxMessageOfKind } from "./outbox.server";
import { outboxMessageId } from "./message-id";
import { afterFailedAttempt, describeDeliveryFailure, isServerUnreachable, unreachableServerPrefix } from "./retry-schedule";

/**
 * Delivers due outbox messages (ARCHITECTURE §8). Any number of dispatchers may run at once, on any
 * number of nodes: each row is claimed with a conditional UPDATE that only one of them can win, and
 * sent outside any transaction (ARCHITECTURE §12). Delivery is at least once: a dispatcher that dies
 * after the server accepted a message but before marking it sent leaves a claim that expires, and
 * the message goes out again — with the same Message-ID, so it is the same message (decision 0015).
 */

export interface DispatchResult {
  sent: number;
  retried: number;
  dead: number;
}

export interface DispatchOptions {
  /** Rows read per query. */
  batchSize?: number;
  /** How long a claim holds a row; it must outlast one delivery, timeouts included. */
  leaseMs?: number;
  /** Jitter source for the retry delay (tests pass a fixed one). */
  random?: () => number;
  /** Messages delivered at once; each is still claimed on its own, just before it is sent. */
  concurrency?: number;
  /** Stops the pass between two messages, e.g. on shutdown. */
  signal?: AbortSignal;
}

const defaultBatchSize = 50;
const defaultLeaseMs = 120_000;
/**
 * One message at a time spent most of each delivery waiting on the network. Four at once matches
 * the SMTP transport's pool of connections (mail-transport.server.ts) and stays gentle with
 * webhook receivers; more would mostly queue behind the pool while their leases run.
 */
export const deliveryConcurrency = 4;

/**
 * One handler per message kind. Adding a kind to `OutboxMessage` makes this type demand its
 * handler; until a kind is here its rows stay pending, untouched.
 */
type DeliveryHandlers = { [Kind in OutboxMessageKind]: (message: OutboxMessageOfKind<Kind>, outboxId: string) => Promise<void> };

/** What a pass learned about the mail server: it decides whether messages held back by an outage come forward. */
interface MailServerState {
  answered: boolean;
  unreachable: boolean;
}

function deliveryHandlers(services: AppServices, transport: MailTransport, mailServer: MailServerState): DeliveryHandlers {
  return {
    email: async (message, outboxId) => {
      try {
        await transport.send({ ...message.email, messageId: outboxMessageId(outboxId, services.config.mail.from) });
        mailServer.answered = true;
      } catch (error) {
        // A refusal is an answer too: the server is up, it only refused this message.
        if (isServerUnreachable(error)) mailServer.unreachable = true;
        else mailServer.answered = true;
        throw error;
      }
    },
    webhook: (message) => callWebhook(services, message.webhook),
    line: (message) => pushLineMessage(services.config, message.line),
  };
}

type ClaimedRow = Pick<Selectable<OutboxTable>, "id" | "kind" | "payload_encrypted" | "attempts" | "locked_until">;

/**
 * One pass: delivers every message due at `now`, `concurrency` at a time, and returns what became
 * of them. Rows that fall due during the pass wait for the next one, so a pass always ends; the one
 * exception, messages brought forward once the mail server answers again, happens once per pass.
 */
export async function dispatchDueMessages(services: AppServices, transport: MailTransport, now: number, options: DispatchOptions = {}): Promise<DispatchResult> {
  const { batchSize = defaultBatchSize, leaseMs = defaultLeaseMs, concurrency = deliveryConcurrency, random = Math.random, signal } = options;
  const mailServer: MailServerState = { answered: false, unreachable: false };
  const handlers = deliveryHandlers(services, transport, mailServer);
  const handledKinds = Object.keys(handlers) as OutboxMessageKind[];
  // Leases and retry times follow the real clock from `now` on: a long pass must not hand out
  // leases that other dispatchers already see as expired.
  const startedAt = performance.now();
  const clock = () => now + Math.round(performance.now() - startedAt);

  const result: DispatchResult = { sent: 0, retried: 0, dead: 0 };
  const deliverDueMessages = async () => {
    for (;;) {
      const ids = await selectDueIds(services.db, handledKinds, now, batchSize);
      await forEachConcurrently(ids, concurrency, async (id) => {
        if (signal?.aborted) return;
        const row = await claimRow(services.db, id, now, clock() + leaseMs);
        // Another dispatcher won this row, or already finished it.
        if (!row) return;
        const outcome = await deliver(services, handlers, row, clock, random);
        result[outcome] += 1;
      });
      if (signal?.aborted || ids.length < batchSize) return;
    }
  };

  await deliverDueMessages();
  if (signal?.aborted) return result;
  if (await bringForwardAfterOutage(services, transport, mailServer, now)) {
    await deliverDueMessages();
    if (signal?.aborted) return result;
  }
  await warnAboutUnhandledKinds(services, handledKinds, now);
  return result;
}

/**
 * Runs `work` on every item, at most `concurrency` at a time. When one fails the others finish what
 * they started (a claimed message is delivered and recorded) and take nothing new; then the first
 * failure is thrown. So a pass never ends while a delivery of it still runs.
 */
async function forEachConcurrently<Item>(items: Item[], concurrency: number, work: (item: Item) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length && failures.length === 0) {
      const item = items[next]!;
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failures.length > 0) throw failures[0];
}

/**
 * Claims left by a crashed dispatcher first (there are few, and they are the oldest), then pending
 * rows by due time: both read the (status, next_attempt_at) index from its status prefix.
 */
async function selectDueIds(db: Queryable, kinds: OutboxKind[], now: number, limit: number): Promise<string[]> {
  const expiredClaims = await db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "sending")
    .where("locked_until", "<", now)
    .where("kind", "in", kinds)
    .limit(limit)
    .execute();
  if (expiredClaims.length > 0) return expiredClaims.map((row) => row.id);
  const pending = await db
    .selectFrom("outbox")
    .select("id")
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .where("kind", "in", kinds)
    .orderBy("next_attempt_at")
    .limit(limit)
    .execute();
  return pending.map((row) => row.id);
}

/**
 * The UPDATE repeats the conditions that made the row due. On PostgreSQL a second dispatcher's
 * UPDATE of the same row waits for the first to commit, re-checks them against the new row and
 * matches nothing; SQLite has one writer. Either way exactly one dispatcher gets the row back.
 */
async function claimRow(db: Queryable, id: string, now: number, lockedUntil: number): Promise<ClaimedRow | undefined> {
  return db
    .updateTable("outbox")
    .set({ status: "sending", locked_until: lockedUntil })
    .where("id", "=", id)
    .where((expression) =>
      expression.or([
        expression.and([expression("status", "=", "pending"), expression("next_attempt_at", "<=", now)]),
        expression.and([expression("status", "=", "sending"), expression("locked_until", "<", now)]),
      ]),
    )
    .returning(["id", "kind", "payload_encrypted", "attempts", "locked_until"])
    .executeTakeFirst();
}

async function deliver(services: AppServices, handlers: DeliveryHandlers, row: ClaimedRow, clock: () => number, random: () => number): Promise<keyof DispatchResult> {
  const { logger, config, secrets } = services;
  try {
    const message = readOutboxPayload(secrets.keyring, row);
    // DeliveryHandlers pairs each kind with the handler of that kind's message; TypeScript cannot
    // follow that pairing through a union-typed lookup, hence the widening.
    const handler = handlers[message.kind] as (message: OutboxMessage, outboxId: string) => Promise<void>;
    await handler(message, row.id);
  } catch (error) {
    const attempts = Number(row.attempts) + 1;
    const failedAt = clock();
    const lastError = describeDeliveryFailure(error);
    const outcome = error instanceof UndeliverableMessage ? ({ status: "dead" } as const) : afterFailedAttempt(attempts, config.mail.maxAttempts, failedAt, random);
    await releaseClaim(services, row, {
      status: outcome.status,
      attempts,
      last_error: lastError,
      ...(outcome.status === "pending" ? { next_attempt_at: outcome.nextAttemptAt } : {}),
    });
    if (outcome.status === "dead") {
      logger.error({ outboxId: row.id, kind: row.kind, attempts, error: lastError }, "outbox message given up after its last attempt");
      return "dead";
    }
    logger.warn({ outboxId: row.id, kind: row.kind, attempts, nextAttemptAt: outcome.nextAttemptAt, error: lastError }, "outbox message not delivered; will retry");
    return "retried";
  }
  await releaseClaim(services, row, { status: "sent", sent_at: clock(), last_error: null });
  logger.info({ outboxId: row.id, kind: row.kind }, "outbox message delivered");
  return "sent";
}

type ReleasedRow = Partial<Pick<OutboxTable, "status" | "attempts" | "next_attempt_at" | "last_error" | "sent_at">>;

/**
 * Records the outcome only while our claim still stands: if the lease ran out and another
 * dispatcher took the row over, its outcome is the one that counts.
 */
async function releaseClaim(services: AppServices, row: ClaimedRow, changes: ReleasedRow): Promise<void> {
  const updated = await services.db
    .updateTable("outbox")
    .set({ ...changes, locked_until: null })
    .where("id", "=", row.id)
    .where("status", "=", "sending")
    .where("locked_until", "=", row.locked_until)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    services.logger.warn({ outboxId: row.id, kind: row.kind, outcome: changes.status }, "the claim on an outbox message expired before its outcome was recorded");
  }
}

/**
 * After an outage, e-mails that failed because the mail server could not be reached wait out their
 * backoff — up to an hour at the cap — although nothing is wrong with them. Once the server answers
 * again they are made due at once, so the queue drains when SMTP is back. "Answers" is what this
 * pass saw: a message delivered (or refused: that is an answer too) and no connection failure; a pass
 * that tried no e-mail asks the server with a cheap connect-and-greet. Only e-mail rows whose last
 * failure was `isServerUnreachable` come forward: a message the server refused keeps its backoff,
 * and a pass that just failed to connect probes nothing. Returns how many rows came forward.
 */
async function bringForwardAfterOutage(services: AppServices, transport: MailTransport, mailServer: MailServerState, now: number): Promise<number> {
  if (mailServer.unreachable) return 0;
  const waitingOnOutage = (expression: ExpressionBuilder<Database, "outbox">) =>
    expression.and([
      expression("status", "=", "pending"),
      expression("kind", "=", "email"),
      expression("next_attempt_at", ">", now),
      expression("last_error", "like", `${unreachableServerPrefix}%`),
    ]);
  const waiting = await services.db.selectFrom("outbox").select("id").where(waitingOnOutage).limit(1).executeTakeFirst();
  if (!waiting) return 0;
  if (!mailServer.answered) {
    try {
      await transport.verify();
    } catch (error) {
      services.logger.debug({ error: describeDeliveryFailure(error) }, "the mail server still does not answer");
      return 0;
    }
  }
  // One statement, so atomic on its own; a dispatcher on another node doing the same sets the same value.
  const updated = await services.db.updateTable("outbox").set({ next_attempt_at: now }).where(waitingOnOutage).executeTakeFirst();
  const count = Number(updated.numUpdatedRows);
  if (count > 0) services.logger.info({ count }, "the mail server answers again: e-mails held back by the outage are due now");
  return count;
}

const warnedKinds = new Set<string>();

/**
 * Rows of a kind no handler serves yet (another issue adds webhooks and LINE) wait, untouched, for a
 * version that can deliver them. Said once per process, not on every pass. Run after the pass, when
 * the due rows left are only these, so the query reads few rows.
 */
async function warnAboutUnhandledKinds(services: AppServices, handledKinds: OutboxKind[], now: number): Promise<void> {
  const waiting = await services.db
    .selectFrom("outbox")
    .select("kind")
    .distinct()
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", now)
    .where("kind", "not in", handledKinds)
    .execute();
  for (const { kind } of waiting) {
    if (warnedKinds.has(kind)) continue;
    warnedKinds.add(kind);
    services.logger.warn({ kind }, "outbox messages of this kind are waiting: no handler delivers them yet");
  }
}

/**
 * The in-process dispatcher of a running server: a pass every `MAIL_DISPATCH_INTERVAL_SECONDS`
 * (none when 0, e.g. when a cron job runs `npm run mail:dispatch` instead). The next pass is
 * scheduled only when the last one ended, so passes never overlap; the timer never keeps the
 * process alive, and a failing pass is logged, not thrown.
 */
export function startMailDispatcher(services: AppServices): { stop(): void } {
  const intervalSeconds = services.config.mail.dispatchIntervalSeconds;
  if (intervalSeconds === 0) return { stop() {} };
  const transport = createMailTransport(services.config, services.logger);
  const stopping = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let passRunning = false;

  const runPass = async () => {
    passRunning = true;
    try {
      const result = await dispatchDueMessages(services, transport, Date.now(), { signal: stopping.signal });
      if (result.sent + result.retried + result.dead > 0) services.logger.info(result, "mail dispatch pass");
    } catch (error) {
      services.logger.error({ error: describeDeliveryFailure(error) }, "mail dispatch pass failed");
    } finally {
      passRunning = false;
    }
    if (stopping.signal.aborted) transport.close();
    else scheduleNextPass();
  };
  const scheduleNextPass = () => {
    timer = setTimeout(() => void runPass(), intervalSeconds * 1000);
    timer.unref();
  };

  scheduleNextPass();
  return {
    stop() {
      if (stopping.signal.aborted) return;
      stopping.abort();
      clearTimeout(timer);
      // A pass in progress closes the transport when it ends.
      if (!passRunning) transport.close();
    },
  };
}
