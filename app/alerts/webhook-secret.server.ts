import crypto from "node:crypto";
import { decryptText, encryptText, type Keyring } from "../crypto/envelope.server";

/** 256 random bits; the prefix tells an operator which secret a pasted string is. */
export function generateWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}

/** Binds the envelope to its webhook: a secret copied onto another row fails to open there. */
function secretContext(webhookId: string): string {
  return `webhooks.secret:${webhookId}`;
}

export function encryptWebhookSecret(keyring: Keyring, webhookId: string, secret: string): string {
  return encryptText(keyring, secret, secretContext(webhookId));
}

export function decryptWebhookSecret(keyring: Keyring, webhookId: string, envelope: string): string {
  return decryptText(keyring, envelope, secretContext(webhookId));
}
