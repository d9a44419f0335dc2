import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { can } from "~/auth/permissions";
import { requireStaff } from "~/auth/staff-request.server";
import { loadBusinessCalendar } from "~/calendar/business-calendar.server";
import { caseContextOf } from "~/cases/case-access.server";
import {
  performCaseAction,
  referralAgencies,
  type CaseActionProblem,
  type InputIssue,
} from "~/cases/case-actions.server";
import { caseCommandTypes, type CaseCommandType } from "~/cases/case-commands";
import { isOpen } from "~/cases/case-lifecycle";
import {
  openCaseForStaff,
  type CaseWorkspace,
  type TimelineEntry,
} from "~/cases/case-workspace.server";
import {
  caseKinds,
  caseOutcomes,
  casePriorities,
  type SlaClock,
} from "~/db.server";
import { listIntakeCategories } from "~/intake/intake-categories.server";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { countdown, type Countdown } from "~/sla/countdown";
import { fileSizeMessage } from "~/ui/case-view";
import {
  FieldErrors,
  SelectField,
  SubmitButton,
  TextareaField,
  TextField,
  type FormField,
} from "~/ui/form-fields";
import { noIndex, staffRoleKeys } from "~/ui/StaffLayout";

/*
 * One case, as an officer works on it: what was reported (decrypted by the service, which audits
 * the read), its deadlines, messages, notes, files and timeline, and a small form for each command
 * the officer may perform now. Every form is a plain POST with an `intent`, so the page works
 * without JavaScript; a command done redirects back here (303) with `?done=<intent>`.
 */

/** Each command's form fields, in the names `caseCommandSchema` reads. */
const commandFields: Readonly<Record<CaseCommandType, readonly string[]>> = {
  acknowledge: [],
  start_work: [],
  assign: ["assigneeId"],
  reclassify: ["kind", "categoryCode", "priority"],
  ask_reporter: ["message"],
  reply: ["message"],
  internal_note: ["message"],
  merge: ["intoReference"],
  reject: ["reason"],
  refer: ["agency", "agencyName", "referredOn"],
  resolve: ["outcome"],
  close: [],
  reopen: [],
  declare_conflict: ["reason"],
};

/** Fields answered by choosing from a list: a missing answer reads "please choose". */
const choiceFields = new Set([
  "kind",
  "categoryCode",
  "priority",
  "agency",
  "outcome",
]);

const intentSchema = z.enum(caseCommandTypes);

/** `staffCasePath` of the service, which lives in a server-only module the page cannot import. */
function casePath(caseId: string): string {
  return `/staff/cases/${encodeURIComponent(caseId)}`;
}
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

type ClockState =
  | { state: "met"; at: number }
  | { state: "running"; countdown: Countdown }
  | { state: "paused" }
  | { state: "stopped" };

export interface DeadlineRow {
  clock: SlaClock;
  dueAt: number;
  isNext: boolean;
  clockState: ClockState;
}

/** Each clock with a deadline, and where it stands now in business time of the agency's calendar. */
function deadlineRows(
  workspace: CaseWorkspace,
  calendar: Awaited<ReturnType<typeof loadBusinessCalendar>>,
  now: number
): DeadlineRow[] {
  const clocks: Array<{
    clock: SlaClock;
    dueAt: number | null;
    metAt: number | null;
  }> = [
    {
      clock: "acknowledge",
      dueAt: workspace.deadlines.acknowledgeDueAt,
      metAt: workspace.progress.acknowledgedAt,
    },
    {
      clock: "first_response",
      dueAt: workspace.deadlines.firstResponseDueAt,
      metAt: workspace.progress.firstResponseAt,
    },
    {
      clock: "resolve",
      dueAt: workspace.deadlines.resolveDueAt,
      metAt: workspace.progress.resolvedAt,
    },
  ];
  const rows: DeadlineRow[] = [];
  for (const { clock, dueAt, metAt } of clocks) {
    if (dueAt === null) continue;
    let clockState: ClockState;
    if (metAt !== null) clockState = { state: "met", at: metAt };
    else if (clock === "resolve" && workspace.progress.pausedAt !== null)
      clockState = { state: "paused" };
    else if (!isOpen(workspace.status)) clockState = { state: "stopped" };
    else
      clockState = {
        state: "running",
        countdown: countdown({
          dueAt,
          now,
          clockStartedAt: workspace.createdAt,
          calendar,
        }),
      };
    rows.push({
      clock,
      dueAt,
      isNext: workspace.nextDeadline?.clock === clock,
      clockState,
    });
  }
  return rows;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const { services } = context;
  const now = Date.now();
  const opened = await openCaseForStaff(
    services,
    staff.user,
    params.caseId ?? "",
    now
  );
  if ("problem" in opened)
    throw new Response(null, {
      status: opened.problem === "not_found" ? 404 : 403,
    });
  const { workspace } = opened;
  const [calendar, categories] = await Promise.all([
    loadBusinessCalendar(services.db),
    workspace.allowedActions.includes("reclassify")
      ? listIntakeCategories(services.db, caseKinds)
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
    },
  };
}

type Problem = CaseActionProblem["problem"];

const problemStatus: Readonly<Record<Problem, number>> = {
  not_found: 404,
  forbidden: 403,
  not_allowed_in_status: 409,
  reopen_window_passed: 409,
  invalid_input: 400,
  unknown_category: 400,
  assignee_not_eligible: 400,
  merge_target_not_found: 400,
  merge_target_not_open: 409,
};

const issueKeys: Readonly<Record<string, MessageKey>> = {
  too_big: "staffCase.issues.tooLong",
  nothing_to_change: "staffCase.issues.nothing_to_change",
  category_required: "staffCase.issues.category_required",
  invalid_date: "staffCase.issues.invalid_date",
  in_the_future: "staffCase.issues.in_the_future",
  before_filing: "staffCase.issues.before_filing",
  required: "staffCase.issues.required",
};

function issueMessage(issue: InputIssue): MessageKey {
  const known = issueKeys[issue.code];
  if (known) return known;
  if (
    issue.code === "too_small" ||
    issue.code === "invalid_type" ||
    issue.code === "invalid_enum_value"
  ) {
    return choiceFields.has(issue.field)
      ? "staffCase.issues.choose"
      : "staffCase.issues.required";
  }
  return "staffCase.issues.invalid";
}

/** What the officer typed, to fill the form again after a problem (without JavaScript too). */
function submittedValues(
  formData: FormData,
  intent: CaseCommandType
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of commandFields[intent]) {
    const value = formData.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

/** An empty field is an unanswered one: optional fields are then left out, required ones fail as missing. */
function commandOf(
  intent: CaseCommandType,
  values: Record<string, string>
): Record<string, string> {
  const command: Record<string, string> = { type: intent };
  for (const [name, value] of Object.entries(values))
    if (value.trim() !== "") command[name] = value;
  return command;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  const { services } = context;
  const caseId = params.caseId ?? "";
  const formData = await request.formData();
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

  const fieldErrors: Record<string, string[]> = {};
  const formErrors: string[] = [];
  if (result.problem === "invalid_input") {
    for (const issue of result.issues) {
      const message = issueMessage(issue);
      if (commandFields[intent.data].includes(issue.field))
        (fieldErrors[issue.field] ??= []).push(message);
      else formErrors.push(message);
    }
  }
  return data(
    {
      intent: intent.data,
      problem: result.problem,
      fieldErrors,
      formErrors,
      values,
    },
    { status: problemStatus[result.problem] }
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Workspace = LoaderData["workspace"];
type Options = LoaderData["options"];
type Failure = NonNullable<ReturnType<typeof useActionData<typeof action>>>;

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

      {done && !failure ? (
        <div
          tabIndex={-1}
          autoFocus
          role="status"
          className="alert alert--success"
          data-done={done}
        >
          <p className="alert__title">{t("staffCase.done.title")}</p>
          <p>{t(`staffCase.done.${done}`)}</p>
        </div>
      ) : null}

      <CaseSummary workspace={workspace} />
      <Deadlines deadlines={deadlines} workspace={workspace} />

      <div className="case-page__columns">
        <div className="case-page__main stack stack--large">
          <Narrative workspace={workspace} />
          <Thread workspace={workspace} />
          {workspace.internalNotes ? (
            <InternalNotes notes={workspace.internalNotes} />
          ) : null}
          <Attachments workspace={workspace} />
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

function SummaryRow({
  label,
  children,
}: {
  label: string;
  children: ReactNode;
}) {
  return (
    <div className="summary-list__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CaseSummary({ workspace }: { workspace: Workspace }) {
  const { t, locale, formatDateTime } = useTranslation();
  const name = (record: { nameTh: string; nameEn: string }) =>
    locale === "th" ? record.nameTh : record.nameEn;
  return (
    <section
      aria-labelledby="case-summary-heading"
      className="stack stack--small"
    >
      <h2 id="case-summary-heading" className="visually-hidden">
        {t("staffCase.summary.heading")}
      </h2>
      {workspace.isOverdue || workspace.namesSeniorOfficial ? (
        <p className="case-page__flags">
          {workspace.isOverdue ? (
            <span className="case-flag case-flag--overdue">
              {t("staffCase.summary.overdue")}
            </span>
          ) : null}
          {workspace.namesSeniorOfficial ? (
            <span className="case-flag">
              {t("staffCase.summary.seniorOfficial")}
            </span>
          ) : null}
        </p>
      ) : null}
      <dl className="summary-list case-page__summary">
        <SummaryRow label={t("staffCase.summary.reference")}>
          {workspace.reference}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.kind")}>
          {t(`kinds.${workspace.kind}`)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.status")}>
          <span data-case-status={workspace.status}>
            {t(`staffCase.statuses.${workspace.status}`)}
          </span>
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.priority")}>
          <span
            className={`case-priority case-priority--${workspace.priority}`}
          >
            {t(`staffCase.priorities.${workspace.priority}`)}
          </span>
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.category")}>
          {name(workspace.category)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.team")}>
          {name(workspace.team)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.channel")}>
          {t(`channels.${workspace.channel}`)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.assignee")}>
          <span data-case-assignee>
            {workspace.assignee
              ? workspace.assignee.displayName
              : t("staffCase.summary.unassigned")}
          </span>
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.createdAt")}>
          {formatDateTime(workspace.createdAt)}
        </SummaryRow>
        <SummaryRow label={t("staffCase.summary.updatedAt")}>
          {formatDateTime(workspace.updatedAt)}
        </SummaryRow>
        {workspace.outcome ? (
          <SummaryRow label={t("staffCase.summary.outcome")}>
            {t(`staffCase.outcomes.${workspace.outcome}`)}
          </SummaryRow>
        ) : null}
        {workspace.referredTo ? (
          <SummaryRow label={t("staffCase.summary.referredTo")}>
            <ReferredTo value={workspace.referredTo} />
            {workspace.referredAt
              ? ` (${formatDateTime(workspace.referredAt)})`
              : null}
          </SummaryRow>
        ) : null}
        {workspace.mergedInto ? (
          <SummaryRow label={t("staffCase.summary.mergedInto")}>
            <Link to={casePath(workspace.mergedInto.id)}>
              {workspace.mergedInto.reference}
            </Link>
          </SummaryRow>
        ) : null}
      </dl>
    </section>
  );
}

/** The service stores "nacc" or "other:<name>": a known agency by its name, another by what was typed. */
function ReferredTo({ value }: { value: string }) {
  const { t } = useTranslation();
  if (value.startsWith("other:")) return <>{value.slice("other:".length)}</>;
  const agency = referralAgencyOf(value);
  return <>{agency ? t(`staffCase.agencies.${agency}`) : value}</>;
}

function referralAgencyOf(
  value: string
): "nacc" | "pacc" | "ombudsman" | undefined {
  return value === "nacc" || value === "pacc" || value === "ombudsman"
    ? value
    : undefined;
}

function CountdownText({ value }: { value: Countdown }) {
  const { t, formatNumber } = useTranslation();
  const params = {
    days: formatNumber(value.businessDays),
    hours: formatNumber(value.hours),
  };
  const key: MessageKey =
    value.state === "overdue"
      ? "staffCase.deadlines.overdue"
      : value.state === "due_soon"
      ? "staffCase.deadlines.dueSoon"
      : "staffCase.deadlines.onTrack";
  return (
    <span
      className={
        value.state === "on_track"
          ? "countdown"
          : `countdown countdown--${value.state}`
      }
      data-countdown={value.state}
    >
      {t(key, params)}
    </span>
  );
}

function Deadlines({
  deadlines,
  workspace,
}: {
  deadlines: DeadlineRow[];
  workspace: Workspace;
}) {
  const { t, formatDateTime } = useTranslation();
  const next = workspace.nextDeadline;
  return (
    <section aria-labelledby="deadlines-heading" className="stack stack--small">
      <h2 id="deadlines-heading">{t("staffCase.deadlines.heading")}</h2>
      <p className="case-page__next" data-next-deadline={next?.clock ?? "none"}>
        {next
          ? t("staffCase.deadlines.next", {
              clock: t(`clocks.${next.clock}`),
              dateTime: formatDateTime(next.dueAt),
            })
          : t("staffCase.deadlines.noneNext")}
      </p>
      {deadlines.length === 0 ? (
        <p className="muted">{t("staffCase.deadlines.none")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staffCase.deadlines.clockColumn")}</th>
                <th scope="col">{t("staffCase.deadlines.dueColumn")}</th>
                <th scope="col">{t("staffCase.deadlines.stateColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((row) => (
                <tr
                  key={row.clock}
                  className={row.isNext ? "case-page__next-row" : undefined}
                >
                  <th scope="row">{t(`clocks.${row.clock}`)}</th>
                  <td>{formatDateTime(row.dueAt, "short")}</td>
                  <td>
                    {row.clockState.state === "met" ? (
                      t("staffCase.deadlines.met", {
                        dateTime: formatDateTime(row.clockState.at, "short"),
                      })
                    ) : row.clockState.state === "running" ? (
                      <CountdownText value={row.clockState.countdown} />
                    ) : row.clockState.state === "paused" ? (
                      <span className="countdown countdown--paused">
                        {t("staffCase.deadlines.paused")}
                      </span>
                    ) : (
                      <span className="muted">
                        {t("staffCase.deadlines.stopped")}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Narrative({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="narrative-heading" className="stack stack--small">
      <h2 id="narrative-heading">{t("staffCase.narrative.heading")}</h2>
      <div className="case-text" data-narrative>
        {workspace.narrative}
      </div>
      <dl className="summary-list summary-list--compact">
        <SummaryRow label={t("staffCase.narrative.when")}>
          {workspace.details.when ?? t("staffCase.narrative.notGiven")}
        </SummaryRow>
        <SummaryRow label={t("staffCase.narrative.where")}>
          {workspace.details.where ?? t("staffCase.narrative.notGiven")}
        </SummaryRow>
      </dl>
      <h3>{t("staffCase.narrative.peopleHeading")}</h3>
      {workspace.peopleInvolved ? (
        <div className="case-text">{workspace.peopleInvolved}</div>
      ) : (
        <p className="muted">{t("staffCase.narrative.noPeople")}</p>
      )}
    </section>
  );
}

function Reporter({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  const identity = workspace.reporterIdentity;
  return (
    <section
      aria-labelledby="reporter-heading"
      className="panel stack stack--small"
      data-reporter
    >
      <h2 id="reporter-heading" className="panel__title">
        {t("staffCase.reporter.heading")}
      </h2>
      <dl className="summary-list summary-list--compact">
        <SummaryRow label={t("staffCase.reporter.relation")}>
          {t(`reporterRelations.${workspace.reporterRelation}`)}
        </SummaryRow>
        {workspace.identityShown && identity ? (
          <>
            <SummaryRow label={t("staffCase.reporter.name")}>
              {identity.name ?? t("staffCase.reporter.notGiven")}
            </SummaryRow>
            <SummaryRow label={t("staffCase.reporter.email")}>
              {identity.email ?? t("staffCase.reporter.notGiven")}
            </SummaryRow>
            <SummaryRow label={t("staffCase.reporter.phone")}>
              {identity.phone ?? t("staffCase.reporter.notGiven")}
            </SummaryRow>
          </>
        ) : null}
      </dl>
      {workspace.identityShown ? null : (
        <p className="muted">
          {workspace.isAnonymous
            ? t("staffCase.reporter.anonymous")
            : t("staffCase.reporter.hidden")}
        </p>
      )}
    </section>
  );
}

type ThreadMessage = Workspace["thread"][number];

function MessageList({
  messages,
  kind,
}: {
  messages: ThreadMessage[];
  kind: "thread" | "notes";
}) {
  const { t, formatDateTime } = useTranslation();
  return (
    <ol className="conversation" data-messages={kind}>
      {messages.map((message) => (
        <li
          key={message.id}
          className={
            message.author === "staff"
              ? "message message--staff"
              : "message message--reporter"
          }
        >
          <p className="message__meta">
            <span className="message__author">
              {message.author === "reporter"
                ? t("staffCase.thread.fromReporter")
                : message.authorName ?? t("staffCase.thread.fromStaff")}
            </span>
            <span className="message__time">
              {formatDateTime(message.createdAt)}
            </span>
          </p>
          <p className="message__body">{message.body}</p>
        </li>
      ))}
    </ol>
  );
}

function Thread({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="thread-heading" className="stack stack--small">
      <h2 id="thread-heading">{t("staffCase.thread.heading")}</h2>
      {workspace.thread.length === 0 ? (
        <p className="muted">{t("staffCase.thread.empty")}</p>
      ) : (
        <MessageList messages={workspace.thread} kind="thread" />
      )}
    </section>
  );
}

function InternalNotes({ notes }: { notes: ThreadMessage[] }) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="notes-heading"
      className="stack stack--small case-page__notes"
    >
      <h2 id="notes-heading">{t("staffCase.notes.heading")}</h2>
      <p className="muted small">{t("staffCase.notes.hint")}</p>
      {notes.length === 0 ? (
        <p className="muted">{t("staffCase.notes.empty")}</p>
      ) : (
        <MessageList messages={notes} kind="notes" />
      )}
    </section>
  );
}

function actorLabel(
  t: ReturnType<typeof useTranslation>["t"],
  actorType: TimelineEntry["actorType"],
  actorName: string | null
): string {
  if (actorName) return actorName;
  return t(`staffCase.actors.${actorType}`);
}

function Attachments({ workspace }: { workspace: Workspace }) {
  const { t, formatDateTime, formatNumber } = useTranslation();
  return (
    <section
      aria-labelledby="attachments-heading"
      className="stack stack--small"
    >
      <h2 id="attachments-heading">{t("staffCase.attachments.heading")}</h2>
      {workspace.attachments.length === 0 ? (
        <p className="muted">{t("staffCase.attachments.empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staffCase.attachments.nameColumn")}</th>
                <th scope="col">{t("staffCase.attachments.typeColumn")}</th>
                <th scope="col" className="numeric">
                  {t("staffCase.attachments.sizeColumn")}
                </th>
                <th scope="col">{t("staffCase.attachments.fromColumn")}</th>
                <th scope="col">{t("staffCase.attachments.atColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {workspace.attachments.map((file) => {
                const size = fileSizeMessage(file.sizeBytes);
                return (
                  <tr key={file.id}>
                    <td>
                      {/* A document request (reloadDocument): the browser saves the file instead of the router fetching it. */}
                      <Link
                        reloadDocument
                        to={`${casePath(
                          workspace.id
                        )}/attachments/${encodeURIComponent(file.id)}`}
                        aria-label={t("staffCase.attachments.download", {
                          fileName: file.fileName,
                        })}
                      >
                        {file.fileName}
                      </Link>
                    </td>
                    <td>{file.mediaType}</td>
                    <td className="numeric">
                      {t(size.key, { size: formatNumber(size.size) })}
                    </td>
                    <td>
                      {actorLabel(t, file.uploadedByType, file.uploadedByName)}
                    </td>
                    <td>{formatDateTime(file.createdAt, "short")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const describedEvents = new Set<string>([
  "filed",
  "acknowledge",
  "start_work",
  "ask_reporter",
  "reporter_replied",
  "staff_replied",
  "resolve",
  "close",
  "reject",
  "refer",
  "merge",
  "reopen",
  "assigned",
  "reclassified",
  "internal_note",
  "conflict_declared",
  "duplicate_merged",
]);

/** An event type added later reads as "case updated" rather than as a raw code. */
function eventKey(type: string): MessageKey {
  return (
    describedEvents.has(type)
      ? `staffCase.timeline.events.${type}`
      : "staffCase.timeline.events.other"
  ) as MessageKey;
}

function Timeline({ timeline }: { timeline: Workspace["timeline"] }) {
  const { t, formatDateTime } = useTranslation();
  return (
    <section aria-labelledby="timeline-heading" className="stack stack--small">
      <h2 id="timeline-heading">{t("staffCase.timeline.heading")}</h2>
      {timeline.length === 0 ? (
        <p className="muted">{t("staffCase.timeline.empty")}</p>
      ) : (
        <ol className="timeline" data-timeline>
          {timeline.map((entry) => (
            <li
              key={entry.id}
              className="timeline__entry"
              data-event={entry.type}
            >
              <span className="timeline__time">
                {formatDateTime(entry.createdAt)}
              </span>
              <span>{t(eventKey(entry.type))}</span>
              <span className="case-page__actor">
                {t("staffCase.timeline.by", {
                  name: actorLabel(t, entry.actorType, entry.actorName),
                })}
              </span>
              {entry.toStatus ? (
                <span className="timeline__status">
                  {entry.fromStatus
                    ? t("staffCase.timeline.statusChange", {
                        from: t(`staffCase.statuses.${entry.fromStatus}`),
                        to: t(`staffCase.statuses.${entry.toStatus}`),
                      })
                    : t(`staffCase.statuses.${entry.toStatus}`)}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const escalationRuleKeys: Readonly<Record<string, MessageKey>> = {
  resolve_breached: "staffCase.escalations.rules.resolve_breached",
  critical_priority: "staffCase.escalations.rules.critical_priority",
  senior_official: "staffCase.escalations.rules.senior_official",
};

function escalationRuleKey(rule: string): MessageKey {
  if (rule.startsWith("manual")) return "staffCase.escalations.rules.manual";
  return escalationRuleKeys[rule] ?? "staffCase.escalations.rules.other";
}

function Escalations({ workspace }: { workspace: Workspace }) {
  const { t, formatDateTime } = useTranslation();
  return (
    <section
      aria-labelledby="escalations-heading"
      className="stack stack--small"
    >
      <h2 id="escalations-heading">{t("staffCase.escalations.heading")}</h2>
      {workspace.escalations.length === 0 ? (
        <p className="muted">{t("staffCase.escalations.empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("staffCase.escalations.ruleColumn")}</th>
                <th scope="col">{t("staffCase.escalations.routedColumn")}</th>
                <th scope="col">{t("staffCase.escalations.atColumn")}</th>
                <th scope="col">{t("staffCase.escalations.decisionColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {workspace.escalations.map((escalation) => (
                <tr key={escalation.id}>
                  <td>{t(escalationRuleKey(escalation.rule))}</td>
                  <td>{t(staffRoleKeys[escalation.routedToRole])}</td>
                  <td>{formatDateTime(escalation.createdAt, "short")}</td>
                  <td>
                    {escalation.decision
                      ? `${escalation.decision}${
                          escalation.decidedAt
                            ? ` (${formatDateTime(
                                escalation.decidedAt,
                                "short"
                              )})`
                            : ""
                        }`
                      : t("staffCase.escalations.pending")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/* ---------- Action forms ---------- */

/** Field metadata for the design system's fields, filled from the failed submission of this form only. */
function fieldOf(
  intent: CaseCommandType,
  name: string,
  failure: Failure | undefined
): FormField {
  const id = `case-${intent}-${name}`;
  const mine = failure?.intent === intent;
  return {
    id,
    name,
    errorId: `${id}-error`,
    descriptionId: `${id}-hint`,
    errors: mine ? failure.fieldErrors[name] : undefined,
    initialValue: mine ? failure.values[name] : undefined,
  };
}

interface ActionFormProps {
  intent: CaseCommandType;
  failure: Failure | undefined;
  children?: ReactNode;
  submitLabel: string;
  variant?: "secondary";
}

function ActionForm({
  intent,
  failure,
  children,
  submitLabel,
  variant,
}: ActionFormProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent;
  const mine = failure?.intent === intent;
  return (
    <Form method="post" className="form case-action" data-intent={intent}>
      {mine ? (
        <div
          role="alert"
          tabIndex={-1}
          autoFocus
          className="alert alert--error"
          data-problem={failure.problem}
        >
          <p className="alert__title">{t("staffCase.problems.title")}</p>
          <p>{t(`staffCase.problems.${failure.problem}`)}</p>
          {failure.formErrors.map((message) => (
            <p key={message}>{t(message as MessageKey)}</p>
          ))}
        </div>
      ) : null}
      <input type="hidden" name="intent" value={intent} />
      {children}
      <div className="form-actions">
        <SubmitButton
          label={submitLabel}
          pendingLabel={t("forms.sending")}
          pending={pending}
          variant={variant}
        />
      </div>
    </Form>
  );
}

function DateField({
  field,
  label,
  hint,
}: {
  field: FormField;
  label: string;
  hint: string;
}) {
  const invalid = (field.errors?.length ?? 0) > 0;
  return (
    <div className={invalid ? "field field--invalid" : "field"}>
      <label htmlFor={field.id} className="field__label">
        {label}
      </label>
      <div id={field.descriptionId} className="field__hint">
        {hint}
      </div>
      <FieldErrors field={field} />
      <input
        type="date"
        id={field.id}
        name={field.name}
        className="field__input field__input--short"
        aria-invalid={invalid || undefined}
        aria-describedby={[
          field.descriptionId,
          invalid ? field.errorId : undefined,
        ]
          .filter(Boolean)
          .join(" ")}
        defaultValue={
          typeof field.initialValue === "string"
            ? field.initialValue
            : undefined
        }
      />
    </div>
  );
}

/** Commands that are one press, shown together as a row of buttons. */
const buttonCommands = new Set<CaseCommandType>([
  "acknowledge",
  "start_work",
  "close",
  "reopen",
]);
/** Writing to the reporter and noting is daily work: these forms stay open, the rest fold away. */
const openCommands = new Set<CaseCommandType>([
  "reply",
  "ask_reporter",
  "internal_note",
]);

function CaseActions({
  workspace,
  options,
  failure,
  staffId,
}: {
  workspace: Workspace;
  options: Options;
  failure: Failure | undefined;
  staffId: string;
}) {
  const { t } = useTranslation();
  const allowed = caseCommandTypes.filter((command) =>
    workspace.allowedActions.includes(command)
  );
  // A new key after each change remounts the forms, so a sent message leaves its box empty.
  const resetKey = `${workspace.updatedAt}-${workspace.timeline.length}-${
    workspace.thread.length
  }-${workspace.internalNotes?.length ?? 0}`;
  return (
    <section
      aria-labelledby="case-actions-heading"
      className="stack"
      key={resetKey}
    >
      <h2 id="case-actions-heading">{t("staffCase.actions.heading")}</h2>
      {allowed.length === 0 ? (
        <p className="muted">{t("staffCase.actions.none")}</p>
      ) : null}
      {allowed.some((command) => buttonCommands.has(command)) ? (
        <div className="case-page__buttons">
          {allowed
            .filter((command) => buttonCommands.has(command))
            .map((command) => (
              <ActionForm
                key={command}
                intent={command}
                failure={failure}
                submitLabel={t(
                  `staffCase.actions.${command as "acknowledge"}.submit`
                )}
              />
            ))}
        </div>
      ) : null}
      {allowed
        .filter((command) => !buttonCommands.has(command))
        .map((command) => {
          const body = (
            <CommandForm
              command={command}
              workspace={workspace}
              options={options}
              failure={failure}
              staffId={staffId}
            />
          );
          const heading = t(`staffCase.actions.${command as "reply"}.heading`);
          if (openCommands.has(command)) {
            return (
              <section
                key={command}
                className="stack stack--small"
                aria-label={heading}
              >
                <h3>{heading}</h3>
                {body}
              </section>
            );
          }
          return (
            <details
              key={command}
              className="disclosure"
              open={failure?.intent === command || undefined}
            >
              <summary className="disclosure__summary">{heading}</summary>
              <div className="disclosure__body">{body}</div>
            </details>
          );
        })}
    </section>
  );
}

function CommandForm({
  command,
  workspace,
  options,
  failure,
  staffId,
}: {
  command: CaseCommandType;
  workspace: Workspace;
  options: Options;
  failure: Failure | undefined;
  staffId: string;
}) {
  const { t, locale } = useTranslation();
  const field = (name: string) => fieldOf(command, name, failure);
  switch (command) {
    case "ask_reporter":
    case "reply":
    case "internal_note":
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t(`staffCase.actions.${command}.submit`)}
        >
          <TextareaField
            field={field("message")}
            label={t(`staffCase.actions.${command}.label`)}
            hint={t(`staffCase.actions.${command}.hint`)}
            rows={5}
          />
        </ActionForm>
      );
    case "reject":
    case "declare_conflict":
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t(`staffCase.actions.${command}.submit`)}
          variant="secondary"
        >
          <TextareaField
            field={field("reason")}
            label={t(`staffCase.actions.${command}.label`)}
            hint={t(`staffCase.actions.${command}.hint`)}
            rows={4}
          />
        </ActionForm>
      );
    case "merge":
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t("staffCase.actions.merge.submit")}
          variant="secondary"
        >
          <TextField
            field={field("intoReference")}
            label={t("staffCase.actions.merge.label")}
            hint={t("staffCase.actions.merge.hint")}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
          />
        </ActionForm>
      );
    case "assign":
      return (
        <div className="stack stack--small">
          {workspace.assignee?.id === staffId ? null : (
            <Form
              method="post"
              className="case-action"
              data-intent="assign-self"
            >
              <input type="hidden" name="intent" value="assign" />
              <input type="hidden" name="assigneeId" value={staffId} />
              <button type="submit" className="button button--secondary">
                {t("staffCase.actions.assign.assignToMe")}
              </button>
            </Form>
          )}
          <ActionForm
            intent={command}
            failure={failure}
            submitLabel={t("staffCase.actions.assign.submit")}
          >
            <TextField
              field={field("assigneeId")}
              label={t("staffCase.actions.assign.assigneeLabel")}
              hint={t("staffCase.actions.assign.assigneeHint")}
              autoComplete="off"
              spellCheck={false}
            />
          </ActionForm>
        </div>
      );
    case "reclassify": {
      const categoryName =
        locale === "th" ? workspace.category.nameTh : workspace.category.nameEn;
      const keep = t("staffCase.actions.reclassify.keep");
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t("staffCase.actions.reclassify.submit")}
        >
          <SelectField
            field={field("kind")}
            label={t("staffCase.actions.reclassify.kindLabel")}
            hint={t("staffCase.actions.keepCurrent", {
              current: t(`kinds.${workspace.kind}`),
            })}
            emptyLabel={keep}
          >
            {options.kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            field={field("categoryCode")}
            label={t("staffCase.actions.reclassify.categoryLabel")}
            hint={`${t("staffCase.actions.keepCurrent", {
              current: categoryName,
            })} ${t("staffCase.actions.reclassify.categoryHint")}`}
            emptyLabel={keep}
          >
            {options.kinds.map((kind) => (
              <optgroup key={kind} label={t(`kinds.${kind}`)}>
                {options.categories
                  .filter((category) => category.kind === kind)
                  .map((category) => (
                    <option key={category.code} value={category.code}>
                      {locale === "th" ? category.nameTh : category.nameEn}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
          <SelectField
            field={field("priority")}
            label={t("staffCase.actions.reclassify.priorityLabel")}
            hint={t("staffCase.actions.keepCurrent", {
              current: t(`staffCase.priorities.${workspace.priority}`),
            })}
            emptyLabel={keep}
          >
            {options.priorities.map((priority) => (
              <option key={priority} value={priority}>
                {t(`staffCase.priorities.${priority}`)}
              </option>
            ))}
          </SelectField>
        </ActionForm>
      );
    }
    case "refer":
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t("staffCase.actions.refer.submit")}
          variant="secondary"
        >
          <SelectField
            field={field("agency")}
            label={t("staffCase.actions.refer.agencyLabel")}
            emptyLabel={t("forms.choosePlaceholder")}
          >
            {options.agencies.map((agency) => (
              <option key={agency} value={agency}>
                {t(`staffCase.agencies.${agency}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            field={field("agencyName")}
            label={t("staffCase.actions.refer.agencyNameLabel")}
            hint={t("staffCase.actions.refer.agencyNameHint")}
            optional
          />
          <DateField
            field={field("referredOn")}
            label={t("staffCase.actions.refer.referredOnLabel")}
            hint={t("staffCase.actions.refer.referredOnHint")}
          />
        </ActionForm>
      );
    case "resolve":
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t("staffCase.actions.resolve.submit")}
        >
          <SelectField
            field={field("outcome")}
            label={t("staffCase.actions.resolve.outcomeLabel")}
            emptyLabel={t("forms.choosePlaceholder")}
          >
            {options.outcomes.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`staffCase.outcomes.${outcome}`)}
              </option>
            ))}
          </SelectField>
        </ActionForm>
      );
    case "acknowledge":
    case "start_work":
    case "close":
    case "reopen":
      return (
        <ActionForm
          intent={command}
          failure={failure}
          submitLabel={t(`staffCase.actions.${command}.submit`)}
        />
      );
  }
}
