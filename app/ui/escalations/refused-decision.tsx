import type { ExecutiveDecision } from "~/escalation/decision-rules";
import type { DecisionProblem } from "~/escalation/decisions.server";
import { useTranslation } from "~/i18n/use-translation";
import { UnsentText } from "~/ui/unsent-text";

/*
 * A refused decision on an escalation the page no longer offers to decide: someone else decided
 * it while this executive was writing, and the page comes back with the escalation as it is now
 * (without JavaScript always), without the decision form. The refusal is still said, and what was
 * chosen and written comes back read-only from the refused submission, so that it can be copied.
 */

export type DecisionFailureProblem = Exclude<DecisionProblem["problem"], "not_found" | "forbidden">;

/** A refused decision as the action answers it: why, the issues by field (translation keys), and what was sent. */
export interface DecisionFailure {
  problem: DecisionFailureProblem;
  fieldErrors: Record<string, string[]>;
  values: Record<string, string>;
}

export function RefusedDecision({ failure, decisions }: { failure: DecisionFailure; decisions: readonly ExecutiveDecision[] }) {
  const { t } = useTranslation();
  const { decision, note, actionDueOn } = failure.values;
  const chosen = decisions.find((known) => known === decision);
  const written = Boolean(chosen) || [note, actionDueOn].some((value) => value !== undefined && value.trim() !== "");
  return (
    <section className="case-action stack stack--small" aria-labelledby="escalation-refused-heading" data-refused-decision>
      <h2 id="escalation-refused-heading">{t("escalations.decisionForm.heading")}</h2>
      <div role="alert" tabIndex={-1} autoFocus className="alert alert--error" data-problem={failure.problem}>
        <p className="alert__title">{t("escalations.decisionForm.problems.title")}</p>
        <p>{t(`escalations.decisionForm.problems.${failure.problem}`)}</p>
        {written ? <p>{t("escalations.decisionForm.unsent.typedBelow")}</p> : null}
      </div>
      {chosen ? <UnsentText id="escalation-decision-unsent" label={t("escalations.decisionForm.decisionLabel")} value={t(`escalations.decisions.${chosen}`)} rows={1} /> : null}
      {actionDueOn?.trim() ? <UnsentText id="escalation-actionDueOn-unsent" label={t("escalations.decisionForm.actionDueLabel")} value={actionDueOn} rows={1} /> : null}
      {note?.trim() ? <UnsentText id="escalation-note-unsent" label={t("escalations.decisionForm.noteLabel")} value={note} /> : null}
    </section>
  );
}
