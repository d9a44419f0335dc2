import type { AppEnvironment } from "../config.server";

/**
 * Where a webhook may point. Alerts cross the network signed but not encrypted by us, so only
 * HTTPS; plain HTTP only to this machine in development, for a receiver run on a laptop.
 */
export type WebhookUrlProblem = "not_a_url" | "not_https" | "has_credentials";

const loopbackHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function webhookUrlProblem(text: string, appEnvironment: AppEnvironment): WebhookUrlProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not_a_url";
  }
  // Credentials in the URL would sit in plaintext in the webhooks table; the signature is the credential.
  if (url.username || url.password) return "has_credentials";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && appEnvironment === "development" && loopbackHosts.has(url.hostname)) return null;
  return url.protocol === "http:" ? "not_https" : "not_a_url";
}
