import type { InputIssue } from "~/cases/case-actions.server";
import { commandFieldNames, type CaseCommandType } from "~/cases/case-commands";
import type { MessageKey } from "~/i18n/translate";

/*
 * Between a case page form and the command service: what the form sent, the command it stands for,
 * and the sentence for each problem with its input.
 */

/** Fields answered by choosing from a list: a missing answer reads "please choose". */
const choiceFields = new Set([
  "kind",
  "categoryCode",
  "priority",
  "agency",
  "outcome",
  "assigneeId",
  "recusedStaffId",
]);

const issueKeys: Readonly<Record<string, MessageKey>> = {
  too_big: "staffCase.issues.tooLong",
  nothing_to_change: "staffCase.issues.nothing_to_change",
  category_required: "staffCase.issues.category_required",
  invalid_date: "staffCase.issues.invalid_date",
  in_the_future: "staffCase.issues.in_the_future",
  before_filing: "staffCase.issues.before_filing",
  required: "staffCase.issues.required",
};

export function issueMessage(issue: InputIssue): MessageKey {
  const known = Object.hasOwn(issueKeys, issue.code) ? issueKeys[issue.code] : undefined;
  if (known) return known;
  if (
    issue.code === "too_small" ||
    issue.code === "invalid_type" ||
    issue.code === "invalid_enum_value"
  ) {
    return choiceFields.has(issue.field)
      ? "staffCase.issues.choose"
      : "staffCase.issues.required";
  }
  return "staffCase.issues.invalid";
}

/** What the officer typed, to fill the form again after a problem (without JavaScript too). */
export function submittedValues(
  formData: FormData,
  intent: CaseCommandType
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of commandFieldNames(intent)) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** An empty field is an unanswered one: optional fields are then left out, required ones fail as missing. */
export function commandOf(
  intent: CaseCommandType,
  values: Record<string, string>
): Record<string, string> {
  const command: Record<string, string> = { type: intent };
  for (const [name, value] of Object.entries(values))
    if (value.trim() !== "") command[name] = value;
  return command;
}

/** Each issue beside its field, or above the form when it is about no field of it. */
export function placeIssues(
  intent: CaseCommandType,
  issues: readonly InputIssue[]
): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  const fields = commandFieldNames(intent);
  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  for (const issue of issues) {
    const message = issueMessage(issue);
    if (fields.includes(issue.field))
      (fieldErrors[issue.field] ??= []).push(message);
    else formErrors.push(message);
  }
  return { fieldErrors, formErrors };
}
