import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { CaseCommandType } from "~/cases/case-commands";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { FieldErrors, SubmitButton, type FormField } from "~/ui/form-fields";
import type { CommandFailure } from "./types";

/*
 * The frame every command form shares: a plain POST with its `intent`, the problem of its own failed
 * submission (never another form's), and a submit button that reads "sending" while it is pending.
 */

/** Field metadata for the design system's fields, filled from the failed submission of this form only. */
export function fieldOf(
  intent: CaseCommandType,
  name: string,
  failure: CommandFailure | undefined
): FormField {
  const id = `case-${intent}-${name}`;
  const mine = failure?.intent === intent;
  return {
    id,
    name,
    errorId: `${id}-error`,
    descriptionId: `${id}-hint`,
    errors: mine ? failure.fieldErrors[name] : undefined,
    initialValue: mine ? failure.values[name] : undefined,
  };
}

interface ActionFormProps {
  intent: CaseCommandType;
  failure: CommandFailure | undefined;
  children?: ReactNode;
  submitLabel: string;
  variant?: "secondary";
}

export function ActionForm({
  intent,
  failure,
  children,
  submitLabel,
  variant,
}: ActionFormProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent;
  const mine = failure?.intent === intent;
  return (
    <Form method="post" className="form case-action" data-intent={intent}>
      {mine ? <FailureAlert failure={failure} messages={failure.formErrors} /> : null}
      <input type="hidden" name="intent" value={intent} />
      {children}
      <div className="form-actions">
        <SubmitButton
          label={submitLabel}
          pendingLabel={t("forms.sending")}
          pending={pending}
          variant={variant}
        />
      </div>
    </Form>
  );
}

/** Why a command was refused, said where the officer's eyes go next (focus moves to it, without JavaScript too). */
export function FailureAlert({
  failure,
  messages,
  children,
}: {
  failure: CommandFailure;
  /** Translation keys of the submission's issues that have no field beside them to show them. */
  messages: readonly string[];
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div
      role="alert"
      tabIndex={-1}
      autoFocus
      className="alert alert--error"
      data-problem={failure.problem}
    >
      <p className="alert__title">{t("staffCase.problems.title")}</p>
      <p>{t(`staffCase.problems.${failure.problem}`)}</p>
      {messages.map((message) => (
        <p key={message}>{t(message as MessageKey)}</p>
      ))}
      {children}
    </div>
  );
}

export function DateField({
  field,
  label,
  hint,
}: {
  field: FormField;
  label: string;
  hint: string;
}) {
  const invalid = (field.errors?.length ?? 0) > 0;
  return (
    <div className={invalid ? "field field--invalid" : "field"}>
      <label htmlFor={field.id} className="field__label">
        {label}
      </label>
      <div id={field.descriptionId} className="field__hint">
        {hint}
      </div>
      <FieldErrors field={field} />
      <input
        type="date"
        id={field.id}
        name={field.name}
        className="field__input field__input--short"
        aria-invalid={invalid || undefined}
        aria-describedby={[
          field.descriptionId,
          invalid ? field.errorId : undefined,
        ]
          .filter(Boolean)
          .join(" ")}
        defaultValue={
          typeof field.initialValue === "string"
            ? field.initialValue
            : undefined
        }
      />
    </div>
  );
}
