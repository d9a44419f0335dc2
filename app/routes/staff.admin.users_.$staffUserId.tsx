import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { roleChangeSchema } from "~/admin/admin-forms";
import { adminProblemMessages } from "~/admin/admin-problems";
import { changeStaffRole, findStaffAccount, resetStaffSecondFactor, setStaffAccountActive } from "~/admin/staff-accounts.server";
import { listTeams } from "~/admin/teams.server";
import { roleNeedsTeam } from "~/auth/permissions";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { staffRoles } from "~/vocabulary";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { DoneNotice, ProblemNotice } from "~/ui/AdminNotices";
import { ErrorSummary, SubmitButton } from "~/ui/form-fields";
import { noIndex, staffRoleKeys } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";
import { routeId } from "~/security/route-id";
import { RoleAndTeamFields } from "~/ui/admin/role-and-team-fields";

/*
 * One staff account as an admin manages it: role and team, active or not, and a reset of a lost
 * authenticator. Each is its own plain POST form with an `intent`; a change done redirects back
 * here (303) with `?done=<intent>`.
 */

const intents = ["change_role", "deactivate", "activate", "reset_second_factor"] as const;
type Intent = (typeof intents)[number];
const intentSchema = z.enum(intents);
const doneSchema = z.enum(intents).optional().catch(undefined);
const schema = roleChangeSchema(staffRoles);

const doneMessages: Readonly<Record<Intent, MessageKey>> = {
  change_role: "staffAdmin.account.roleChanged",
  deactivate: "staffAdmin.account.deactivated",
  activate: "staffAdmin.account.activated",
  reset_second_factor: "staffAdmin.account.secondFactorReset",
};

function accountPath(staffUserId: string): string {
  return `/staff/admin/users/${encodeURIComponent(staffUserId)}`;
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAdmin.account.title", { name: loaderData?.account.displayName ?? "" }) }) }, noIndex];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.users");
  const { db } = context.services;
  const account = await findStaffAccount(db, routeId(params.staffUserId), Date.now());
  if (!account) throw new Response(null, { status: 404 });
  const teams = await listTeams(db);
  return {
    account,
    isOwnAccount: account.id === staff.user.id,
    teams: teams.filter((team) => team.isActive).map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn })),
    roles: staffRoles,
    rolesNeedingTeam: staffRoles.filter(roleNeedsTeam),
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.users");
  const { services } = context;
  const staffUserId = routeId(params.staffUserId);
  const formData = await readForm(request);
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) throw new Response(null, { status: 400 });
  const now = Date.now();

  if (intent.data === "change_role") {
    const submission = parseWithZod(formData, { schema });
    if (submission.status !== "success") return data({ intent: intent.data, result: submission.reply(), problem: null }, { status: 400 });
    const changed = await changeStaffRole(services, staffUserId, { role: submission.value.role, teamCode: submission.value.teamCode ?? null }, staff.user.id, now);
    if ("changed" in changed) throw redirect(`${accountPath(staffUserId)}?done=change_role`, 303);
    if (changed.problem === "not_found") throw new Response(null, { status: 404 });
    const message = adminProblemMessages[changed.problem];
    const reply = changed.problem === "unknown_team" || changed.problem === "team_required" ? submission.reply({ fieldErrors: { teamCode: [message] } }) : submission.reply({ formErrors: [message] });
    return data({ intent: intent.data, result: reply, problem: null }, { status: 400 });
  }

  const outcome =
    intent.data === "reset_second_factor"
      ? await resetStaffSecondFactor(services, staffUserId, staff.user.id, now)
      : await setStaffAccountActive(services, staffUserId, intent.data === "activate", staff.user.id, now);
  if ("changed" in outcome) throw redirect(`${accountPath(staffUserId)}?done=${intent.data}`, 303);
  if (outcome.problem === "not_found") throw new Response(null, { status: 404 });
  return data({ intent: intent.data, result: null, problem: adminProblemMessages[outcome.problem] }, { status: 409 });
}

export default function StaffAccountPage() {
  const { account, isOwnAccount, teams, roles, rolesNeedingTeam, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale, formatDateTime } = useTranslation();
  const [form, fields] = useForm({
    id: "admin-account-role",
    lastResult: actionData?.intent === "change_role" ? actionData.result : undefined,
    defaultValue: { role: account.role, teamCode: account.teamCode ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });
  const pendingIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const teamName = (team: { nameTh: string; nameEn: string }) => (locale === "th" ? team.nameTh : team.nameEn);

  return (
    <div className="stack stack--large">
      <p>
        <Link to="/staff/admin/users">{t("staffAdmin.account.backToUsers")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("staffAdmin.account.heading", { name: account.displayName })}</h1>
      </div>
      {done && !actionData ? <DoneNotice message={doneMessages[done]} /> : null}
      {actionData?.problem ? <ProblemNotice message={actionData.problem} /> : null}
      {isOwnAccount ? <p className="alert alert--info">{t("staffAdmin.account.ownAccount")}</p> : null}

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>{t("staffAdmin.users.email")}</dt>
          <dd>{account.email}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("staffAdmin.users.role")}</dt>
          <dd>{t(staffRoleKeys[account.role])}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("staffAdmin.common.team")}</dt>
          <dd>{account.teamNameTh && account.teamNameEn ? teamName({ nameTh: account.teamNameTh, nameEn: account.teamNameEn }) : t("staffAdmin.common.noTeam")}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("staffAdmin.common.status")}</dt>
          <dd data-account-active={account.isActive}>{account.isActive ? t("staffAdmin.common.active") : t("staffAdmin.common.inactive")}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("staffAdmin.users.secondFactor")}</dt>
          <dd>{account.totpEnrolled ? t("staffAdmin.users.enrolled") : t("staffAdmin.users.notEnrolled")}</dd>
        </div>
        <div className="summary-list__row">
          <dt>{t("staffAdmin.users.lockout")}</dt>
          <dd>{account.lockedUntil !== null ? t("staffAdmin.users.lockedUntil", { time: formatDateTime(account.lockedUntil, "short") }) : t("staffAdmin.users.notLocked")}</dd>
        </div>
      </dl>

      {isOwnAccount ? null : (
        <section aria-labelledby="account-role-heading" className="stack">
          <h2 id="account-role-heading">{t("staffAdmin.account.roleHeading")}</h2>
          <p>{t("staffAdmin.account.roleNote")}</p>
          <Form method="post" className="form" {...getFormProps(form)}>
            {form.status === "error" ? <ErrorSummary id="account-role-errors" formErrors={form.errors} fields={[fields.role, fields.teamCode]} /> : null}
            <input type="hidden" name="intent" value="change_role" />
            <RoleAndTeamFields roleField={fields.role} teamField={fields.teamCode} roles={roles} rolesNeedingTeam={rolesNeedingTeam} teams={teams} />
            <div className="form-actions">
              <SubmitButton label={t("staffAdmin.account.saveRole")} pendingLabel={t("staffAdmin.common.saving")} pending={pendingIntent === "change_role"} />
            </div>
          </Form>
        </section>
      )}

      {isOwnAccount ? null : (
        <section aria-labelledby="account-status-heading" className="stack">
          <h2 id="account-status-heading">{t("staffAdmin.account.statusHeading")}</h2>
          {account.isActive ? <p>{t("staffAdmin.account.deactivateNote")}</p> : null}
          <Form method="post">
            <input type="hidden" name="intent" value={account.isActive ? "deactivate" : "activate"} />
            <SubmitButton
              label={account.isActive ? t("staffAdmin.account.deactivate") : t("staffAdmin.account.activate")}
              pendingLabel={t("staffAdmin.common.saving")}
              pending={pendingIntent === "deactivate" || pendingIntent === "activate"}
              variant="secondary"
            />
          </Form>
        </section>
      )}

      <section aria-labelledby="account-second-factor-heading" className="stack">
        <h2 id="account-second-factor-heading">{t("staffAdmin.account.secondFactorHeading")}</h2>
        <p>{t("staffAdmin.account.resetSecondFactorNote")}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="reset_second_factor" />
          <SubmitButton label={t("staffAdmin.account.resetSecondFactor")} pendingLabel={t("staffAdmin.common.saving")} pending={pendingIntent === "reset_second_factor"} variant="secondary" />
        </Form>
      </section>
    </div>
  );
}
