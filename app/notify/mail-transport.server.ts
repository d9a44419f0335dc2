import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { AppConfig } from "../config.server";
import type { Logger } from "../logging/logger.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  /** Resolves once the server accepted the message; throws when it did not. */
  send(message: MailMessage): Promise<void>;
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
 * A dead or silent server must fail within seconds: the dispatcher sends one message at a time
 * while holding a lease on it, and a retry later costs less than a stuck pass.
 */
const smtpTimeouts = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000, dnsTimeout: 5_000 };

function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(smtpOptions(smtpUrl));
  return {
    async send(message) {
      const info = await transporter.sendMail({ from, ...message });
      // With one recipient nodemailer already throws on refusal; this guards a partial acceptance.
      if (info.rejected.length > 0) throw new Error(`The SMTP server refused the recipient: ${info.response}`);
    },
    close() {
      transporter.close();
    },
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
    close() {
      transporter.close();
    },
  };
}
