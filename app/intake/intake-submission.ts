import type { ContactInput, CorruptionTipInput } from "./intake-schema";
import type { IntakeSubmission } from "./intake.server";
import { privacyNoticeVersion } from "./privacy-notice";

/**
 * From what a form or the API received to what intake files. Both channels share these, so a tip
 * means the same thing however it arrives.
 */
export function submissionFromTip(tip: CorruptionTipInput, files: File[]): IntakeSubmission {
  const identity = tip.giveContact ? { name: tip.contactName, email: tip.contactEmail, phone: tip.contactPhone } : undefined;
  return {
    kind: "corruption_tip",
    categoryCode: tip.categoryCode,
    narrative: tip.whatHappened,
    details: { when: tip.whenHappened, where: tip.whereHappened },
    peopleInvolved: tip.peopleInvolved,
    reporterRelation: tip.reporterRelation,
    identity,
    consentVersion: identity ? privacyNoticeVersion : undefined,
    files,
  };
}

export function submissionFromContact(contact: ContactInput, files: File[]): IntakeSubmission {
  const identity = contact.identity === "named" ? { name: contact.name, email: contact.email, phone: contact.phone } : undefined;
  return {
    kind: contact.kind,
    categoryCode: contact.categoryCode,
    narrative: contact.details,
    details: {},
    reporterRelation: "unknown",
    identity,
    consentVersion: identity && contact.consent ? privacyNoticeVersion : undefined,
    files,
  };
}
