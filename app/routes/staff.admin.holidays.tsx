import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { holidaySchema } from "~/admin/admin-forms";
import { adminProblemMessages } from "~/admin/admin-problems";
import { addHoliday, listHolidays, removeHoliday } from "~/admin/holidays.server";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { fiscalYearOf, isValidDateKey, startOfBangkokDay } from "~/calendar/thai-calendar";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { DoneNotice, ProblemNotice } from "~/ui/AdminNotices";
import { ErrorSummary, FieldErrors, SubmitButton, TextField, textValue, type FormField } from "~/ui/form-fields";
import { noIndex } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * /staff/admin/holidays: the holiday calendar of one fiscal year (B.E.), chosen with a plain GET
 * form, a remove button on each day and a form that adds one. After a change the page shows the
 * fiscal year of the day changed.
 */

const doneSchema = z.enum(["added", "removed"]).optional().catch(undefined);
const fiscalYearSchema = z.coerce.number().int().min(2500).max(2800).optional().catch(undefined);
const removeSchema = z.object({ date: z.string().refine(isValidDateKey) });

function holidaysPath(fiscalYear: number, done: "added" | "removed"): string {
  return `/staff/admin/holidays?fiscalYear=${fiscalYear}&done=${done}`;
}

function fiscalYearOfDate(date: string): number {
  return fiscalYearOf(startOfBangkokDay(date));
}

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAdmin.holidays.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.holidays");
  const search = new URL(request.url).searchParams;
  const currentFiscalYear = fiscalYearOf(Date.now());
  const fiscalYear = fiscalYearSchema.parse(search.get("fiscalYear") ?? undefined) ?? currentFiscalYear;
  const fiscalYears = [...new Set([currentFiscalYear - 1, currentFiscalYear, currentFiscalYear + 1, fiscalYear])].sort();
  return {
    fiscalYear,
    fiscalYears,
    holidays: await listHolidays(context.services.db, fiscalYear),
    done: doneSchema.parse(search.get("done") ?? undefined),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.holidays");
  const formData = await readForm(request);
  const now = Date.now();

  if (formData.get("intent") === "remove") {
    const parsed = removeSchema.safeParse({ date: formData.get("date") });
    if (!parsed.success) throw new Response(null, { status: 400 });
    const removed = await removeHoliday(context.services, parsed.data.date, staff.user.id, now);
    if ("removed" in removed) throw redirect(holidaysPath(fiscalYearOfDate(parsed.data.date), "removed"), 303);
    return data({ intent: "remove" as const, result: null, problem: adminProblemMessages[removed.problem] }, { status: 409 });
  }
  if (formData.get("intent") !== "add") throw new Response(null, { status: 400 });

  const submission = parseWithZod(formData, { schema: holidaySchema });
  if (submission.status !== "success") return data({ intent: "add" as const, result: submission.reply(), problem: null }, { status: 400 });
  const added = await addHoliday(context.services, submission.value, staff.user.id, now);
  if ("added" in added) throw redirect(holidaysPath(fiscalYearOfDate(submission.value.date), "added"), 303);
  return data({ intent: "add" as const, result: submission.reply({ fieldErrors: { date: [adminProblemMessages[added.problem]] } }), problem: null }, { status: 400 });
}

export default function HolidaysPage() {
  const { fiscalYear, fiscalYears, holidays, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale, formatDate } = useTranslation();
  const [form, fields] = useForm({
    id: "admin-add-holiday",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: holidaySchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });

  return (
    <div className="stack stack--large">
      <p>
        <Link to="/staff/admin">{t("staffAdmin.common.backToAdmin")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("staffAdmin.holidays.heading")}</h1>
        <p className="lead">{t("staffAdmin.holidays.introduction")}</p>
      </div>
      {done && !actionData ? <DoneNotice message={done === "added" ? "staffAdmin.holidays.added" : "staffAdmin.holidays.removed"} /> : null}
      {actionData?.problem ? <ProblemNotice message={actionData.problem} /> : null}

      <Form method="get" className="queue-filters">
        <div className="field">
          <label className="field__label" htmlFor="holiday-fiscal-year">
            {t("staffAdmin.holidays.fiscalYear")}
          </label>
          <select id="holiday-fiscal-year" name="fiscalYear" className="field__input" defaultValue={String(fiscalYear)} key={fiscalYear}>
            {fiscalYears.map((year) => (
              <option key={year} value={year}>
                {t("staffAdmin.holidays.fiscalYearOption", { year })}
              </option>
            ))}
          </select>
        </div>
        <div className="queue-filters__actions">
          <button type="submit" className="button button--secondary">
            {t("staffAdmin.holidays.show")}
          </button>
        </div>
      </Form>

      {holidays.length === 0 ? (
        <p className="muted">{t("staffAdmin.holidays.none")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption>{t("staffAdmin.holidays.tableCaption", { year: fiscalYear, count: holidays.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staffAdmin.holidays.date")}</th>
                <th scope="col">{t("staffAdmin.common.nameTh")}</th>
                <th scope="col">{t("staffAdmin.common.nameEn")}</th>
                <th scope="col">{t("staffAdmin.common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((holiday) => (
                <tr key={holiday.date} data-holiday={holiday.date}>
                  <th scope="row">{formatDate(startOfBangkokDay(holiday.date))}</th>
                  <td>{holiday.nameTh}</td>
                  <td>{holiday.nameEn}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="date" value={holiday.date} />
                      <button type="submit" className="button button--secondary button--small">
                        {t("staffAdmin.holidays.remove", { name: locale === "th" ? holiday.nameTh : holiday.nameEn })}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="admin-add-holiday-heading" className="stack">
        <h2 id="admin-add-holiday-heading">{t("staffAdmin.holidays.addHeading")}</h2>
        <Form method="post" className="form" {...getFormProps(form)}>
          {form.status === "error" ? <ErrorSummary id="admin-add-holiday-errors" formErrors={form.errors} fields={[fields.date, fields.nameTh, fields.nameEn]} /> : null}
          <input type="hidden" name="intent" value="add" />
          <DateField field={fields.date} label={t("staffAdmin.holidays.date")} />
          <TextField field={fields.nameTh} label={t("staffAdmin.common.nameTh")} autoComplete="off" />
          <TextField field={fields.nameEn} label={t("staffAdmin.common.nameEn")} autoComplete="off" />
          <div className="form-actions">
            <SubmitButton label={t("staffAdmin.holidays.add")} pendingLabel={t("staffAdmin.common.saving")} pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "add"} />
          </div>
        </Form>
      </section>
    </div>
  );
}

/** A native date picker: browsers send "YYYY-MM-DD" whatever calendar they show. */
function DateField({ field, label }: { field: FormField; label: string }) {
  const invalid = (field.errors?.length ?? 0) > 0;
  return (
    <div className={invalid ? "field field--invalid" : "field"}>
      <label htmlFor={field.id} className="field__label">
        {label}
      </label>
      <FieldErrors field={field} />
      <input
        id={field.id}
        name={field.name}
        type="date"
        className="field__input field__input--short"
        defaultValue={textValue(field.initialValue)}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? field.errorId : undefined}
      />
    </div>
  );
}
