import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/use-translation";
import { SubmitButton, TextareaField, type FormField } from "~/ui/form-fields";

/*
 * Escalating a case by hand (ARCHITECTURE §4): a reason and a button, posted with intent
 * "escalate" to the case page, whose action calls `escalateCase`. A plain form, so it works
 * without JavaScript; a refused submission comes back with the reason as typed.
 */

export const escalateIntent = "escalate";

/** What the case page's action answers when an escalation is refused for something the officer can fix. */
export interface EscalateFailure {
  intent: typeof escalateIntent;
  problem: "invalid_input" | "not_allowed_in_status";
  /** Translation keys by field ("reason"). */
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
}

/** Accepts the page's action data whatever form it answered; only an escalation's failure is shown here. */
function isEscalateFailure(failure: unknown): failure is EscalateFailure {
  return typeof failure === "object" && failure !== null && (failure as { intent?: unknown }).intent === escalateIntent;
}

export function EscalateForm({ failure }: { failure?: unknown }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === escalateIntent;
  const mine = isEscalateFailure(failure) ? failure : undefined;
  const reason: FormField = {
    id: "case-escalate-reason",
    name: "reason",
    errorId: "case-escalate-reason-error",
    descriptionId: "case-escalate-reason-hint",
    errors: mine?.fieldErrors.reason,
    initialValue: mine?.values.reason,
  };
  return (
    <Form method="post" className="form case-action" data-intent={escalateIntent} aria-labelledby="case-escalate-heading">
      <h3 id="case-escalate-heading">{t("escalations.escalateForm.heading")}</h3>
      <p className="muted">{t("escalations.escalateForm.hint")}</p>
      {mine ? (
        <div role="alert" tabIndex={-1} autoFocus className="alert alert--error" data-problem={mine.problem}>
          <p className="alert__title">{t("escalations.escalateForm.problems.title")}</p>
          <p>{t(`escalations.escalateForm.problems.${mine.problem}`)}</p>
        </div>
      ) : null}
      <input type="hidden" name="intent" value={escalateIntent} />
      <TextareaField field={reason} label={t("escalations.escalateForm.reasonLabel")} hint={t("escalations.escalateForm.reasonHint")} rows={4} />
      <div className="form-actions">
        <SubmitButton label={t("escalations.escalateForm.submit")} pendingLabel={t("forms.sending")} pending={pending} variant="secondary" />
      </div>
    </Form>
  );
}
