import { domainToASCII } from "node:url";

/**
 * The Message-ID of the e-mail an outbox row sends (decision 0015). Delivery is at least once: a
 * dispatcher that dies after the SMTP server accepted a message but before marking its row sent
 * sends it again. Deriving the Message-ID from the row makes that second copy the *same* message,
 * which receiving servers and mail clients that de-duplicate by Message-ID drop, and which the load
 * checks count as one e-mail. The format `<{outboxId}@{domain}>` is relied on by those checks.
 */
export function outboxMessageId(outboxId: string, from: string): string {
  return `<${outboxId}@${senderDomain(from)}>`;
}

/** Used when the sender address has no domain usable in a Message-ID: `.invalid` can never be anyone's. */
export const fallbackMessageIdDomain = "prongsai.invalid";

/** Letters, digits, hyphens and underscores in dot-separated labels: safe on the right of a Message-ID's "@". */
const messageIdDomainPattern = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/**
 * The domain of `MAIL_FROM` (`Prongsai <no-reply@prongsai.go.th>` or a bare address), so the
 * Message-ID names the agency's own domain, as RFC 5322 recommends for uniqueness. A Thai domain
 * is written in its ASCII (punycode) form: a Message-ID is ASCII.
 */
function senderDomain(from: string): string {
  const bracketed = /<([^<>]*)>\s*$/.exec(from);
  const address = (bracketed ? bracketed[1]! : from).trim();
  const at = address.lastIndexOf("@");
  if (at < 0) return fallbackMessageIdDomain;
  const domain = domainToASCII(address.slice(at + 1).trim()).replace(/\.$/, "");
  return messageIdDomainPattern.test(domain) ? domain : fallbackMessageIdDomain;
}
