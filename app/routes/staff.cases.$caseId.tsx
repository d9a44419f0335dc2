import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requireStaff } from "~/auth/staff-request.server";
import { loadBusinessCalendar } from "~/calendar/business-calendar.server";
import { caseContextOf } from "~/cases/case-access.server";
import {
  listEligibleAssignees,
  listRecusableStaff,
  performCaseAction,
  referralAgencies,
  type CaseActionProblem,
} from "~/cases/case-actions.server";
import { caseCommandTypes } from "~/cases/case-commands";
import { openCaseForStaff } from "~/cases/case-workspace.server";
import { caseKinds, caseOutcomes, casePriorities } from "~/vocabulary";
import { listIntakeCategories } from "~/intake/intake-categories.server";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { noIndex } from "~/ui/StaffLayout";
import { Attachments } from "~/ui/staff-case/attachments";
import { CaseActions } from "~/ui/staff-case/case-actions";
import {
  commandOf,
  placeIssues,
  submittedValues,
} from "~/ui/staff-case/command-submission";
import { deadlineRows } from "~/ui/staff-case/deadline-rows";
import { Deadlines } from "~/ui/staff-case/deadlines";
import { DoneNotice } from "~/ui/staff-case/done-notice";
import { Escalations } from "~/ui/staff-case/escalations";
import { InternalNotes, Thread } from "~/ui/staff-case/messages";
import { Narrative } from "~/ui/staff-case/narrative";
import { casePath } from "~/ui/staff-case/paths";
import { Reporter } from "~/ui/staff-case/reporter";
import { CaseSummary } from "~/ui/staff-case/summary";
import { Timeline } from "~/ui/staff-case/timeline";
import type { CommandFailure } from "~/ui/staff-case/types";
import { readForm } from "~/security/read-form.server";
import { routeId } from "~/security/route-id";

/*
 * One case, as an officer works on it: what was reported (decrypted by the service, which audits
 * the read), its deadlines, messages, notes, files and timeline, and a small form for each command
 * the officer may perform now. Every form is a plain POST with an `intent`, so the page works
 * without JavaScript; a command done redirects back here (303) with `?done=<intent>`.
 * The page's parts live in app/ui/staff-case.
 */

const intentSchema = z.enum(caseCommandTypes);
const doneSchema = z.enum(caseCommandTypes).optional().catch(undefined);

export const meta: MetaFunction<typeof loader> = ({
  data: loaderData,
  matches,
}) => {
  const t = createTranslator(localeFromMatches(matches));
  const reference = loaderData?.workspace.reference ?? "";
  return [
    {
      title: t("app.pageTitle", { page: t("staffCase.title", { reference }) }),
    },
    noIndex,
  ];
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const { services } = context;
  const now = Date.now();
  const opened = await openCaseForStaff(
    services,
    staff.user,
    routeId(params.caseId),
    now
  );
  if ("problem" in opened)
    throw new Response(null, {
      status: opened.problem === "not_found" ? 404 : 403,
    });
  const { workspace } = opened;
  const [calendar, categories, assignees, recusableStaff] = await Promise.all([
    loadBusinessCalendar(services.db),
    workspace.allowedActions.includes("reclassify")
      ? listIntakeCategories(services.db, caseKinds)
      : Promise.resolve([]),
    workspace.allowedActions.includes("assign")
      ? listEligibleAssignees(services.db, staff.user, workspace.id)
      : Promise.resolve([]),
    workspace.allowedActions.includes("recuse_staff")
      ? listRecusableStaff(services.db, staff.user, workspace.id)
      : Promise.resolve([]),
  ]);
  return {
    workspace,
    deadlines: deadlineRows(workspace, calendar, now),
    done: doneSchema.parse(
      new URL(request.url).searchParams.get("done") ?? undefined
    ),
    staffId: staff.user.id,
    // The vocabularies travel with the data: their lists live in server-only modules.
    options: {
      kinds: caseKinds,
      priorities: casePriorities,
      outcomes: [...caseOutcomes],
      agencies: referralAgencies,
      categories,
      assignees,
      recusableStaff,
    },
  };
}

const problemStatus: Readonly<Record<CaseActionProblem["problem"], number>> = {
  not_found: 404,
  forbidden: 403,
  not_allowed_in_status: 409,
  reopen_window_passed: 409,
  invalid_input: 400,
  unknown_category: 400,
  assignee_not_eligible: 400,
  assignee_changed: 409,
  merge_target_not_found: 400,
  merge_target_not_open: 409,
  merge_target_not_corruption_tip: 409,
  recused_staff_not_eligible: 400,
  cannot_recuse_self: 400,
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  const { services } = context;
  const caseId = routeId(params.caseId);
  const formData = await readForm(request);
  const intent = intentSchema.safeParse(formData.get("intent"));
  if (!intent.success) throw new Response(null, { status: 400 });
  const values = submittedValues(formData, intent.data);
  const result = await performCaseAction(
    services,
    staff.user,
    caseId,
    commandOf(intent.data, values),
    Date.now()
  );

  if ("done" in result) {
    // Declaring a conflict (or moving the case to another team) can take the case out of the
    // officer's sight: the queues are then where they go on, not a "forbidden" page.
    const caseContext = await caseContextOf(services.db, caseId);
    if (!caseContext || !can(staff.user, "case.view", caseContext))
      throw redirect("/staff", 303);
    throw redirect(`${casePath(caseId)}?done=${intent.data}`, 303);
  }
  if (result.problem === "not_found") throw new Response(null, { status: 404 });
  // The page offers only permitted commands: a refused one is a forged or stale request (already audited).
  if (result.problem === "forbidden") throw new Response(null, { status: 403 });

  const failure: CommandFailure = {
    intent: intent.data,
    problem: result.problem,
    ...(result.problem === "invalid_input"
      ? placeIssues(intent.data, result.issues)
      : { fieldErrors: {}, formErrors: [] }),
    values,
  };
  return data(failure, { status: problemStatus[result.problem] });
}

export default function StaffCasePage() {
  const { workspace, deadlines, done, options, staffId } =
    useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useTranslation();

  return (
    <div className="case-page stack stack--large">
      <p>
        <Link to="/staff">{t("staffCase.backToQueue")}</Link>
      </p>
      <div className="page-heading">
        <h1 data-case-reference={workspace.reference}>
          {t("staffCase.heading", { reference: workspace.reference })}
        </h1>
      </div>

      {done && !failure ? <DoneNotice done={done} /> : null}

      <CaseSummary workspace={workspace} />
      <Deadlines deadlines={deadlines} workspace={workspace} />

      <div className="case-page__columns">
        <div className="case-page__main stack stack--large">
          <Narrative workspace={workspace} />
          {/* An anonymized case has no messages or files left to show: the narrative's notice says so. */}
          {workspace.anonymizedAt === null ? (
            <>
              <Thread workspace={workspace} />
              {workspace.internalNotes ? (
                <InternalNotes notes={workspace.internalNotes} />
              ) : null}
              <Attachments workspace={workspace} />
            </>
          ) : null}
          <Timeline timeline={workspace.timeline} />
          <Escalations workspace={workspace} />
        </div>
        <aside className="case-page__side stack">
          <Reporter workspace={workspace} />
          <CaseActions
            workspace={workspace}
            options={options}
            failure={failure}
            staffId={staffId}
          />
        </aside>
      </div>
    </div>
  );
}
