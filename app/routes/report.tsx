import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { listIntakeCategories } from "~/intake/intake-categories.server";
import { attachmentRules, fileFromWebForm } from "~/intake/intake-form.server";
import { submissionFromTip } from "~/intake/intake-submission";
import { corruptionTipSchema, honeypotFieldName } from "~/intake/intake-schema";
import { AttachmentHint } from "~/ui/AttachmentHint";
import { CheckboxField, ErrorSummary, FileField, HoneypotField, RadioGroup, SelectField, SubmitButton, TextareaField, TextField } from "~/ui/form-fields";
import { PrivacyNotice } from "~/ui/PrivacyNotice";
import { Receipt, shouldRevalidateAfterReceipt } from "~/ui/Receipt";
import { useHydrated } from "~/ui/use-hydrated";

/*
 * The corruption tip channel (ITA O28): its own page and colour, apart from general complaints.
 * The receipt is this action's own response, never a redirect: the tracking code is shown once
 * and must not appear in any URL.
 */

const evidenceField = "evidence";
const formId = "corruption-tip";
const reporterRelations = ["staff", "outside", "unknown"] as const;
const safetyAdvice = ["employerNetwork", "personalDevice", "metadata", "pdfNotCleanable", "ownName", "trackingCode"] as const;

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("report.title") }) }];
};

export const shouldRevalidate = shouldRevalidateAfterReceipt;

export async function loader({ context }: LoaderFunctionArgs) {
  const { services } = context;
  const categories = context.receiptIssued ? [] : await listIntakeCategories(services.db, ["corruption_tip"]);
  return { categories, attachments: attachmentRules(services.config), retentionYears: services.config.retention.years };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const outcome = await fileFromWebForm(request, context, { schema: corruptionTipSchema, fileField: evidenceField, toSubmission: submissionFromTip });
  if (outcome.status === 200) context.receiptIssued = true;
  return data(outcome.body, { status: outcome.status });
}

export default function ReportPage() {
  const actionData = useActionData<typeof action>();
  if (actionData && "receipt" in actionData) return <Receipt receipt={actionData.receipt} />;
  return <ReportForm lastResult={actionData?.result} />;
}

/** What the form holds: the schema's fields, and the files that travel beside them. */
type TipFormValues = z.input<typeof corruptionTipSchema> & { evidence?: File[] };

function ReportForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t, locale } = useTranslation();
  const { categories, attachments, retentionYears } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [form, fields] = useForm<TipFormValues>({
    id: formId,
    lastResult,
    defaultValue: { reporterRelation: "unknown" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: corruptionTipSchema }),
    // Errors appear when the form is sent, then follow the typing. Shown on blur, a new error would
    // push the submit button down between the press and the release of a click, losing the click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // With JavaScript the chosen files stay in the input after a server error; without it they do not.
  const formErrors = (form.errors ?? []).filter((message) => !(hydrated && message === "validation.chooseFilesAgain"));
  const contactHasErrors = [fields.contactName, fields.contactEmail, fields.contactPhone].some((field) => field.errors);
  const contactOpen = fields.giveContact.initialValue === "on" || contactHasErrors;

  return (
    <div className="stack stack--large">
      {form.status === "error" || formErrors.length > 0 ? (
        <ErrorSummary
          id={`${formId}-errors`}
          formErrors={formErrors}
          fields={[
            fields.categoryCode,
            fields.whatHappened,
            fields.whenHappened,
            fields.whereHappened,
            fields.peopleInvolved,
            fields.evidence,
            fields.reporterRelation,
            fields.giveContact,
            fields.contactName,
            fields.contactEmail,
            fields.contactPhone,
          ]}
        />
      ) : null}
      <div className="page-heading">
        <h1>{t("report.heading")}</h1>
        <p className="lead">{t("report.introduction")}</p>
        <p>
          {t("report.separateChannel")} <Link to="/contact">{t("report.separateChannelLink")}</Link>
        </p>
      </div>

      <section className="panel panel--corruption" aria-labelledby="safety-heading">
        <h2 id="safety-heading" className="panel__title">
          {t("report.safety.heading")}
        </h2>
        <ul className="advice-list">
          {safetyAdvice.map((advice) => (
            <li key={advice}>{t(`report.safety.${advice}`)}</li>
          ))}
        </ul>
      </section>

      {/* Nothing typed here may stay in the browser's form history: a tip is often sent from a shared or
          office computer, and the next person to open this page must not be offered its place, time or name. */}
      <Form method="post" encType="multipart/form-data" className="form" autoComplete="off" {...getFormProps(form)}>
        <h2>{t("report.formHeading")}</h2>

        <SelectField field={fields.categoryCode} label={t("report.category.label")}>
          {categories.map((category) => (
            <option key={category.code} value={category.code}>
              {locale === "th" ? category.nameTh : category.nameEn}
            </option>
          ))}
        </SelectField>

        <TextareaField field={fields.whatHappened} label={t("report.whatHappened.label")} hint={t("report.whatHappened.hint")} rows={10} />
        <TextField field={fields.whenHappened} label={t("report.whenHappened.label")} hint={t("report.whenHappened.hint")} optional />
        <TextField field={fields.whereHappened} label={t("report.whereHappened.label")} hint={t("report.whereHappened.hint")} optional />
        <TextareaField field={fields.peopleInvolved} label={t("report.peopleInvolved.label")} hint={t("report.peopleInvolved.hint")} optional rows={4} />

        <FileField
          field={fields.evidence}
          label={t("report.evidence.label")}
          hint={<AttachmentHint rules={attachments} />}
          optional
          accept={attachments.accept}
          reselectNotice={formErrors.includes("validation.chooseFilesAgain") ? t("validation.chooseFilesAgain") : undefined}
        />

        <RadioGroup
          field={fields.reporterRelation}
          legend={t("report.relation.legend")}
          hint={t("report.relation.hint")}
          options={reporterRelations.map((relation) => ({ value: relation, label: t(`reporterRelations.${relation}`) }))}
        />

        <details className="disclosure" open={contactOpen}>
          <summary className="disclosure__summary">{t("report.contact.summary")}</summary>
          <div className="disclosure__body stack">
            <div className="alert alert--warning">
              <p className="alert__title">{t("report.contact.warningTitle")}</p>
              <p>{t("report.contact.warning")}</p>
            </div>
            <CheckboxField field={fields.giveContact} label={t("report.contact.giveContact")} hint={t("report.contact.giveContactHint")} />
            <p className="field__hint">{t("report.contact.channelHint")}</p>
            <TextField field={fields.contactName} label={t("report.contact.name")} optional />
            <TextField field={fields.contactEmail} label={t("report.contact.email")} type="email" spellCheck={false} />
            <TextField field={fields.contactPhone} label={t("report.contact.phone")} type="tel" short />
            <PrivacyNotice headingId="report-privacy-heading" retentionYears={retentionYears} />
          </div>
        </details>

        <HoneypotField name={honeypotFieldName} formId={formId} />

        <div className="form-actions">
          <SubmitButton label={t("report.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} variant="corruption" />
        </div>
      </Form>
    </div>
  );
}
