import type { Widen } from "./widen";
import type { caseTermsTh } from "./case-terms.th";

export const caseTermsEn = {
  kinds: {
    corruption_tip: "Corruption report",
    complaint: "Complaint",
    question: "Question",
    suggestion: "Suggestion",
    compliment: "Compliment",
  },
  statuses: {
    new: "Received, waiting to be reviewed",
    acknowledged: "Acknowledged by our staff",
    in_progress: "In progress",
    awaiting_reporter: "Waiting for more information from you",
    resolved: "Resolved",
    closed: "Closed",
    rejected: "Not taken up",
    referred: "Referred to the responsible agency",
    merged: "Merged with another report about the same matter",
    reopened: "Reopened",
  },
  clocks: {
    acknowledge: "Acknowledgement",
    first_response: "First response",
    resolve: "Resolution",
  },
  channels: {
    web: "Website",
    api: "Connected system",
    phone: "Telephone",
    walk_in: "In person",
    letter: "Letter",
    email: "E-mail",
    line: "LINE",
    social: "Social media",
  },
  reporterRelations: {
    staff: "I work for the agency",
    outside: "I do not work for the agency",
    unknown: "I prefer not to say",
  },
} as const satisfies Widen<typeof caseTermsTh>;
