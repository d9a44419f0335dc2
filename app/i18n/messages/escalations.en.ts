import type { Widen } from "./widen";
import type { escalationsTh } from "./escalations.th";

/** Staff pages: the escalation inbox of executives and its decisions, in English. */
export const escalationsEn = {
  escalateForm: {
    heading: "Escalate to the executives",
    hint: "The case goes to the executives who are not implicated in it. When every executive is, it goes to the audit committee instead.",
    reasonLabel: "Reason for escalating",
    reasonHint: "Executives read this reason after signing in; the notification e-mail does not contain it.",
    submit: "Escalate",
    done: "The case has been escalated to the executives.",
    problems: {
      title: "The case could not be escalated",
      invalid_input: "Please give a reason for escalating the case.",
      not_allowed_in_status: "A finished case cannot be escalated.",
    },
  },
} satisfies Widen<typeof escalationsTh>;
