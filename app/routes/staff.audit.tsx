import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { auditActionPattern, isKnownAuditAction, knownAuditActions } from "~/audit/audit-actions";
import { listAuditActors, listAuditEntries, recordAuditView, verifyAuditChain, type AuditActor, type AuditFilters, type AuditRow, type AuditTarget, type ChainCheck } from "~/audit/audit-view.server";
import { can } from "~/auth/permissions";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { isValidDateKey, startOfBangkokDay } from "~/calendar/thai-calendar";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation, type Translation } from "~/i18n/use-translation";
import { noIndex, staffRoleKeys } from "~/ui/StaffLayout";
import { readForm } from "~/security/read-form.server";
import { hasControlCharacter } from "~/security/route-id";

/*
 * The audit log for the auditor (/staff/audit): a GET filter form (works without JavaScript),
 * entries newest first by keyset on their sequence, and a POST that checks the whole hash chain.
 * Looking is audited (see `recordAuditView` for why paging is not an entry per page), and so is
 * every check.
 */

const dateKey = z
  .string()
  .refine((text) => isValidDateKey(text))
  .optional()
  .catch(undefined);

/** Anything unreadable in the address is dropped rather than failing the page. */
const searchSchema = z.object({
  action: z.string().max(100).regex(auditActionPattern).optional().catch(undefined),
  // A control character names no one and no case, and PostgreSQL refuses a NUL outright: the filter is dropped instead.
  actor: z.string().min(1).max(100).refine((value) => !hasControlCharacter(value)).optional().catch(undefined),
  case: z.string().trim().toUpperCase().min(1).max(40).refine((value) => !hasControlCharacter(value)).optional().catch(undefined),
  from: dateKey,
  to: dateKey,
  after: z.coerce.number().int().positive().optional().catch(undefined),
});

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAudit.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "audit.view");
  const { services } = context;
  const now = Date.now();
  const search = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const filters: AuditFilters = { action: search.action, actorId: search.actor, caseReference: search.case, from: search.from, to: search.to };
  const page = await listAuditEntries(services.db, staff.user, filters, { after: search.after });
  await recordAuditView(services, staff.user, filters, now);
  return {
    filters,
    rows: page.rows,
    nextCursor: page.nextCursor,
    isFirstPage: search.after === undefined,
    actors: await listAuditActors(services.db),
    mayVerify: can(staff.user, "audit.verify"),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "audit.verify");
  // The only command here; reading the body keeps a stray form from being mistaken for it.
  const form = await readForm(request);
  if (form.get("intent") !== "verify") throw new Response(null, { status: 400 });
  return { check: await verifyAuditChain(context.services, staff.user, Date.now()) };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function auditHref(filters: AuditFilters, after?: number): string {
  const params = new URLSearchParams();
  if (filters.action) params.set("action", filters.action);
  if (filters.actorId) params.set("actor", filters.actorId);
  if (filters.caseReference) params.set("case", filters.caseReference);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (after !== undefined) params.set("after", String(after));
  const query = params.toString();
  return query === "" ? "/staff/audit" : `/staff/audit?${query}`;
}

export default function AuditLogPage() {
  const { filters, rows, nextCursor, isFirstPage, actors, mayVerify } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, formatDate } = useTranslation();
  const filtered = Object.values(filters).some((value) => value !== undefined);
  const rangeText =
    filters.from && filters.to
      ? t("staffAudit.filters.range", { from: formatDate(startOfBangkokDay(filters.from)), to: formatDate(startOfBangkokDay(filters.to)) })
      : filters.from
        ? t("staffAudit.filters.rangeFrom", { from: formatDate(startOfBangkokDay(filters.from)) })
        : filters.to
          ? t("staffAudit.filters.rangeTo", { to: formatDate(startOfBangkokDay(filters.to)) })
          : null;

  return (
    <div className="stack">
      <div className="page-heading">
        <h1>{t("staffAudit.heading")}</h1>
        <p className="lead">{t("staffAudit.introduction")}</p>
      </div>

      {mayVerify ? <VerifyPanel check={actionData?.check} /> : null}

      <FilterForm filters={filters} actors={actors} />
      {rangeText ? <p>{rangeText}</p> : null}

      {rows.length === 0 ? (
        <div className="queue-empty" role="status">
          <h2>{t("staffAudit.empty.heading")}</h2>
          <p>{filtered ? t("staffAudit.empty.filtered") : t("staffAudit.empty.none")}</p>
        </div>
      ) : (
        <div className="table-wrapper">
          <table className="table audit-table">
            <caption>{t("staffAudit.table.caption", { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staffAudit.table.sequence")}</th>
                <th scope="col">{t("staffAudit.table.time")}</th>
                <th scope="col">{t("staffAudit.table.actor")}</th>
                <th scope="col">{t("staffAudit.table.action")}</th>
                <th scope="col">{t("staffAudit.table.target")}</th>
                <th scope="col">{t("staffAudit.table.details")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <AuditEntryRow key={row.sequence} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}

      {nextCursor !== null || !isFirstPage ? (
        <nav aria-label={t("staffAudit.pagination.label")} className="queue-pagination">
          {!isFirstPage ? <Link to={auditHref(filters)}>{t("staffAudit.pagination.first")}</Link> : null}
          {nextCursor !== null ? (
            <Link to={auditHref(filters, nextCursor)} className="button button--secondary">
              {t("staffAudit.pagination.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function VerifyPanel({ check }: { check: ChainCheck | undefined }) {
  const { t, formatNumber, formatDateTime } = useTranslation();
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  return (
    <section className="panel stack stack--small" aria-labelledby="verify-heading">
      <h2 id="verify-heading" className="panel__title">
        {t("staffAudit.verify.heading")}
      </h2>
      <p>{t("staffAudit.verify.description")}</p>
      {check?.intact === true ? (
        <div className="alert alert--success" role="status">
          <p className="alert__title">{t("staffAudit.verify.intactTitle")}</p>
          <p>{t("staffAudit.verify.intact", { count: formatNumber(check.entries) })}</p>
        </div>
      ) : null}
      {check?.intact === false ? (
        <div className="alert alert--error" role="alert">
          <p className="alert__title">{t("staffAudit.verify.brokenTitle")}</p>
          <p>
            {t(`staffAudit.verify.breaks.${check.kind}`, {
              sequence: check.sequence,
              expected: check.expectedSequence ?? "",
              head: check.headSequence ?? "",
              time: check.occurredAt === null ? t("staffAudit.verify.unknownTime") : formatDateTime(check.occurredAt),
            })}
          </p>
          <p>{t("staffAudit.verify.checkedBefore", { count: formatNumber(check.entries) })}</p>
          <p>{t("staffAudit.verify.advice")}</p>
        </div>
      ) : null}
      <Form method="post">
        <button type="submit" name="intent" value="verify" className="button button--secondary" disabled={pending}>
          {pending ? t("staffAudit.verify.pending") : t("staffAudit.verify.button")}
        </button>
      </Form>
    </section>
  );
}

function FilterForm({ filters, actors }: { filters: AuditFilters; actors: LoaderData["actors"] }) {
  const { t } = useTranslation();
  return (
    <Form method="get" className="queue-filters" aria-labelledby="audit-filters-heading">
      <h2 id="audit-filters-heading" className="visually-hidden">
        {t("staffAudit.filters.heading")}
      </h2>
      <div className="field">
        <label className="field__label" htmlFor="audit-action">
          {t("staffAudit.filters.action")}
        </label>
        <select id="audit-action" name="action" className="field__input" defaultValue={filters.action ?? ""}>
          <option value="">{t("staffAudit.filters.any")}</option>
          {filters.action && !isKnownAuditAction(filters.action) ? <option value={filters.action}>{filters.action}</option> : null}
          {knownAuditActions.map((code) => (
            <option key={code} value={code}>
              {t(`staffAudit.actions.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="audit-actor">
          {t("staffAudit.filters.actor")}
        </label>
        <select id="audit-actor" name="actor" className="field__input" defaultValue={filters.actorId ?? ""}>
          <option value="">{t("staffAudit.filters.any")}</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name} ({t(staffRoleKeys[actor.role])})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="audit-case">
          {t("staffAudit.filters.caseReference")}
        </label>
        <input
          id="audit-case"
          name="case"
          className="field__input"
          defaultValue={filters.caseReference ?? ""}
          placeholder={t("staffAudit.filters.caseReferenceHint")}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="audit-from">
          {t("staffAudit.filters.from")}
        </label>
        <input id="audit-from" name="from" type="date" className="field__input" defaultValue={filters.from ?? ""} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor="audit-to">
          {t("staffAudit.filters.to")}
        </label>
        <input id="audit-to" name="to" type="date" className="field__input" defaultValue={filters.to ?? ""} />
      </div>
      <div className="queue-filters__actions">
        <button type="submit" className="button">
          {t("staffAudit.filters.apply")}
        </button>
        <Link to="/staff/audit">{t("staffAudit.filters.clear")}</Link>
      </div>
    </Form>
  );
}

function actorText(t: Translation["t"], actor: AuditActor): string {
  if (actor.type !== "staff") return t(`staffAudit.actors.${actor.type}`);
  if (actor.name === null) return t("staffAudit.actors.unknownStaff");
  return `${actor.name} (${t(staffRoleKeys[actor.role])})`;
}

function actionText(t: Translation["t"], action: string): string {
  return isKnownAuditAction(action) ? t(`staffAudit.actions.${action}` satisfies MessageKey) : action;
}

function caseReferenceText(t: Translation["t"], target: Extract<AuditTarget, { type: "case" | "attachment" }>): string {
  if (target.reference === null) return t("staffAudit.targets.unknownCase");
  return t(target.type === "case" ? "staffAudit.targets.case" : "staffAudit.targets.attachment", { reference: target.reference });
}

function TargetCell({ target }: { target: AuditTarget | null }) {
  const { t } = useTranslation();
  if (target === null) return <span className="muted">—</span>;
  switch (target.type) {
    case "case":
    case "attachment":
      // Links only for a reader who may open the case: the auditor, who reads no case, sees text.
      return target.mayOpen && target.caseId ? <Link to={`/staff/cases/${encodeURIComponent(target.caseId)}`}>{caseReferenceText(t, target)}</Link> : <>{caseReferenceText(t, target)}</>;
    case "staff_user":
      return <>{target.name === null ? t("staffAudit.targets.unknownStaffUser") : t("staffAudit.targets.staffUser", { name: `${target.name} (${t(staffRoleKeys[target.role!])})` })}</>;
    case "other":
      return (
        <>
          {target.targetType}
          {target.targetId ? <span className="queue-table__detail">{target.targetId}</span> : null}
        </>
      );
  }
}

function AuditEntryRow({ row }: { row: AuditRow }) {
  const { t, formatDateTime } = useTranslation();
  return (
    <tr>
      <td>{row.sequence}</td>
      <td>{formatDateTime(row.occurredAt, "short")}</td>
      <td>{actorText(t, row.actor)}</td>
      <td>
        {actionText(t, row.action)}
        {isKnownAuditAction(row.action) ? <span className="queue-table__detail">{row.action}</span> : null}
      </td>
      <td>
        <TargetCell target={row.target} />
      </td>
      <td>
        {row.details.length > 0 ? (
          // Values are metadata written by our own code; React escapes them as text all the same.
          <dl className="audit-details">
            {row.details.map((detail) => (
              <div key={detail.key}>
                <dt>{detail.key}</dt>
                <dd>{detail.isInstant ? formatDateTime(Number(detail.value), "short") : detail.value}</dd>
              </div>
            ))}
          </dl>
        ) : null}
      </td>
    </tr>
  );
}
