import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod, unstable_coerceFormValue as coerceFormValue } from "@conform-to/zod";
import { unstable_parseMultipartFormData, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import { acceptedTypes } from "../attachments/attachment-rules";
import { createUploadCollector, type UploadProblem } from "../attachments/upload-handler.server";
import type { AppConfig } from "../config.server";
import { formatTrackingCode } from "../tracking/tracking-code";
import { attachmentRefusalErrors, formMessage, minutesToWait, uploadProblemErrors } from "../ui/form-messages";
import type { ReceiptData } from "../ui/Receipt";
import { honeypotFieldName } from "./intake-schema";
import { fileCase, type IntakeSubmission } from "./intake.server";

/*
 * The glue between the public forms (/report, /contact, /track) and the intake services: reading a
 * multipart body within the attachment limits, the anti-abuse checks, and turning what a form
 * validated into what `fileCase` takes. Nothing here stores or logs what the person typed.
 */

export interface SubmittedForm {
  formData: FormData;
  uploadProblems: UploadProblem[];
}

/**
 * The submitted form, with files held to the configured limits while the body streams in. A form
 * sent without files (url-encoded) is read as it is; a body that is no form reads as an empty one.
 */
export async function readSubmittedForm(request: Request, config: Pick<AppConfig, "attachments">, fileFieldNames: readonly string[]): Promise<SubmittedForm> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    return { formData: await request.formData().catch(() => new FormData()), uploadProblems: [] };
  }
  const collector = createUploadCollector({ ...config.attachments, fileFieldNames });
  try {
    const formData = await unstable_parseMultipartFormData(withWholeEnding(request, contentType), collector.uploadHandler);
    return { formData, uploadProblems: collector.problems() };
  } catch {
    // A body cut off or malformed: nothing of it can be trusted, so it is an empty form.
    return { formData: new FormData(), uploadProblems: collector.problems() };
  }
}

/**
 * The request with its body's last bytes always delivered in one chunk. Remix's multipart parser
 * (@web3-storage/multipart-parser) rejects a body whose chunk ends right before the closing
 * delimiter's final `--`, and the form then reads as empty: everything typed lost. Whether a chunk
 * ends there depends on how the network cut the body (about once in 65,000 uploads large enough to
 * arrive in pieces), so the last bytes, at least a whole closing delimiter, are held back and sent
 * with the end.
 */
function withWholeEnding(request: Request, contentType: string): Request {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary || !request.body) return request;
  // "\r\n--" + boundary + "--\r\n", and a little more.
  const holdBack = boundary.length + 16;
  let tail = new Uint8Array(0);
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const joined = new Uint8Array(tail.byteLength + chunk.byteLength);
        joined.set(tail);
        joined.set(chunk, tail.byteLength);
        const cut = Math.max(0, joined.byteLength - holdBack);
        if (cut > 0) controller.enqueue(joined.subarray(0, cut));
        tail = joined.slice(cut);
      },
      flush(controller) {
        if (tail.byteLength > 0) controller.enqueue(tail);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit);
}

/** The files chosen in one file input (a browser sends an empty part for an input left empty). */
export function filesIn(formData: FormData, fieldName: string): File[] {
  return formData.getAll(fieldName).filter((value): value is File => typeof value !== "string");
}

/**
 * A bot fills every field it finds; people never see this one. Its value is checked, never kept.
 */
export function isHoneypotFilled(formData: FormData): boolean {
  const value = formData.get(honeypotFieldName);
  return typeof value === "string" && value.trim() !== "";
}

/**
 * Counts this filing against the client's in-memory allowance; the form-level message to show when
 * the allowance is spent, else undefined.
 */
export function submissionThrottleMessage(context: Pick<AppLoadContext, "services" | "clientKey">, now: number): string | undefined {
  const attempt = context.services.throttles.submissions.attempt(context.clientKey, now);
  return attempt.allowed ? undefined : formMessage("validation.throttled", { minutes: minutesToWait(attempt.retryAfterMs) });
}

/** The limits a form shows beside its file input, and the `accept` hint for the browser's picker. */
export function attachmentRules(config: Pick<AppConfig, "attachments">) {
  const extensions = new Set(acceptedTypes.flatMap((type) => type.aliases.map((alias) => `.${alias}`)));
  return { maxFiles: config.attachments.maxFiles, maxFileBytes: config.attachments.maxFileBytes, accept: [...extensions].join(",") };
}

export type AttachmentRules = ReturnType<typeof attachmentRules>;

/** Whether intake will e-mail an acknowledgement: only to a named reporter who gave an address. */
export function sendsAcknowledgement(submission: IntakeSubmission): boolean {
  return Boolean(submission.identity?.email);
}

const coercedSchemas = new WeakMap<z.ZodTypeAny, z.ZodTypeAny>();

/**
 * The schema as `parseWithZod` coerces it (empty strings and files to undefined), built once per
 * form: left to itself, `parseWithZod` rebuilds that whole schema tree on every filing, and the
 * intake path's main-thread time is taken from the argon2 hashes' share of the CPUs.
 */
function coercedSchemaOf<Schema extends z.ZodTypeAny>(schema: Schema): Schema {
  let coerced = coercedSchemas.get(schema);
  if (!coerced) {
    coerced = coerceFormValue(schema);
    coercedSchemas.set(schema, coerced);
  }
  return coerced as Schema;
}

export type FilingOutcome = { status: 200; body: { receipt: ReceiptData } } | { status: 400 | 429; body: { result: SubmissionResult<string[]> } };

/**
 * One web filing, from the request to a receipt or the form sent back: read within the limits,
 * refuse a bot, validate, count the filing against the client's allowance, then `fileCase`.
 * Whatever goes wrong, the answer carries everything typed, and a note to choose the files again
 * (a browser never refills a file input).
 */
export async function fileFromWebForm<Schema extends z.ZodTypeAny>(
  request: Request,
  context: Pick<AppLoadContext, "services" | "clientKey">,
  form: { schema: Schema; fileField: string; toSubmission: (value: z.output<Schema>, files: File[]) => IntakeSubmission },
): Promise<FilingOutcome> {
  const { services } = context;
  const now = Date.now();
  const { formData, uploadProblems } = await readSubmittedForm(request, services.config, [form.fileField]);
  const files = filesIn(formData, form.fileField);
  const submission = parseWithZod(formData, { schema: coercedSchemaOf(form.schema), disableAutoCoercion: true });
  const reselect = files.length > 0 || uploadProblems.some((problem) => problem.field === form.fileField) ? ["validation.chooseFilesAgain"] : [];
  const sendBack = (status: 400 | 429, errors: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }): FilingOutcome => ({
    status,
    body: { result: submission.reply({ formErrors: [...(errors.formErrors ?? []), ...reselect], fieldErrors: errors.fieldErrors }) },
  });

  if (isHoneypotFilled(formData)) return sendBack(400, { formErrors: ["validation.submissionRefused"] });
  const upload = uploadProblemErrors(uploadProblems, services.config.attachments);
  if (submission.status !== "success" || upload.formErrors.length > 0 || Object.keys(upload.fieldErrors).length > 0) return sendBack(400, upload);
  // Only filings count against the allowance: a form sent back for corrections stores nothing.
  const throttled = submissionThrottleMessage(context, now);
  if (throttled) return sendBack(429, { formErrors: [throttled] });

  const intake = form.toSubmission(submission.value, files);
  const outcome = await fileCase(services, intake, { channel: "web" }, now);
  if ("problem" in outcome) {
    if (outcome.problem === "unknown_category") return sendBack(400, { fieldErrors: { categoryCode: ["forms.categoryUnavailable"] } });
    return sendBack(400, { fieldErrors: { [form.fileField]: attachmentRefusalErrors(outcome.refusals, services.config.attachments) } });
  }
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
      },
    },
  };
}
