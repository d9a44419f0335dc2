import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireStaff } from "~/auth/staff-request.server";
import { bangkokDateKey } from "~/calendar/thai-calendar";
import { executiveDecisions } from "~/escalation/decision-rules";
import { decideEscalation } from "~/escalation/decisions.server";
import { openEscalation } from "~/escalation/inbox.server";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { RefusedDecision, type DecisionFailure, type DecisionFailureProblem } from "~/ui/escalations/refused-decision";
import { escalationPath, escalationRuleKey } from "~/ui/escalations/rule-label";
import { SelectField, SubmitButton, TextareaField, TextField, type FormField } from "~/ui/form-fields";
import { Narrative } from "~/ui/staff-case/narrative";
import { casePath } from "~/ui/staff-case/paths";
import { CaseSummary, SummaryRow } from "~/ui/staff-case/summary";
import { Timeline } from "~/ui/staff-case/timeline";
import { noIndex, staffRoleKeys } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";
import { routeId } from "~/security/route-id";

/*
 * One escalation, for the executive (or audit committee member) it is routed to: why it was
 * escalated, the case summary (read through the case page's service, so the read is audited and
 * the reporter's identity stays hidden), the case's earlier decisions with their notes, and the
 * decision form — a plain POST that works without JavaScript; a refusal keeps what was typed, even
 * when the page comes back without the form because someone else decided meanwhile.
 * Anyone else, recused members of the role included, gets a 403 that is itself audited.
 */

const doneSchema = z.literal("1").optional().catch(undefined);

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  const reference = loaderData?.workspace.reference ?? "";
  return [{ title: t("app.pageTitle", { page: t("escalations.escalationPage.title", { reference }) }) }, noIndex];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const now = Date.now();
  const opened = await openEscalation(context.services, staff.user, routeId(params.escalationId), now);
  if ("problem" in opened) throw new Response(null, { status: opened.problem === "not_found" ? 404 : 403 });
  return {
    ...opened,
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined) === "1",
    today: bangkokDateKey(now),
    decisions: opened.decisions,
    options: { decisions: executiveDecisions },
  };
}

const problemStatus: Readonly<Record<DecisionFailureProblem, number>> = { invalid_input: 400, already_decided: 409 };

function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  const escalationId = routeId(params.escalationId);
  const formData = await readForm(request);
  const values = { decision: formText(formData, "decision"), note: formText(formData, "note"), actionDueOn: formText(formData, "actionDueOn") };
  const result = await decideEscalation(context.services, staff.user, escalationId, { decision: values.decision, note: values.note, actionDueOn: values.actionDueOn || undefined }, Date.now());
  if ("done" in result) throw redirect(`${escalationPath(escalationId)}?done=1`, 303);
  if (result.problem === "not_found") throw new Response(null, { status: 404 });
  // The page offers the form only to its decider: a refused one is forged or stale (and audited).
  if (result.problem === "forbidden") throw new Response(null, { status: 403 });
  const fieldErrors: Record<string, string[]> = {};
  if (result.problem === "invalid_input") for (const issue of result.issues) (fieldErrors[issue.field] ??= []).push(issue.message);
  const failure: DecisionFailure = { problem: result.problem, fieldErrors, values };
  return data(failure, { status: problemStatus[result.problem] });
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function EscalationPage() {
  const { escalation, workspace, decisions, done, today, options } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t, formatDateTime } = useTranslation();

  return (
    <div className="case-page stack stack--large" data-escalation-id={escalation.id}>
      <p>
        <Link to="/staff/escalations">{t("escalations.escalationPage.backToInbox")}</Link>
      </p>
      <div className="page-heading">
        <h1 data-case-reference={workspace.reference}>{t("escalations.escalationPage.heading", { reference: workspace.reference })}</h1>
        <p>
          <Link to={casePath(workspace.id)}>{t("escalations.escalationPage.openCase")}</Link>
        </p>
      </div>

      {done && !failure ? (
        <div role="status" className="alert alert--success" data-done="decided">
          <p>{t("escalations.escalationPage.done")}</p>
        </div>
      ) : null}

      <section aria-labelledby="escalation-why-heading" className="stack stack--small">
        <h2 id="escalation-why-heading">{t("escalations.escalationPage.why.heading")}</h2>
        <dl className="summary-list">
          <SummaryRow label={t("escalations.escalationPage.why.rule")}>
            <span data-rule={escalation.rule.startsWith("manual:") ? "manual" : escalation.rule}>{t(escalationRuleKey(escalation.rule))}</span>
          </SummaryRow>
          <SummaryRow label={t("escalations.escalationPage.why.escalatedAt")}>{formatDateTime(escalation.escalatedAt)}</SummaryRow>
          <SummaryRow label={t("escalations.escalationPage.why.escalatedBy")}>{escalation.escalatedByName ?? t("escalations.escalationPage.why.system")}</SummaryRow>
          <SummaryRow label={t("escalations.escalationPage.why.routedTo")}>{t(staffRoleKeys[escalation.routedToRole])}</SummaryRow>
          {escalation.reason !== null ? (
            <SummaryRow label={t("escalations.escalationPage.why.reason")}>
              <span className="case-text" data-escalation-reason>
                {escalation.reason}
              </span>
            </SummaryRow>
          ) : null}
        </dl>
      </section>

      <CaseSummary workspace={workspace} />
      <p className="muted">{t("escalations.escalationPage.summary.identityHidden")}</p>

      <div className="case-page__columns">
        <div className="case-page__main stack stack--large">
          <Narrative workspace={workspace} />
          <EarlierDecisions decisions={decisions} currentId={escalation.id} />
          <Timeline timeline={workspace.timeline} />
        </div>
        <aside className="case-page__side stack">
          {escalation.mayDecide ? <DecisionForm options={options} failure={failure} today={today} /> : null}
          {!escalation.mayDecide && failure ? <RefusedDecision failure={failure} decisions={options.decisions} /> : null}
        </aside>
      </div>
    </div>
  );
}

function EarlierDecisions({ decisions, currentId }: { decisions: LoaderData["decisions"]; currentId: string }) {
  const { t, formatDateTime } = useTranslation();
  return (
    <section aria-labelledby="escalation-decisions-heading" className="stack stack--small">
      <h2 id="escalation-decisions-heading">{t("escalations.escalationPage.decisions.heading")}</h2>
      {decisions.length === 0 ? (
        <p className="muted">{t("escalations.escalationPage.decisions.empty")}</p>
      ) : (
        <ol className="timeline" data-decisions>
          {decisions.map((entry) => (
            <li key={entry.escalationId} className="timeline__entry stack stack--small" data-decision={entry.decision}>
              <span className="timeline__time">{formatDateTime(entry.decidedAt)}</span>
              <strong>
                {t(`escalations.decisions.${entry.decision}`)}
                {entry.escalationId === currentId ? ` ${t("escalations.escalationPage.decisions.thisEscalation")}` : null}
              </strong>
              <span className="muted">
                {t(escalationRuleKey(entry.rule))}
                {entry.decidedByName ? ` · ${t("escalations.escalationPage.decisions.decidedBy")}: ${entry.decidedByName}` : null}
              </span>
              {entry.actionDueAt !== null ? (
                <span>
                  {t("escalations.escalationPage.decisions.actionDue")}: {formatDateTime(entry.actionDueAt)}
                </span>
              ) : null}
              <div className="case-text" data-decision-note>
                {entry.note}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function DecisionForm({ options, failure, today }: { options: LoaderData["options"]; failure: DecisionFailure | undefined; today: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting";
  const field = (name: "decision" | "note" | "actionDueOn"): FormField => ({
    id: `escalation-${name}`,
    name,
    errorId: `escalation-${name}-error`,
    descriptionId: `escalation-${name}-hint`,
    errors: failure?.fieldErrors[name],
    initialValue: failure?.values[name],
  });
  return (
    <Form method="post" className="form case-action" aria-labelledby="escalation-decide-heading" data-decision-form>
      <h2 id="escalation-decide-heading">{t("escalations.decisionForm.heading")}</h2>
      {failure ? (
        <div role="alert" tabIndex={-1} autoFocus className="alert alert--error" data-problem={failure.problem}>
          <p className="alert__title">{t("escalations.decisionForm.problems.title")}</p>
          <p>{t(`escalations.decisionForm.problems.${failure.problem}`)}</p>
        </div>
      ) : null}
      <SelectField field={field("decision")} label={t("escalations.decisionForm.decisionLabel")}>
        {options.decisions.map((decision) => (
          <option key={decision} value={decision}>
            {t(`escalations.decisions.${decision}`)}
          </option>
        ))}
      </SelectField>
      <TextField field={field("actionDueOn")} label={t("escalations.decisionForm.actionDueLabel")} hint={t("escalations.decisionForm.actionDueHint", { example: today })} optional short autoComplete="off" />
      <TextareaField field={field("note")} label={t("escalations.decisionForm.noteLabel")} hint={t("escalations.decisionForm.noteHint")} rows={5} />
      <div className="form-actions">
        <SubmitButton label={t("escalations.decisionForm.submit")} pendingLabel={t("forms.sending")} pending={pending} />
      </div>
    </Form>
  );
}
