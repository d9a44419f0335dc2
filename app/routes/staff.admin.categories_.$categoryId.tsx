import { getFormProps, useForm, type DefaultValue } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { categorySchema, clockFieldPrefixes, defaultDueSoonPercent } from "~/admin/admin-forms";
import { adminProblemMessages } from "~/admin/admin-problems";
import { createCategory, findCategory, updateCategory, type PoliciesInput } from "~/admin/categories.server";
import { listTeams } from "~/admin/teams.server";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import type { SlaUnit } from "~/db.server";
import { caseKinds, slaClocks, slaUnits } from "~/vocabulary";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { CheckboxField, ErrorSummary, SelectField, SubmitButton, TextField, type FormField } from "~/ui/form-fields";
import { noIndex } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";
import { routeId } from "~/security/route-id";

/*
 * One category with its SLA policy, at /staff/admin/categories/<id>, or a new one at
 * /staff/admin/categories/new. The code and the kind are chosen once, when it is created.
 */

const newCategoryId = "new";

const unitNameKeys: Readonly<Record<SlaUnit, MessageKey>> = {
  calendar_days: "staffAdmin.category.unitNames.calendar_days",
  business_days: "staffAdmin.category.unitNames.business_days",
  hours: "staffAdmin.category.unitNames.hours",
};

type CategoryFormInput = z.input<ReturnType<typeof schemaFor>>;

function schemaFor(creating: boolean) {
  return categorySchema({ creating, kinds: caseKinds, units: slaUnits });
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  const page = loaderData?.category ? t("staffAdmin.category.editTitle", { code: loaderData.category.code }) : t("staffAdmin.category.newTitle");
  return [{ title: t("app.pageTitle", { page }) }, noIndex];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.categories");
  const { db } = context.services;
  const categoryId = routeId(params.categoryId);
  const category = categoryId === newCategoryId ? null : await findCategory(db, categoryId);
  if (categoryId !== newCategoryId && !category) throw new Response(null, { status: 404 });
  const teams = await listTeams(db);
  return {
    category,
    // A category may still sit with a team deactivated since: it stays listed so the form can keep it.
    teams: teams.filter((team) => team.isActive || team.id === category?.teamId).map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn })),
    kinds: caseKinds,
    clocks: slaClocks,
    units: slaUnits,
  };
}

function policiesOf(value: ReturnType<ReturnType<typeof schemaFor>["parse"]>): PoliciesInput {
  const policies: PoliciesInput = { acknowledge: null, first_response: null, resolve: null };
  for (const clock of slaClocks) {
    const prefix = clockFieldPrefixes[clock];
    const amount = value[`${prefix}Amount`];
    const unit = value[`${prefix}Unit`];
    if (amount === undefined || unit === undefined) continue;
    policies[clock] = { amount, unit, dueSoonFraction: (value[`${prefix}DueSoonPercent`] ?? defaultDueSoonPercent) / 100 };
  }
  return policies;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.categories");
  const categoryId = routeId(params.categoryId);
  const creating = categoryId === newCategoryId;
  const submission = parseWithZod(await readForm(request), { schema: schemaFor(creating) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const changes = { nameTh: value.nameTh, nameEn: value.nameEn, teamCode: value.teamCode, isActive: value.isActive ?? false, policies: policiesOf(value) };
  const now = Date.now();
  const outcome =
    creating && value.code !== undefined && value.kind !== undefined
      ? await createCategory(context.services, { ...changes, code: value.code, kind: value.kind }, staff.user.id, now)
      : await updateCategory(context.services, categoryId, changes, staff.user.id, now);
  if (!("problem" in outcome)) throw redirect(`/staff/admin/categories?done=${creating ? "created" : "updated"}`, 303);
  if (outcome.problem === "not_found") throw new Response(null, { status: 404 });
  const field = outcome.problem === "code_taken" ? "code" : "teamCode";
  return data({ result: submission.reply({ fieldErrors: { [field]: [adminProblemMessages[outcome.problem]] } }) }, { status: 400 });
}

export default function CategoryPage() {
  const { category, teams, kinds, clocks, units } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  const creating = category === null;
  const schema = schemaFor(creating);

  const defaultValue: Record<string, string> = category
    ? { nameTh: category.nameTh, nameEn: category.nameEn, teamCode: category.teamCode, isActive: category.isActive ? "on" : "" }
    : { isActive: "on" };
  for (const clock of clocks) {
    const prefix = clockFieldPrefixes[clock];
    const policy = category?.policies[clock];
    defaultValue[`${prefix}DueSoonPercent`] = String(policy ? Math.round(policy.dueSoonFraction * 100) : defaultDueSoonPercent);
    if (policy) {
      defaultValue[`${prefix}Amount`] = String(policy.amount);
      defaultValue[`${prefix}Unit`] = policy.unit;
    }
  }

  const [form, fields] = useForm<CategoryFormInput>({
    id: "admin-category",
    lastResult: actionData?.result,
    defaultValue: defaultValue as DefaultValue<CategoryFormInput>,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });
  const clockFields = clocks.map((clock) => {
    const prefix = clockFieldPrefixes[clock];
    return { clock, amount: fields[`${prefix}Amount`], unit: fields[`${prefix}Unit`], dueSoonPercent: fields[`${prefix}DueSoonPercent`] };
  });
  const allFields: FormField[] = [fields.code, fields.kind, fields.nameTh, fields.nameEn, fields.teamCode, fields.isActive, ...clockFields.flatMap((clock) => [clock.amount, clock.unit, clock.dueSoonPercent])];

  return (
    <div className="stack stack--large">
      <p>
        <Link to="/staff/admin/categories">{t("staffAdmin.category.backToCategories")}</Link>
      </p>
      <div className="page-heading">
        <h1>{category ? t("staffAdmin.category.editTitle", { code: category.code }) : t("staffAdmin.category.newTitle")}</h1>
      </div>
      <p className="alert alert--info">{t("staffAdmin.categories.policyNote")}</p>

      <Form method="post" className="form" {...getFormProps(form)}>
        {form.status === "error" ? <ErrorSummary id="admin-category-errors" formErrors={form.errors} fields={allFields} /> : null}
        {category ? (
          <>
          <dl className="summary-list">
            <div className="summary-list__row">
              <dt>{t("staffAdmin.common.code")}</dt>
              <dd>{category.code}</dd>
            </div>
            <div className="summary-list__row">
              <dt>{t("staffAdmin.category.kind")}</dt>
              <dd>{t(`kinds.${category.kind}`)}</dd>
            </div>
          </dl>
          <p className="field__hint">{t("staffAdmin.category.fixedNote")}</p>
          </>
        ) : (
          <>
            <SelectField field={fields.kind} label={t("staffAdmin.category.kind")} emptyLabel={t("staffAdmin.category.chooseKind")}>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kinds.${kind}`)}
                </option>
              ))}
            </SelectField>
            <TextField field={fields.code} label={t("staffAdmin.common.code")} hint={t("staffAdmin.category.codeHint")} autoComplete="off" spellCheck={false} autoCapitalize="off" />
          </>
        )}
        <TextField field={fields.nameTh} label={t("staffAdmin.common.nameTh")} autoComplete="off" />
        <TextField field={fields.nameEn} label={t("staffAdmin.common.nameEn")} autoComplete="off" />
        <SelectField field={fields.teamCode} label={t("staffAdmin.common.team")} hint={category ? t("staffAdmin.category.teamNote") : undefined} emptyLabel={t("staffAdmin.category.chooseTeam")}>
          {teams.map((team) => (
            <option key={team.code} value={team.code}>
              {locale === "th" ? team.nameTh : team.nameEn}
            </option>
          ))}
        </SelectField>
        <CheckboxField field={fields.isActive} label={t("staffAdmin.category.isActive")} />

        <h2>{t("staffAdmin.category.policiesHeading")}</h2>
        {clockFields.map(({ clock, amount, unit, dueSoonPercent }) => (
          <fieldset key={clock} className="fieldset">
            <legend className="fieldset__legend">{t(`clocks.${clock}`)}</legend>
            <TextField field={amount} label={t("staffAdmin.category.amount")} hint={t("staffAdmin.category.amountHint")} inputMode="numeric" short optional />
            <SelectField field={unit} label={t("staffAdmin.category.unit")}>
              {units.map((name) => (
                <option key={name} value={name}>
                  {t(unitNameKeys[name])}
                </option>
              ))}
            </SelectField>
            <TextField field={dueSoonPercent} label={t("staffAdmin.category.dueSoonPercent")} inputMode="numeric" short />
          </fieldset>
        ))}

        <div className="form-actions">
          <SubmitButton label={creating ? t("staffAdmin.category.create") : t("staffAdmin.category.save")} pendingLabel={t("staffAdmin.common.saving")} pending={navigation.state === "submitting"} />
        </div>
      </Form>
    </div>
  );
}
