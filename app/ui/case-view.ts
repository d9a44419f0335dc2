import type { MessageKey } from "~/i18n/translate";
import type { TrackingLookupProblem } from "~/tracking/tracking.server";
import { formMessage, minutesToWait } from "./form-messages";

/*
 * Words for the reporter's view of a case (/track): which sentence tells each timeline event, how
 * a failed code lookup reads, how big a file is.
 */

const describedEvents = new Set([
  "filed",
  "acknowledge",
  "start_work",
  "ask_reporter",
  "reporter_replied",
  "staff_replied",
  "resolve",
  "close",
  "reject",
  "refer",
  "merge",
  "reopen",
] as const);

type DescribedEvent = typeof describedEvents extends Set<infer Type> ? Type : never;

/**
 * The sentence for a timeline event, named as the lifecycle names it. An event type added later
 * reads as a generic "your case was updated" rather than as a raw code.
 */
export function timelineEventKey(type: string): MessageKey {
  if (describedEvents.has(type as DescribedEvent)) return `tracking.timeline.events.${type as DescribedEvent}`;
  return "tracking.timeline.events.other";
}


const lookupProblemKeys: Record<TrackingLookupProblem, MessageKey> = {
  malformed: "validation.trackingCodeMalformed",
  mistyped: "validation.trackingCodeMistyped",
  unknown: "validation.trackingCodeUnknown",
  throttled: "validation.throttled",
};

/** The error shown beside the code field when a code opens nothing. */
export function trackingProblemMessage(lookup: { problem: TrackingLookupProblem; retryAfterMs?: number }): string {
  if (lookup.problem === "throttled") return formMessage(lookupProblemKeys.throttled, { minutes: minutesToWait(lookup.retryAfterMs) });
  return lookupProblemKeys[lookup.problem];
}

/** "340 KB" under a megabyte (never "0 KB"), "2.4 MB" from there on; the number is formatted by the caller. */
export function fileSizeMessage(bytes: number): { key: MessageKey; size: number } {
  const kilobytes = bytes / 1024;
  if (kilobytes < 1024) return { key: "tracking.files.kilobytes", size: Math.max(1, Math.round(kilobytes)) };
  return { key: "tracking.files.megabytes", size: Math.round((kilobytes / 1024) * 10) / 10 };
}
