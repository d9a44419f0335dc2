import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { AppLoadContext } from "@remix-run/node";
import type { StaffUserForPermissions } from "../auth/permissions";
import { addDaysToDateKey, bangkokDateKey, isValidDateKey, startOfBangkokDay } from "../calendar/thai-calendar";
import { formatTrackingCode } from "../tracking/tracking-code";
import { attachmentRefusalErrors, uploadProblemErrors } from "../ui/form-messages";
import type { ReceiptData } from "../ui/Receipt";
import { filesIn, readSubmittedForm, sendsAcknowledgement } from "./intake-form.server";
import { fileCase } from "./intake.server";
import { maxReceivedDaysAgo, staffFilingEvidenceField, staffFilingSchema, submissionFromStaffFiling, type StaffFilingChannel } from "./staff-filing";

/*
 * Filing on someone's behalf (/staff/file): the public forms' pipeline without their anti-abuse
 * checks (the operator is signed in and the permission was checked by the route), with the channel
 * the person used, the operator's id, and the day the agency received it.
 */


/** The receipt the operator hands over: the public receipt, plus how and when it came in. */
export interface StaffFilingReceipt extends ReceiptData {
  channel: StaffFilingChannel;
  receivedAt: number;
  anonymous: boolean;
}

export type StaffFilingOutcome = { status: 200; body: { receipt: StaffFilingReceipt } } | { status: 400; body: { result: SubmissionResult<string[]> } };

type ReceivedOn = { receivedAt: number | undefined } | { problem: MessageProblem };
type MessageProblem = "staffFiling.validation.receivedOnFormat" | "staffFiling.validation.receivedInFuture" | "staffFiling.validation.receivedTooEarly";

/**
 * The day typed, as the instant the clocks start. We rarely know the hour a letter came, so an
 * earlier day starts at its first moment in Bangkok: the reporter is never promised less than the
 * policy says. Today (or nothing) is now.
 */
export function receivedAtOf(receivedOn: string | undefined, now: number): ReceivedOn {
  if (!receivedOn) return { receivedAt: undefined };
  if (!isValidDateKey(receivedOn)) return { problem: "staffFiling.validation.receivedOnFormat" };
  const today = bangkokDateKey(now);
  if (receivedOn > today) return { problem: "staffFiling.validation.receivedInFuture" };
  if (receivedOn < addDaysToDateKey(today, -maxReceivedDaysAgo)) return { problem: "staffFiling.validation.receivedTooEarly" };
  return { receivedAt: receivedOn === today ? undefined : startOfBangkokDay(receivedOn) };
}

/**
 * One filing from the operator's form to a receipt, or the form sent back with everything typed.
 * The tracking code goes into the response body only: never a URL, a log line or the audit entry.
 */
export async function fileOnBehalf(request: Request, context: Pick<AppLoadContext, "services">, staff: StaffUserForPermissions): Promise<StaffFilingOutcome> {
  const { services } = context;
  const now = Date.now();
  const { formData, uploadProblems } = await readSubmittedForm(request, services.config, [staffFilingEvidenceField]);
  const files = filesIn(formData, staffFilingEvidenceField);
  const submission = parseWithZod(formData, { schema: staffFilingSchema });
  const reselect = files.length > 0 || uploadProblems.some((problem) => problem.field === staffFilingEvidenceField) ? ["validation.chooseFilesAgain"] : [];
  const sendBack = (errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): StaffFilingOutcome => ({
    status: 400,
    body: { result: submission.reply({ formErrors: [...(errors.formErrors ?? []), ...reselect], fieldErrors: errors.fieldErrors }) },
  });

  const upload = uploadProblemErrors(uploadProblems, services.config.attachments);
  if (submission.status !== "success" || upload.formErrors.length > 0 || Object.keys(upload.fieldErrors).length > 0) return sendBack(upload);
  const received = receivedAtOf(submission.value.receivedOn, now);
  if ("problem" in received) return sendBack({ fieldErrors: { receivedOn: [received.problem] } });

  const intake = submissionFromStaffFiling(submission.value, files);
  const outcome = await fileCase(services, intake, { channel: submission.value.channel, filedByStaffId: staff.id, receivedAt: received.receivedAt }, now);
  if ("problem" in outcome) {
    if (outcome.problem === "unknown_category") return sendBack({ fieldErrors: { categoryCode: ["forms.categoryUnavailable"] } });
    return sendBack({ fieldErrors: { [staffFilingEvidenceField]: attachmentRefusalErrors(outcome.refusals, services.config.attachments) } });
  }
  // Built from what this request typed and what filing returned: nothing is read back from the
  // case, so an intake officer who filed a tip (and may not open it) learns nothing more here.
  const { receipt } = outcome;
  return {
    status: 200,
    body: {
      receipt: {
        reference: receipt.reference,
        kind: receipt.kind,
        trackingCode: formatTrackingCode(receipt.trackingCode),
        filedAt: receipt.filedAt,
        deadlines: receipt.deadlines,
        acknowledgementEmail: sendsAcknowledgement(intake),
        channel: submission.value.channel,
        receivedAt: receipt.receivedAt,
        anonymous: intake.identity === undefined,
      },
    },
  };
}
