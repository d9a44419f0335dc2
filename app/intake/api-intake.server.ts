import type { z } from "zod";
import type { CaseChannel } from "../db.server";
import type { Locale } from "../i18n/locales";
import { createTranslator, type MessageKey } from "../i18n/translate";
import type { AppServices } from "../services.server";
import { contactSchema, corruptionTipSchema } from "./intake-schema";
import { submissionFromContact, submissionFromTip } from "./intake-submission";
import { fileCase } from "./intake.server";
import { formatTrackingCode } from "../tracking/tracking-code";

export type FieldErrors = Record<string, Array<{ code: string; message: string }>>;

export type ApiIntakeResult =
  | { status: 201; body: { reference: string; trackingCode: string; deadlines: Record<"acknowledge" | "firstResponse" | "resolve", string | null> } }
  | { status: 400; body: { error: "invalid_input"; fieldErrors: FieldErrors } };

function fieldErrorsOf(error: z.ZodError, locale: Locale): FieldErrors {
  const t = createTranslator(locale);
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "body";
    // Our schemas speak in message keys; zod's own messages (a wrong type) fall back to "invalid".
    const code = issue.message.includes(".") ? issue.message : "validation.required";
    (errors[field] ??= []).push({ code, message: t(code as MessageKey) });
  }
  return errors;
}

const asDate = (timestamp: number | null) => (timestamp === null ? null : new Date(timestamp).toISOString());

/**
 * The intake API files with the same schemas and the same service as the web forms; the channel
 * comes from the caller's token. Evidence files are not taken over the API (yet): JSON only.
 */
export async function fileCaseFromApi(services: AppServices, body: unknown, channel: CaseChannel, tokenId: string, locale: Locale, now: number): Promise<ApiIntakeResult> {
  const kind = typeof body === "object" && body !== null && "kind" in body ? (body as { kind: unknown }).kind : undefined;
  let submission;
  if (kind === "corruption_tip") {
    const parsed = corruptionTipSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error, locale) } };
    submission = submissionFromTip(parsed.data, []);
  } else {
    const parsed = contactSchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { error: "invalid_input", fieldErrors: fieldErrorsOf(parsed.error, locale) } };
    submission = submissionFromContact(parsed.data, []);
  }
  const result = await fileCase(services, submission, { channel, apiTokenId: tokenId }, now);
  if ("problem" in result) {
    const t = createTranslator(locale);
    return { status: 400, body: { error: "invalid_input", fieldErrors: { categoryCode: [{ code: "validation.chooseCategory", message: t("validation.chooseCategory") }] } } };
  }
  const { receipt } = result;
  return {
    status: 201,
    body: {
      reference: receipt.reference,
      trackingCode: formatTrackingCode(receipt.trackingCode),
      deadlines: { acknowledge: asDate(receipt.deadlines.acknowledgeDueAt), firstResponse: asDate(receipt.deadlines.firstResponseDueAt), resolve: asDate(receipt.deadlines.resolveDueAt) },
    },
  };
}
