import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { addDaysToDateKey, bangkokDateKey } from "~/calendar/thai-calendar";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { listIntakeCategories } from "~/intake/intake-categories.server";
import { attachmentRules } from "~/intake/intake-form.server";
import { filingIdentities, filingKinds, filingRelations, maxReceivedDaysAgo, staffFilingChannels, staffFilingEvidenceField, staffFilingSchema } from "~/intake/staff-filing";
import { fileOnBehalf, type StaffFilingReceipt } from "~/intake/staff-filing.server";
import { AttachmentHint } from "~/ui/AttachmentHint";
import { CheckboxField, ErrorSummary, FieldErrors, FileField, RadioGroup, SelectField, SubmitButton, TextareaField, TextField, type FormField } from "~/ui/form-fields";
import { PrivacyNotice } from "~/ui/PrivacyNotice";
import { Receipt } from "~/ui/Receipt";
import { noIndex } from "~/ui/StaffLayout";
import { useHydrated } from "~/ui/use-hydrated";

/*
 * Filing a case for someone who phoned, walked in, wrote or messaged the agency. The receipt is
 * this action's own response, never a redirect: the tracking code is shown to the operator once,
 * to hand over, and appears in no URL. Filing is audited (by intake) with the operator and the
 * channel, never the code.
 */

const formId = "staff-filing";

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffFiling.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "case.file_on_behalf");
  const { services } = context;
  const today = bangkokDateKey(Date.now());
  return {
    categories: await listIntakeCategories(services.db, filingKinds),
    attachments: attachmentRules(services.config),
    retentionYears: services.config.retention.years,
    receivedRange: { earliest: addDaysToDateKey(today, -maxReceivedDaysAgo), latest: today },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "case.file_on_behalf");
  const outcome = await fileOnBehalf(request, context, staff.user);
  return data(outcome.body, { status: outcome.status });
}

export default function StaffFilingPage() {
  const actionData = useActionData<typeof action>();
  if (actionData && "receipt" in actionData) return <OperatorReceipt receipt={actionData.receipt} />;
  return <FilingForm lastResult={actionData?.result} />;
}

/**
 * The reporter's receipt, printable as it is (the print stylesheet prints the receipt alone), and
 * beneath it, for the operator only, how to hand the code over on the channel the person used.
 */
function OperatorReceipt({ receipt }: { receipt: StaffFilingReceipt }) {
  const { t, formatDate } = useTranslation();
  return (
    <div className="stack stack--large">
      <Receipt receipt={receipt} />
      <section className="panel stack stack--small no-print" aria-labelledby="handover-heading">
        <h2 id="handover-heading" className="panel__title">
          {t("staffFiling.receipt.handoverHeading")}
        </h2>
        <p>{t(`staffFiling.receipt.handover.${receipt.channel}`)}</p>
        <ul className="advice-list">
          <li>{t("staffFiling.receipt.onceOnly")}</li>
          <li>{t("staffFiling.receipt.noCopies")}</li>
          {receipt.kind === "corruption_tip" ? <li>{t("staffFiling.receipt.tipConfidential")}</li> : null}
        </ul>
        <dl className="summary-list">
          <div className="summary-list__row">
            <dt>{t("staffFiling.receipt.channel")}</dt>
            <dd>{t(`channels.${receipt.channel}`)}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t("staffFiling.receipt.receivedOn")}</dt>
            <dd>{formatDate(receipt.receivedAt)}</dd>
          </div>
          <div className="summary-list__row">
            <dt>{t("staffFiling.receipt.reporter")}</dt>
            <dd>{receipt.anonymous ? t("staffFiling.receipt.anonymous") : t("staffFiling.receipt.named")}</dd>
          </div>
        </dl>
        <p>
          <Link to="/staff/file" className="button button--secondary" reloadDocument>
            {t("staffFiling.receipt.fileAnother")}
          </Link>
        </p>
      </section>
    </div>
  );
}

type FilingFormValues = z.input<typeof staffFilingSchema> & { evidence?: File[] };

function FilingForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t, locale } = useTranslation();
  const { categories, attachments, receivedRange, retentionYears } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const hydrated = useHydrated();
  const [form, fields] = useForm<FilingFormValues>({
    id: formId,
    lastResult,
    defaultValue: { identity: "anonymous", reporterRelation: "unknown" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: staffFilingSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const formErrors = (form.errors ?? []).filter((message) => !(hydrated && message === "validation.chooseFilesAgain"));
  const chosenKind = typeof fields.kind.value === "string" ? fields.kind.value : undefined;
  const visibleKinds = hydrated && chosenKind ? filingKinds.filter((candidate) => candidate === chosenKind) : filingKinds;
  const anonymous = hydrated && fields.identity.value === "anonymous";
  const evidenceField = fields[staffFilingEvidenceField];

  return (
    <div className="stack stack--large">
      {form.status === "error" || formErrors.length > 0 ? (
        <ErrorSummary
          id={`${formId}-errors`}
          formErrors={formErrors}
          fields={[
            fields.kind,
            fields.categoryCode,
            fields.channel,
            fields.receivedOn,
            fields.narrative,
            fields.whenHappened,
            fields.whereHappened,
            fields.peopleInvolved,
            evidenceField,
            fields.reporterRelation,
            fields.identity,
            fields.name,
            fields.email,
            fields.phone,
            fields.consentConfirmed,
          ]}
        />
      ) : null}
      <div className="page-heading">
        <h1>{t("staffFiling.heading")}</h1>
        <p className="lead">{t("staffFiling.introduction")}</p>
      </div>

      <Form method="post" encType="multipart/form-data" className="form" {...getFormProps(form)}>
        <SelectField field={fields.channel} label={t("staffFiling.channel.label")} hint={t("staffFiling.channel.hint")}>
          {staffFilingChannels.map((channel) => (
            <option key={channel} value={channel}>
              {t(`channels.${channel}`)}
            </option>
          ))}
        </SelectField>

        <DateField field={fields.receivedOn} label={t("staffFiling.receivedOn.label")} hint={t("staffFiling.receivedOn.hint", { days: maxReceivedDaysAgo })} min={receivedRange.earliest} max={receivedRange.latest} />

        <RadioGroup field={fields.kind} legend={t("staffFiling.kind.legend")} options={filingKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))} />

        <SelectField field={fields.categoryCode} label={t("staffFiling.category.label")} hint={hydrated ? undefined : t("staffFiling.category.hint")}>
          {visibleKinds.map((groupKind) => (
            <optgroup key={groupKind} label={t(`kinds.${groupKind}`)}>
              {categories
                .filter((category) => category.kind === groupKind)
                .map((category) => (
                  <option key={category.code} value={category.code}>
                    {locale === "th" ? category.nameTh : category.nameEn}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>

        <TextareaField field={fields.narrative} label={t("staffFiling.narrative.label")} hint={t("staffFiling.narrative.hint")} rows={10} />
        <TextField field={fields.whenHappened} label={t("staffFiling.whenHappened.label")} optional />
        <TextField field={fields.whereHappened} label={t("staffFiling.whereHappened.label")} optional />
        <TextareaField field={fields.peopleInvolved} label={t("staffFiling.peopleInvolved.label")} hint={t("staffFiling.peopleInvolved.hint")} optional rows={3} />

        <FileField
          field={evidenceField}
          label={t("staffFiling.evidence.label")}
          hint={<AttachmentHint rules={attachments} />}
          optional
          accept={attachments.accept}
          reselectNotice={formErrors.includes("validation.chooseFilesAgain") ? t("validation.chooseFilesAgain") : undefined}
        />

        <RadioGroup
          field={fields.reporterRelation}
          legend={t("staffFiling.relation.legend")}
          options={filingRelations.map((relation) => ({ value: relation, label: t(`reporterRelations.${relation}`) }))}
        />

        <RadioGroup
          field={fields.identity}
          legend={t("staffFiling.identity.legend")}
          hint={t("staffFiling.identity.hint")}
          options={filingIdentities.map((identity) => ({ value: identity, label: t(`staffFiling.identity.${identity}`) }))}
        />

        <fieldset className="fieldset" hidden={anonymous} disabled={anonymous} aria-describedby="staff-filing-identity-hint">
          <legend className="fieldset__legend">{t("staffFiling.reporter.legend")}</legend>
          <div className="stack">
            <p id="staff-filing-identity-hint" className="field__hint">
              {t("staffFiling.reporter.hint")}
            </p>
            <TextField field={fields.name} label={t("staffFiling.reporter.name")} autoComplete="off" />
            <TextField field={fields.email} label={t("staffFiling.reporter.email")} type="email" autoComplete="off" spellCheck={false} optional />
            <TextField field={fields.phone} label={t("staffFiling.reporter.phone")} type="tel" autoComplete="off" short optional />
            <PrivacyNotice headingId="staff-filing-privacy-heading" retentionYears={retentionYears} />
            <CheckboxField field={fields.consentConfirmed} label={t("staffFiling.consent.label")} hint={t("staffFiling.consent.hint")} />
          </div>
        </fieldset>

        <div className="form-actions">
          <SubmitButton label={t("staffFiling.submit")} pendingLabel={t("forms.sending")} pending={navigation.state === "submitting"} />
        </div>
      </Form>
    </div>
  );
}

/** A date input: the browser's picker where there is one, "YYYY-MM-DD" typed where there is not. */
function DateField({ field, label, hint, min, max }: { field: FormField; label: string; hint: string; min: string; max: string }) {
  const { t } = useTranslation();
  const invalid = (field.errors?.length ?? 0) > 0;
  return (
    <div className={invalid ? "field field--invalid" : "field"}>
      <label htmlFor={field.id} className="field__label">
        {label} <span className="field__optional">{t("forms.optional")}</span>
      </label>
      <div id={field.descriptionId} className="field__hint">
        {hint}
      </div>
      <FieldErrors field={field} />
      <input
        id={field.id}
        name={field.name}
        type="date"
        min={min}
        max={max}
        className="field__input field__input--short"
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${field.descriptionId} ${field.errorId}` : field.descriptionId}
      />
    </div>
  );
}
