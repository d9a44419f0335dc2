import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { inviteSchema } from "~/admin/admin-forms";
import { adminProblemMessages } from "~/admin/admin-problems";
import { inviteStaffUser, listStaffAccounts } from "~/admin/staff-accounts.server";
import { listTeams } from "~/admin/teams.server";
import { roleNeedsTeam } from "~/auth/permissions";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { staffRoles } from "~/vocabulary";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { DoneNotice } from "~/ui/AdminNotices";
import { ErrorSummary, SubmitButton, TextField } from "~/ui/form-fields";
import { noIndex, staffRoleKeys } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";
import { RoleAndTeamFields } from "~/ui/admin/role-and-team-fields";

/*
 * /staff/admin/users: every staff account at a glance, and the form that adds one. Changing an
 * account happens on its own page (staff.admin.users_.$staffUserId.tsx).
 */

const schema = inviteSchema(staffRoles);
const doneSchema = z.enum(["invited"]).optional().catch(undefined);

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAdmin.users.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.users");
  const { db } = context.services;
  const [accounts, teams] = [await listStaffAccounts(db, Date.now()), await listTeams(db)];
  return {
    accounts,
    teams: teams.filter((team) => team.isActive).map(({ code, nameTh, nameEn }) => ({ code, nameTh, nameEn })),
    roles: staffRoles,
    rolesNeedingTeam: staffRoles.filter(roleNeedsTeam),
    linkValidHours: context.services.config.staffInvitationValidityMs / 3_600_000,
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.users");
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { teamCode, ...invitation } = submission.value;
  const invited = await inviteStaffUser(context.services, { ...invitation, teamCode: teamCode ?? null }, staff.user.id, Date.now());
  if ("staffUserId" in invited) throw redirect("/staff/admin/users?done=invited", 303);
  // The service makes up the password itself; its rules cannot refuse it.
  if (invited.problem === "weak_password") throw new Error("a generated password was refused");
  const field = { email_taken: "email", invalid_email: "email", invalid_display_name: "displayName", unknown_team: "teamCode", team_required: "teamCode" }[invited.problem];
  return data({ result: submission.reply({ fieldErrors: { [field]: [adminProblemMessages[invited.problem]] } }) }, { status: 400 });
}

export default function StaffAccountsPage() {
  const { accounts, teams, roles, rolesNeedingTeam, linkValidHours, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale, formatDateTime } = useTranslation();
  const [form, fields] = useForm({
    id: "admin-invite",
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });
  const teamName = (team: { nameTh: string; nameEn: string }) => (locale === "th" ? team.nameTh : team.nameEn);

  return (
    <div className="stack stack--large">
      <p>
        <Link to="/staff/admin">{t("staffAdmin.common.backToAdmin")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("staffAdmin.users.heading")}</h1>
        <p className="lead">{t("staffAdmin.users.introduction")}</p>
      </div>
      {done && !actionData ? <DoneNotice message="staffAdmin.users.invited" /> : null}

      <div className="table-wrapper">
        <table className="table">
          <caption>{t("staffAdmin.users.tableCaption", { count: accounts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staffAdmin.users.name")}</th>
              <th scope="col">{t("staffAdmin.users.email")}</th>
              <th scope="col">{t("staffAdmin.users.role")}</th>
              <th scope="col">{t("staffAdmin.common.team")}</th>
              <th scope="col">{t("staffAdmin.common.status")}</th>
              <th scope="col">{t("staffAdmin.users.secondFactor")}</th>
              <th scope="col">{t("staffAdmin.users.lockout")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id} data-staff-account={account.email}>
                <th scope="row">
                  <Link to={`/staff/admin/users/${encodeURIComponent(account.id)}`} aria-label={t("staffAdmin.users.manage", { name: account.displayName })}>
                    {account.displayName}
                  </Link>
                </th>
                <td>{account.email}</td>
                <td>{t(staffRoleKeys[account.role])}</td>
                <td>{account.teamNameTh && account.teamNameEn ? teamName({ nameTh: account.teamNameTh, nameEn: account.teamNameEn }) : <span className="muted">{t("staffAdmin.common.noTeam")}</span>}</td>
                <td>{account.isActive ? t("staffAdmin.common.active") : t("staffAdmin.common.inactive")}</td>
                <td>{account.totpEnrolled ? t("staffAdmin.users.enrolled") : t("staffAdmin.users.notEnrolled")}</td>
                <td>{account.lockedUntil !== null ? t("staffAdmin.users.lockedUntil", { time: formatDateTime(account.lockedUntil, "short") }) : <span className="muted">{t("staffAdmin.users.notLocked")}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="admin-invite-heading" className="stack">
        <h2 id="admin-invite-heading">{t("staffAdmin.users.inviteHeading")}</h2>
        <p>{t("staffAdmin.users.inviteIntroduction", { hours: linkValidHours })}</p>
        <Form method="post" className="form" {...getFormProps(form)}>
          {form.status === "error" ? <ErrorSummary id="admin-invite-errors" formErrors={form.errors} fields={[fields.email, fields.displayName, fields.role, fields.teamCode]} /> : null}
          <TextField field={fields.email} label={t("staffAdmin.users.email")} type="email" autoComplete="off" spellCheck={false} autoCapitalize="off" />
          <TextField field={fields.displayName} label={t("staffAdmin.users.displayName")} autoComplete="off" />
          <RoleAndTeamFields roleField={fields.role} teamField={fields.teamCode} roles={roles} rolesNeedingTeam={rolesNeedingTeam} teams={teams} />
          <div className="form-actions">
            <SubmitButton label={t("staffAdmin.users.invite")} pendingLabel={t("staffAdmin.common.saving")} pending={navigation.state === "submitting"} />
          </div>
        </Form>
      </section>
    </div>
  );
}
