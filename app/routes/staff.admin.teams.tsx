import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { createTeamSchema, renameTeamSchema } from "~/admin/admin-forms";
import { adminProblemMessages } from "~/admin/admin-problems";
import { createTeam, listTeams, renameTeam, setTeamActive } from "~/admin/teams.server";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { DoneNotice, ProblemNotice } from "~/ui/AdminNotices";
import { ErrorSummary, SubmitButton, TextField } from "~/ui/form-fields";
import { noIndex } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";

/*
 * /staff/admin/teams: the teams with what still depends on them, a rename form on each row, and
 * the form that adds a team. Every form is a plain POST with an `intent`.
 */

const intents = ["create", "rename", "deactivate", "activate"] as const;
type Intent = (typeof intents)[number];
const intentSchema = z.enum(intents);
const doneSchema = z.enum(intents).optional().catch(undefined);
const teamIdSchema = z.object({ teamId: z.string().min(1).max(100) });

const doneMessages: Readonly<Record<Intent, MessageKey>> = {
  create: "staffAdmin.teams.created",
  rename: "staffAdmin.teams.renamed",
  deactivate: "staffAdmin.teams.deactivated",
  activate: "staffAdmin.teams.activated",
};

const teamsPath = "/staff/admin/teams";

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAdmin.teams.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.teams");
  return {
    teams: await listTeams(context.services.db),
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined),
  };
}

/** A refusal of a row's form: which row, what was typed there, and why. */
interface RowFailure {
  teamId: string;
  values: { nameTh?: string; nameEn?: string };
  message: string;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.teams");
  const { services } = context;
  const formData = await readForm(request);
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) throw new Response(null, { status: 400 });
  const now = Date.now();

  if (intent.data === "create") {
    const submission = parseWithZod(formData, { schema: createTeamSchema });
    if (submission.status !== "success") return data({ intent: intent.data, result: submission.reply(), row: null }, { status: 400 });
    const created = await createTeam(services, submission.value, staff.user.id, now);
    if ("teamId" in created) throw redirect(`${teamsPath}?done=create`, 303);
    return data({ intent: intent.data, result: submission.reply({ fieldErrors: { code: [adminProblemMessages[created.problem]] } }), row: null }, { status: 400 });
  }

  if (intent.data === "rename") {
    const values = { nameTh: String(formData.get("nameTh") ?? ""), nameEn: String(formData.get("nameEn") ?? "") };
    const parsed = renameTeamSchema.safeParse({ ...values, teamId: formData.get("teamId") });
    if (!parsed.success) {
      const teamId = String(formData.get("teamId") ?? "");
      const row: RowFailure = { teamId, values, message: parsed.error.issues[0]?.message ?? "validation.required" };
      return data({ intent: intent.data, result: null, row }, { status: 400 });
    }
    const renamed = await renameTeam(services, parsed.data.teamId, parsed.data, staff.user.id, now);
    if ("changed" in renamed) throw redirect(`${teamsPath}?done=rename`, 303);
    const row: RowFailure = { teamId: parsed.data.teamId, values, message: adminProblemMessages[renamed.problem] };
    return data({ intent: intent.data, result: null, row }, { status: 409 });
  }

  const target = teamIdSchema.safeParse({ teamId: formData.get("teamId") });
  if (!target.success) throw new Response(null, { status: 400 });
  const changed = await setTeamActive(services, target.data.teamId, intent.data === "activate", staff.user.id, now);
  if ("changed" in changed) throw redirect(`${teamsPath}?done=${intent.data}`, 303);
  const row: RowFailure = { teamId: target.data.teamId, values: {}, message: adminProblemMessages[changed.problem] };
  return data({ intent: intent.data, result: null, row }, { status: 409 });
}

type Team = ReturnType<typeof useLoaderData<typeof loader>>["teams"][number];

export default function TeamsPage() {
  const { teams, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "admin-create-team",
    lastResult: actionData?.intent === "create" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createTeamSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onBlur",
  });
  const failedRow = actionData?.row ?? null;

  return (
    <div className="stack stack--large">
      <p>
        <Link to="/staff/admin">{t("staffAdmin.common.backToAdmin")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("staffAdmin.teams.heading")}</h1>
        <p className="lead">{t("staffAdmin.teams.introduction")}</p>
      </div>
      {done && !actionData ? <DoneNotice message={doneMessages[done]} /> : null}
      {failedRow ? <ProblemNotice message={failedRow.message} /> : null}

      <div className="table-wrapper">
        <table className="table">
          <caption>{t("staffAdmin.teams.tableCaption", { count: teams.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("staffAdmin.common.code")}</th>
              <th scope="col">{t("staffAdmin.users.name")}</th>
              <th scope="col">{t("staffAdmin.teams.activeCategories")}</th>
              <th scope="col">{t("staffAdmin.teams.activeStaff")}</th>
              <th scope="col">{t("staffAdmin.common.status")}</th>
              <th scope="col">{t("staffAdmin.common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <TeamRow key={team.id} team={team} failure={failedRow?.teamId === team.id ? failedRow : null} pending={navigation.state === "submitting" && navigation.formData?.get("teamId") === team.id} />
            ))}
          </tbody>
        </table>
      </div>

      <section aria-labelledby="admin-create-team-heading" className="stack">
        <h2 id="admin-create-team-heading">{t("staffAdmin.teams.createHeading")}</h2>
        <Form method="post" className="form" {...getFormProps(form)}>
          {form.status === "error" ? <ErrorSummary id="admin-create-team-errors" formErrors={form.errors} fields={[fields.code, fields.nameTh, fields.nameEn]} /> : null}
          <input type="hidden" name="intent" value="create" />
          <TextField field={fields.code} label={t("staffAdmin.common.code")} hint={t("staffAdmin.teams.codeHint")} autoComplete="off" spellCheck={false} autoCapitalize="off" short />
          <TextField field={fields.nameTh} label={t("staffAdmin.common.nameTh")} autoComplete="off" />
          <TextField field={fields.nameEn} label={t("staffAdmin.common.nameEn")} autoComplete="off" />
          <div className="form-actions">
            <SubmitButton label={t("staffAdmin.teams.create")} pendingLabel={t("staffAdmin.common.saving")} pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"} />
          </div>
        </Form>
      </section>
    </div>
  );
}

function TeamRow({ team, failure, pending }: { team: Team; failure: RowFailure | null; pending: boolean }) {
  const { t } = useTranslation();
  const nameTh = failure?.values.nameTh ?? team.nameTh;
  const nameEn = failure?.values.nameEn ?? team.nameEn;
  const renameId = `rename-${team.id}`;
  return (
    <tr data-team={team.code}>
      <th scope="row">{team.code}</th>
      <td>
        {team.nameTh}
        <span className="queue-table__detail">{team.nameEn}</span>
      </td>
      <td>{team.activeCategories}</td>
      <td>{team.activeStaff}</td>
      <td>{team.isActive ? t("staffAdmin.common.active") : t("staffAdmin.common.inactive")}</td>
      <td>
        {/* The key remounts the inputs when a refusal brings back what was typed. */}
        <Form method="post" className="stack stack--small" aria-label={t("staffAdmin.teams.renameLabel", { code: team.code })} key={`${nameTh}\n${nameEn}`}>
          <input type="hidden" name="intent" value="rename" />
          <input type="hidden" name="teamId" value={team.id} />
          <label className="field__label" htmlFor={`${renameId}-th`}>
            {t("staffAdmin.common.nameTh")}
          </label>
          <input id={`${renameId}-th`} name="nameTh" className="field__input" defaultValue={nameTh} autoComplete="off" />
          <label className="field__label" htmlFor={`${renameId}-en`}>
            {t("staffAdmin.common.nameEn")}
          </label>
          <input id={`${renameId}-en`} name="nameEn" className="field__input" defaultValue={nameEn} autoComplete="off" />
          <SubmitButton label={t("staffAdmin.teams.rename")} pendingLabel={t("staffAdmin.common.saving")} pending={pending} variant="secondary" />
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value={team.isActive ? "deactivate" : "activate"} />
          <input type="hidden" name="teamId" value={team.id} />
          <button type="submit" className="button button--secondary button--small">
            {team.isActive ? t("staffAdmin.teams.deactivate", { code: team.code }) : t("staffAdmin.teams.activate", { code: team.code })}
          </button>
        </Form>
      </td>
    </tr>
  );
}
