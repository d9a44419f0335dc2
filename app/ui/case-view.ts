import type { MessageKey } from "~/i18n/translate";
import type { TrackingLookupProblem } from "~/tracking/tracking.server";
import { formMessage, minutesToWait } from "./form-messages";

/*
 * Words for the reporter's view of a case (/track): which sentence tells each timeline event, how
 * a failed code lookup reads, how big a file is.
 */

/** Who reads a timeline: the reporter on /track, or staff on the case page. */
export type TimelineAudience = "reporter" | "staff";

/**
 * The timeline events that have a sentence of their own, and who reads each: the reporter sees the
 * lifecycle of the case, staff see that and also the handling among themselves (assignments,
 * notes, conflicts). Each audience words them in its own dictionary section.
 */
const describedEvents = {
  filed: ["reporter", "staff"],
  acknowledge: ["reporter", "staff"],
  start_work: ["reporter", "staff"],
  ask_reporter: ["reporter", "staff"],
  reporter_replied: ["reporter", "staff"],
  staff_replied: ["reporter", "staff"],
  resolve: ["reporter", "staff"],
  close: ["reporter", "staff"],
  reject: ["reporter", "staff"],
  refer: ["reporter", "staff"],
  merge: ["reporter", "staff"],
  reopen: ["reporter", "staff"],
  assigned: ["staff"],
  reclassified: ["staff"],
  internal_note: ["staff"],
  conflict_declared: ["staff"],
  staff_recused: ["staff"],
  assignee_released: ["staff"],
  duplicate_merged: ["staff"],
  // The escalation ladder (app/escalation): handling among staff, not news for the reporter.
  sla_due_soon: ["staff"],
  sla_breached: ["staff"],
  escalated: ["staff"],
  escalation_rerouted: ["staff"],
  senior_official_marked: ["staff"],
  // Executives' decisions (app/escalation/decision-rules.ts): the reporter reads what was decided, never the note.
  executive_ordered_action: ["reporter", "staff"],
  executive_appointed_committee: ["reporter", "staff"],
  executive_referred_nacc: ["reporter", "staff"],
  executive_referred_police: ["reporter", "staff"],
  executive_returned_to_team: ["reporter", "staff"],
  executive_closed_escalation: ["reporter", "staff"],
} as const satisfies Record<string, readonly TimelineAudience[]>;

type DescribedEvents = typeof describedEvents;
type EventFor<Audience extends TimelineAudience> = {
  [Type in keyof DescribedEvents]: Audience extends DescribedEvents[Type][number] ? Type : never;
}[keyof DescribedEvents];

function describedFor<Audience extends TimelineAudience>(type: string, audience: Audience): type is EventFor<Audience> {
  if (!Object.hasOwn(describedEvents, type)) return false;
  const audiences: readonly TimelineAudience[] = describedEvents[type as keyof DescribedEvents];
  return audiences.includes(audience);
}

/**
 * The sentence for a timeline event, named as the lifecycle names it. An event type added later
 * (or one the audience does not read about) reads as a generic "case updated" rather than as a
 * raw code.
 */
export function timelineEventKey(type: string, audience: TimelineAudience = "reporter"): MessageKey {
  if (audience === "staff") return describedFor(type, "staff") ? `staffCase.timeline.events.${type}` : "staffCase.timeline.events.other";
  return describedFor(type, "reporter") ? `tracking.timeline.events.${type}` : "tracking.timeline.events.other";
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
