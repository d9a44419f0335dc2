import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { listIntakeCategories } from "~/intake/intake-categories.server";
import { attachmentRules, fileFromWebForm } from "~/intake/intake-form.server";
import { submissionFromContact } from "~/intake/intake-submission";
import { contactSchema, honeypotFieldName, reporterKinds } from "~/intake/intake-schema";
import { AttachmentHint } from "~/ui/AttachmentHint";
import { CheckboxField, ErrorSummary, FileField, HoneypotField, RadioGroup, SelectField, SubmitButton, TextareaField, TextField } from "~/ui/form-fields";
import { PrivacyNotice } from "~/ui/PrivacyNotice";
import { Receipt, shouldRevalidateAfterReceipt } from "~/ui/Receipt";
import { useHydrated } from "~/ui/use-hydrated";

/*
 * One form for the four general kinds (complaint, question, suggestion, compliment); the kind is a
 * choice on the form, preselected from ?kind=. Corruption has its own channel (/report).
 */

const attachmentsField = "attachments";
const formId = "contact";
const identities = ["named", "anonymous"] as const;

const kindFromQuery = z.enum(reporterKinds).optional().catch(undefined);

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("contact.title") }) }];
};

export const shouldRevalidate = shouldRevalidateAfterReceipt;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { services } = context;
  const categories = context.receiptIssued ? [] : await listIntakeCategories(services.db, reporterKinds);
  const kind = kindFromQuery.parse(new URL(request.url).searchParams.get("kind") ?? undefined);
  return { categories, kind, attachments: attachmentRules(services.config), retentionYears: services.config.retention.years };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const outcome = await fileFromWebForm(request, context, { schema: contactSchema, fileField: attachmentsField, toSubmission: submissionFromContact });
  if (outcome.status === 200) context.receiptIssued = true;
  return data(outcome.body, { status: outcome.status });
}

export default function ContactPage() {
  const actionData = useActionData<typeof action>();
  if (actionData && "receipt" in actionData) return <Receipt receipt={actionData.receipt} />;
  return <ContactForm lastResult={actionData?.result} />;
}

/** What the form holds: the schema's fields, and the files that travel beside them. */
type ContactFormValues = z.input<typeof contactSchema> & { attachments?: File[] };

function ContactForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t, locale } = useTranslation();
  const { categories, kind, attachments, retentionYears } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [form, fields] = useForm<ContactFormValues>({
    id: formId,
    lastResult,
    defaultValue: { kind, identity: "named" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contactSchema }),
    // Errors appear when the form is sent, then follow the typing. Shown on blur, a new error would
    // push the submit button down between the press and the release of a click, losing the click.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const formErrors = (form.errors ?? []).filter((message) => !(hydrated && message === "validation.chooseFilesAgain"));
  // With JavaScript the topics narrow to the chosen kind and the contact fields follow the identity
  // choice (a hidden, disabled fieldset sends nothing); without it every topic and field is there,
  // and the server sorts out what applies.
  const chosenKind = typeof fields.kind.value === "string" ? fields.kind.value : undefined;
  const visibleKinds = hydrated && chosenKind ? reporterKinds.filter((candidate) => candidate === chosenKind) : reporterKinds;
  const anonymous = hydrated && fields.identity.value === "anonymous";
  const categoryName = (category: (typeof categories)[number]) => (locale === "th" ? category.nameTh : category.nameEn);

  return (
    <div className="stack stack--large">
      {form.status === "error" || formErrors.length > 0 ? (
        <ErrorSummary
          id={`${formId}-errors`}
          formErrors={formErrors}
          fields={[fields.kind, fields.categoryCode, fields.details, fields.attachments, fields.identity, fields.name, fields.email, fields.phone, fields.consent]}
        />
      ) : null}
      <div className="page-heading">
        <h1>{t("contact.heading")}</h1>
        <p className="lead">{t("contact.introduction")}</p>
        <p>
          {t("contact.corruptionPointer")} <Link to="/report">{t("contact.corruptionPointerLink")}</Link> {t("contact.corruptionPointerReason")}
        </p>
      </div>

      <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>

        <RadioGroup
          field={fields.kind}
          legend={t("contact.kind.legend")}
          options={reporterKinds.map((option) => ({ value: option, label: t(`kinds.${option}`), hint: t(`home.channels.${option}.description`) }))}
        />

        <SelectField field={fields.categoryCode} label={t("contact.category.label")} hint={hydrated ? undefined : t("contact.category.hint")}>
          {visibleKinds.map((groupKind) => (
            <optgroup key={groupKind} label={t(`kinds.${groupKind}`)}>
              {categories
                .filter((category) => category.kind === groupKind)
                .map((category) => (
                  <option key={category.code} value={category.code}>
                    {categoryName(category)}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>

        <TextareaField field={fields.details} label={t("contact.details.label")} hint={t("contact.details.hint")} rows={8} />

        <FileField
          field={fields.attachments}
          label={t("contact.attachments.label")}
          hint={<AttachmentHint rules={attachments} />}
          optional
          accept={attachments.accept}
          reselectNotice={formErrors.includes("validation.chooseFilesAgain") ? t("validation.chooseFilesAgain") : undefined}
        />

        <RadioGroup
          field={fields.identity}
          legend={t("contact.identity.legend")}
          options={identities.map((identity) => ({ value: identity, label: t(`contact.identity.${identity}`), hint: t(`contact.identity.${identity}Hint`) }))}
        />

        <fieldset className="fieldset" hidden={anonymous} disabled={anonymous} aria-describedby="contact-details-hint">
          <legend className="fieldset__legend">{t("contact.contactDetails.legend")}</legend>
          <div className="stack">
            <p id="contact-details-hint" className="field__hint">
              {t("contact.contactDetails.hint")}
            </p>
            <TextField field={fields.name} label={t("contact.contactDetails.name")} autoComplete="name" />
            <TextField field={fields.email} label={t("contact.contactDetails.email")} type="email" autoComplete="email" spellCheck={false} />
            <TextField field={fields.phone} label={t("contact.contactDetails.phone")} type="tel" autoComplete="tel" short />
            <PrivacyNotice headingId="contact-privacy-heading" retentionYears={retentionYears} />
            <CheckboxField field={fields.consent} label={t("contact.consent.label")} hint={t("contact.consent.hint")} />
          </div>
        </fieldset>

        <HoneypotField name={honeypotFieldName} formId={formId} />

        <div className="form-actions">
          <SubmitButton label={t("contact.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} />
        </div>
      </Form>
    </div>
  );
}
