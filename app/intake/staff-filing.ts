import { z } from "zod";
import type { CaseChannel, CaseKind } from "../db.server";
import type { MessageKey } from "../i18n/translate";
import type { IntakeSubmission } from "./intake.server";
import { privacyNoticeVersion } from "./privacy-notice";

/*
 * What an operator types when filing a case for someone who phoned, walked in, wrote or messaged
 * the agency (ARCHITECTURE §1). Shared by the page (Conform validates as they type) and the
 * action; like the public forms, messages are translation keys.
 */

/** Every kind, a corruption tip included: a whistleblower may well ring rather than type. */
/** The form's file field: the page renders it, the server streams it. */
export const staffFilingEvidenceField = "evidence";

export const filingKinds = ["corruption_tip", "complaint", "question", "suggestion", "compliment"] as const satisfies readonly CaseKind[];

/** The channels a person reaches an operator by; web and api file themselves. */
export const staffFilingChannels = ["phone", "walk_in", "letter", "email", "line", "social"] as const satisfies readonly CaseChannel[];
export type StaffFilingChannel = (typeof staffFilingChannels)[number];

export const filingIdentities = ["named", "anonymous"] as const;
export const filingRelations = ["staff", "outside", "unknown"] as const;

/**
 * How far back a received date may go. Letters arrive and queue for days, not months; a date
 * further back is far likelier a typo (a wrong year) that would start every clock already overdue.
 */
export const maxReceivedDaysAgo = 60;

const message = (key: MessageKey) => ({ message: key });
const optionalText = (maximum: number) => z.string().trim().max(maximum, message("validation.tooLong")).optional();

export const staffFilingSchema = z
  .object({
    kind: z.enum(filingKinds, message("validation.chooseOne")),
    categoryCode: z.string(message("validation.chooseCategory")).regex(/^[a-z_]+\.[a-z_]+$/, message("validation.chooseCategory")),
    channel: z.enum(staffFilingChannels, message("validation.chooseOne")),
    /** A date input's "YYYY-MM-DD", in Bangkok; empty means today. The range is checked on filing. */
    receivedOn: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, message("staffFiling.validation.receivedOnFormat"))
      .optional(),
    narrative: z.string(message("validation.required")).trim().min(10, message("validation.describeMore")).max(20_000, message("validation.tooLong")),
    whenHappened: optionalText(200),
    whereHappened: optionalText(500),
    peopleInvolved: optionalText(5_000),
    reporterRelation: z.enum(filingRelations, message("validation.chooseOne")),
    identity: z.enum(filingIdentities, message("validation.chooseOne")),
    name: optionalText(200),
    email: z.string().trim().max(254, message("validation.tooLong")).email(message("validation.email")).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{9,20}$/, message("validation.phone"))
      .optional(),
    consentConfirmed: z.boolean().default(false),
  })
  .superRefine((filing, context) => {
    if (filing.identity !== "named") return;
    if (!filing.name) context.addIssue({ code: "custom", path: ["name"], message: "validation.required" satisfies MessageKey });
    // Said aloud or signed on paper, the consent is the reporter's; the operator confirms it was given.
    if (!filing.consentConfirmed) context.addIssue({ code: "custom", path: ["consentConfirmed"], message: "staffFiling.validation.consentNeeded" satisfies MessageKey });
  });

export type StaffFilingInput = z.infer<typeof staffFilingSchema>;

/**
 * What intake files. An anonymous filing keeps nothing of the identity fields, even if the
 * operator typed some before switching to anonymous (without JavaScript they are all sent).
 */
export function submissionFromStaffFiling(filing: StaffFilingInput, files: File[]): IntakeSubmission {
  const identity = filing.identity === "named" ? { name: filing.name, email: filing.email, phone: filing.phone } : undefined;
  return {
    kind: filing.kind,
    categoryCode: filing.categoryCode,
    narrative: filing.narrative,
    details: { when: filing.whenHappened, where: filing.whereHappened },
    peopleInvolved: filing.peopleInvolved,
    reporterRelation: filing.reporterRelation,
    identity,
    consentVersion: identity && filing.consentConfirmed ? privacyNoticeVersion : undefined,
    files,
  };
}
