import type { AppConfig } from "../config.server";
import { UndeliverableMessage, type OutboxLinePush } from "../notify/outbox.server";
import { discardBody } from "./discard-body";

export const linePushEndpoint = "https://api.line.me/v2/bot/message/push";

/**
 * One attempt at a LINE Messaging API push. The retry key travels with the outbox row, so LINE
 * pushes a retried message once even if our first attempt reached it and only its answer was lost.
 * 2xx is delivered, and so is 409: LINE's word that this retry key was already accepted. 429 (rate
 * limit) and 5xx are retried by the outbox; any other answer says the request itself is wrong (a
 * revoked token, a chat the bot left) and retrying cannot help: the row is dead-lettered.
 */
export async function pushLineMessage(config: Pick<AppConfig, "alerts">, push: OutboxLinePush): Promise<void> {
  const line = config.alerts.line;
  if (!line) throw new UndeliverableMessage("LINE is no longer configured (LINE_CHANNEL_ACCESS_TOKEN)");
  const response = await fetch(linePushEndpoint, {
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      Authorization: `Bearer ${line.channelAccessToken}`,
      "X-Line-Retry-Key": push.retryKey,
    },
    body: JSON.stringify({ to: push.to, messages: [{ type: "text", text: push.text }] }),
    signal: AbortSignal.timeout(config.alerts.timeoutMs),
  });
  if ((response.status >= 200 && response.status <= 299) || response.status === 409) {
    discardBody(response);
    return;
  }
  const reason = `LINE answered HTTP ${response.status}${await lineErrorMessage(response)}`;
  if (response.status === 429 || response.status >= 500) throw new Error(reason);
  throw new UndeliverableMessage(reason);
}

/** LINE's own one-line explanation ("The property, 'to', in the request body is invalid"), if any. */
async function lineErrorMessage(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: unknown };
    return typeof body.message === "string" ? `: ${body.message}` : "";
  } catch {
    return "";
  }
}
