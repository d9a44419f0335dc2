import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { listCategories } from "~/admin/categories.server";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import type { SlaUnit } from "~/db.server";
import { caseKinds, slaClocks } from "~/vocabulary";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { DoneNotice } from "~/ui/AdminNotices";
import { noIndex } from "~/ui/StaffLayout";

/*
 * /staff/admin/categories: the categories by kind, each with its team and the time allowed on
 * each clock. Adding and editing happen on staff.admin.categories_.$categoryId.tsx, which
 * redirects back here with `?done=`.
 */

const doneSchema = z.enum(["created", "updated"]).optional().catch(undefined);

const unitKeys: Readonly<Record<SlaUnit, MessageKey>> = {
  calendar_days: "staffAdmin.categories.units.calendar_days",
  business_days: "staffAdmin.categories.units.business_days",
  hours: "staffAdmin.categories.units.hours",
};

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAdmin.categories.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "admin.categories");
  const categories = await listCategories(context.services.db);
  return {
    kinds: caseKinds.map((kind) => ({ kind, categories: categories.filter((category) => category.kind === kind) })),
    clocks: slaClocks,
    done: doneSchema.parse(new URL(request.url).searchParams.get("done") ?? undefined),
  };
}

export default function CategoriesPage() {
  const { kinds, clocks, done } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const name = (record: { nameTh: string; nameEn: string }) => (locale === "th" ? record.nameTh : record.nameEn);

  return (
    <div className="stack stack--large">
      <p>
        <Link to="/staff/admin">{t("staffAdmin.common.backToAdmin")}</Link>
      </p>
      <div className="page-heading">
        <h1>{t("staffAdmin.categories.heading")}</h1>
        <p className="lead">{t("staffAdmin.categories.introduction")}</p>
      </div>
      {done ? <DoneNotice message={done === "created" ? "staffAdmin.category.created" : "staffAdmin.category.updated"} /> : null}
      <p className="alert alert--info">{t("staffAdmin.categories.policyNote")}</p>
      <p>
        <Link to="/staff/admin/categories/new" className="button">
          {t("staffAdmin.categories.add")}
        </Link>
      </p>

      {kinds.map(({ kind, categories }) => (
        <section key={kind} aria-labelledby={`kind-${kind}`} className="stack">
          <h2 id={`kind-${kind}`}>{t(`kinds.${kind}`)}</h2>
          {categories.length === 0 ? (
            <p className="muted">{t("staffAdmin.categories.none")}</p>
          ) : (
            <div className="table-wrapper">
              <table className="table">
                <caption className="visually-hidden">{t("staffAdmin.categories.tableCaption", { kind: t(`kinds.${kind}`) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("staffAdmin.categories.name")}</th>
                    <th scope="col">{t("staffAdmin.common.team")}</th>
                    {clocks.map((clock) => (
                      <th scope="col" key={clock}>
                        {t(`clocks.${clock}`)}
                      </th>
                    ))}
                    <th scope="col">{t("staffAdmin.common.status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {categories.map((category) => (
                    <tr key={category.id} data-category={category.code}>
                      <th scope="row">
                        <Link to={`/staff/admin/categories/${encodeURIComponent(category.id)}`} aria-label={t("staffAdmin.categories.edit", { name: name(category) })}>
                          {name(category)}
                        </Link>
                        <span className="queue-table__detail">{category.code}</span>
                      </th>
                      <td>{name({ nameTh: category.teamNameTh, nameEn: category.teamNameEn })}</td>
                      {clocks.map((clock) => {
                        const policy = category.policies[clock];
                        return (
                          <td key={clock}>
                            {policy ? (
                              <>
                                {t(unitKeys[policy.unit], { amount: policy.amount })}
                                <span className="queue-table__detail">{t("staffAdmin.categories.dueSoonAt", { percent: Math.round(policy.dueSoonFraction * 100) })}</span>
                              </>
                            ) : (
                              <span className="muted">{t("staffAdmin.categories.noDeadline")}</span>
                            )}
                          </td>
                        );
                      })}
                      <td>{category.isActive ? t("staffAdmin.common.active") : t("staffAdmin.common.inactive")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </div>
  );
}
