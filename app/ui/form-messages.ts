import type { MessageKey, MessageParams, Translate } from "~/i18n/translate";
import type { AttachmentRefusalReason } from "~/attachments/attachments.server";

/*
 * Conform carries every error as a plain string, and our zod schemas make that string a message
 * key ("validation.required"), so the page shows it in the reader's language. Some errors need
 * values — which file, how many megabytes — so such a message travels as the key followed by its
 * parameters as a query string: "validation.fileTooLarge?fileName=scan.pdf&megabytes=20". Keys
 * never contain "?", so the two parts cannot be confused.
 */

/** A message key with its parameters, as one string that Conform can carry. */
export function formMessage(key: MessageKey, params?: MessageParams): string {
  if (!params || Object.keys(params).length === 0) return key;
  const query = new URLSearchParams(Object.entries(params).map(([name, value]) => [name, String(value)]));
  return `${key}?${query.toString()}`;
}

/** The text of a message made by `formMessage` (or a bare key), in the reader's language. */
export function translateFormMessage(t: Translate, message: string): string {
  const separator = message.indexOf("?");
  if (separator === -1) return t(message as MessageKey);
  const params = Object.fromEntries(new URLSearchParams(message.slice(separator + 1)));
  return t(message.slice(0, separator) as MessageKey, params);
}

// Types only: erased from the bundle, so this module stays browser-safe.
import type { UploadLimits as CollectorLimits, UploadProblem } from "~/attachments/upload-handler.server";

export type { UploadProblem };
/** The limits a message names: how many files, how large each. */
export type UploadLimits = Pick<CollectorLimits, "maxFiles" | "maxFileBytes">;

export interface FormErrors {
  formErrors: string[];
  fieldErrors: Record<string, string[]>;
}

const bytesPerMegabyte = 1024 * 1024;

/** The size limit as people read it: "20", or "1.5" when the setting is not whole megabytes. */
export function megabytesOf(bytes: number): number {
  return Math.round((bytes / bytesPerMegabyte) * 10) / 10;
}

function addError(errors: Record<string, string[]>, field: string, message: string) {
  // The field name comes from the request: "__proto__" or "constructor" must name a field like any
  // other, not reach the object's prototype (which made a hand-made form answer with a 500).
  const fieldErrors = Object.hasOwn(errors, field) ? errors[field]! : [];
  if (!fieldErrors.includes(message)) fieldErrors.push(message);
  Object.defineProperty(errors, field, { value: fieldErrors, enumerable: true, writable: true, configurable: true });
}

/**
 * Upload problems as errors of their fields: one message per oversized file, naming it; one per
 * field that was sent too many files; "too long" on a text field that was cut. A form of endless
 * fields is no person's doing: it is refused as a whole.
 */
export function uploadProblemErrors(problems: readonly UploadProblem[], limits: UploadLimits): FormErrors {
  const result: FormErrors = { formErrors: [], fieldErrors: {} };
  for (const problem of problems) {
    switch (problem.reason) {
      case "too_large":
        addError(result.fieldErrors, problem.field, formMessage("validation.fileTooLarge", { fileName: problem.fileName, megabytes: megabytesOf(limits.maxFileBytes) }));
        break;
      case "too_many":
        addError(result.fieldErrors, problem.field, formMessage("validation.tooManyFiles", { count: limits.maxFiles }));
        break;
      case "text_too_long":
        addError(result.fieldErrors, problem.field, "validation.tooLong");
        break;
      case "too_many_fields":
        if (!result.formErrors.includes("validation.submissionRefused")) result.formErrors.push("validation.submissionRefused");
        break;
    }
  }
  return result;
}

const refusalKeys: Record<Exclude<AttachmentRefusalReason, "too_large" | "too_many">, MessageKey> = {
  executable: "validation.fileRefusedExecutable",
  archive: "validation.fileRefusedArchive",
  unsupported: "validation.fileRefusedUnsupported",
  empty: "validation.fileRefusedEmpty",
  unreadable: "validation.fileRefusedUnreadable",
  pdf_embedded_files: "validation.fileRefusedPdfEmbeddedFiles",
};

/**
 * Files the attachment service refused after reading them, as messages naming each file and why.
 * A reason this page does not know yet reads as "not a supported file": still true, and still useful.
 */
export function attachmentRefusalErrors(refusals: ReadonlyArray<{ fileName: string; reason: string }>, limits: UploadLimits): string[] {
  return refusals.map((refusal) => {
    // The service checks the limits again (the API does not stream through the collector).
    if (refusal.reason === "too_large") return formMessage("validation.fileTooLarge", { fileName: refusal.fileName, megabytes: megabytesOf(limits.maxFileBytes) });
    if (refusal.reason === "too_many") return formMessage("validation.tooManyFiles", { count: limits.maxFiles });
    const key = refusalKeys[refusal.reason as keyof typeof refusalKeys] ?? "validation.fileRefusedUnsupported";
    return formMessage(key, { fileName: refusal.fileName });
  });
}

/** Minutes to wait, as a person would be told: rounded up, never zero. */
export function minutesToWait(retryAfterMs: number | undefined): number {
  return Math.max(1, Math.ceil((retryAfterMs ?? 0) / 60_000));
}
