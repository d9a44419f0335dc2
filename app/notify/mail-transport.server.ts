import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPPool from "nodemailer/lib/smtp-pool";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { AppConfig } from "../config.server";
import type { Logger } from "../logging/logger.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`, fixed per outbox row (message-id.ts): every attempt sends the same message. */
  messageId: string;
}

export interface MailTransport {
  /** Resolves once the server accepted the message; throws when it did not. */
  send(message: MailMessage): Promise<void>;
  /** Resolves when the server answers (connects, greets, accepts the login); throws when it does not. */
  verify(): Promise<void>;
  /** Lets open connections go. A later `send` opens new ones. */
  close(): void;
}

/**
 * SMTP when `SMTP_URL` is set (ARCHITECTURE §8). Without it — development — each message becomes an
 * `.eml` file under `<DATA_DIR>/mail/` that any mail client opens, so no mail server is needed.
 */
export function createMailTransport(config: AppConfig, logger: Logger): MailTransport {
  return config.mail.smtpUrl ? createSmtpTransport(config.mail.smtpUrl, config.mail.from) : createFileTransport(path.join(config.dataDirectory, "mail"), config.mail.from, logger);
}

/**
 * A dead or silent server must fail within seconds: the dispatcher holds a lease on every message
 * it is sending, and a retry later costs less than a stuck pass.
 */
const smtpTimeouts = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000, dnsTimeout: 5_000 };

/**
 * A pool of connections, each carrying many messages: one connection (TCP, greeting, EHLO, login)
 * per message held the dispatcher to about 6 e-mails a second. As many connections as the
 * dispatcher delivers messages at once (`deliveryConcurrency`), so none waits in nodemailer's queue
 * while its lease runs. A connection is renewed after `maxMessages`, as servers limit messages per
 * session. A connection the server closed while a message was on it (a server restart) hands the
 * message to one fresh connection, not forever: past that the outbox's own retry takes over.
 */
const smtpPool = { pool: true, maxConnections: 4, maxMessages: 100, maxRequeues: 1 };

/**
 * Idle connections are closed this long after the last message: between passes (seconds or minutes
 * apart) they would only hold a slot on the server, and a server being stopped would wait for them.
 */
const idleConnectionsMs = 1_000;

function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  // Options in the URL's query come last, so `?pool=false` or `?maxConnections=2` still win.
  const options = { ...smtpPool, ...smtpOptions(smtpUrl) } as SMTPPool.Options;
  let pool: Transporter<SMTPPool.SentMessageInfo> | undefined;
  let inFlight = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  // nodemailer's pool cannot be reopened once closed (it silently drops what it is given after
  // that), so closing forgets it and the next use creates a new one.
  const closePool = () => {
    clearTimeout(idleTimer);
    pool?.close();
    pool = undefined;
  };
  const withPool = async <Result>(operation: (transporter: Transporter<SMTPPool.SentMessageInfo>) => Promise<Result>): Promise<Result> => {
    clearTimeout(idleTimer);
    pool ??= nodemailer.createTransport(options);
    inFlight += 1;
    try {
      return await operation(pool);
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        idleTimer = setTimeout(closePool, idleConnectionsMs);
        idleTimer.unref();
      }
    }
  };

  return {
    send(message) {
      return withPool(async (transporter) => {
        const info = await transporter.sendMail({ from, ...message });
        // With one recipient nodemailer already throws on refusal; this guards a partial acceptance.
        if (info.rejected.length > 0) throw new Error(`The SMTP server refused the recipient: ${info.response}`);
      });
    },
    async verify() {
      await withPool((transporter) => transporter.verify());
    },
    close: closePool,
  };
}

/**
 * Reads `smtp[s]://user:password@host:port?option=value`. nodemailer ignores every other option
 * when given a URL, so the URL is taken apart here to add the timeouts; options in the query
 * (`?tls.rejectUnauthorized=false`, `?socketTimeout=30000`) still override them.
 */
function smtpOptions(smtpUrl: string): SMTPTransport.Options {
  const url = new URL(smtpUrl);
  const options: Record<string, unknown> & { tls?: Record<string, unknown> } = {
    ...smtpTimeouts,
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === "smtps:",
  };
  if (url.username) options.auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  for (const [key, text] of url.searchParams) {
    const value = text === "true" ? true : text === "false" ? false : text !== "" && !Number.isNaN(Number(text)) ? Number(text) : text;
    if (key.startsWith("tls.")) options.tls = { ...options.tls, [key.slice("tls.".length)]: value };
    else options[key] = value;
  }
  return options as SMTPTransport.Options;
}

function createFileTransport(directory: string, from: string, logger: Logger): MailTransport {
  // Windows newlines: an .eml file is an RFC 822 message, whose lines end in CRLF.
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    async send(message) {
      const info = await transporter.sendMail({ from, ...message });
      if (!Buffer.isBuffer(info.message)) throw new Error("nodemailer's stream transport returned a stream although buffer was set");
      await fs.mkdir(directory, { recursive: true });
      const file = path.join(directory, `${Date.now()}-${crypto.randomUUID()}.eml`);
      // The file holds a recipient address and the message: readable by this user only.
      await fs.writeFile(file, info.message, { mode: 0o600 });
      logger.info({ file }, "wrote an e-mail to a file instead of sending it (SMTP_URL is not set)");
    },
    // A directory has no outage to recover from.
    async verify() {},
    close() {
      transporter.close();
    },
  };
}
