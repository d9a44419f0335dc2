import { EventEmitter } from "node:events";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./free-port";

/**
 * A real SMTP server on loopback (ARCHITECTURE §12: msw cannot intercept SMTP). It keeps every
 * message it accepts, parsed, and can play a server that refuses mail, so tests exercise the
 * dispatcher's retries against real SMTP replies.
 */
export interface ReceivedMail {
  /** The From header, e.g. `Prongsai <no-reply@localhost>`. */
  from: string;
  /** The envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The message as it arrived, headers and encoded body. */
  raw: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  /** Every message accepted so far, in order of arrival. */
  readonly messages: ReceivedMail[];
  /** How many recipients it has refused so far. */
  readonly refusals: number;
  /** Resolves once at least `count` messages have arrived; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** While true, every recipient is refused with a temporary failure (451). */
  setRefusing(refusing: boolean): void;
  stop(): Promise<void>;
}

export interface SmtpServerOptions {
  /** Refuse the first N recipients, then accept. */
  failFirst?: number;
  /** Refuse every recipient until `setRefusing(false)`. */
  reject?: boolean;
  /** Listen on this port instead of a free one: a server stopped for an outage comes back where the app expects it. */
  port?: number;
}

interface SmtpReplyError extends Error {
  responseCode: number;
}

/** A reply shaped like a real server's: it names the recipient, as Postfix does. */
function temporaryRefusal(address: string): SmtpReplyError {
  return Object.assign(new Error(`4.7.1 <${address}>: Recipient address temporarily refused, try again later`), { responseCode: 451 });
}

export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const port = options.port ?? (await freePort());
  const messages: ReceivedMail[] = [];
  const arrivals = new EventEmitter();
  let refusing = options.reject ?? false;
  let refusalsLeft = options.failFirst ?? 0;
  let refusals = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // A reverse DNS lookup per connection would only slow every test down.
    disableReverseLookup: true,
    onRcptTo(address, _session, callback) {
      if (refusing || refusalsLeft > 0) {
        refusalsLeft = Math.max(0, refusalsLeft - 1);
        refusals += 1;
        callback(temporaryRefusal(address.address));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        // Stored before the 250 reply, so a message is here by the time the sender's call returns.
        simpleParser(raw)
          .then((parsed) => {
            messages.push({
              from: parsed.from?.text ?? "",
              to: session.envelope.rcptTo.map((recipient) => recipient.address),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: parsed.html || "",
              raw: raw.toString("utf8"),
            });
            arrivals.emit("message");
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  // A sender that dies mid-session (an app killed with SIGKILL) resets its connection: a real
  // server drops that session and goes on serving, rather than crash the test.
  server.on("error", () => {});

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    get refusals() {
      return refusals;
    },
    waitForMessages(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          arrivals.off("message", check);
          resolve([...messages]);
        };
        const timer = setTimeout(() => {
          arrivals.off("message", check);
          reject(new Error(`expected ${count} e-mail(s) within ${timeoutMs} ms, received ${messages.length}`));
        }, timeoutMs);
        arrivals.on("message", check);
        check();
      });
    },
    setRefusing(value) {
      refusing = value;
    },
    stop() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
