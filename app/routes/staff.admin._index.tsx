import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can, type StaffActionWithoutCase } from "~/auth/permissions";
import { forbidden, requireStaff } from "~/auth/staff-request.server";
import { createTranslator, type MessageKey } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { noIndex } from "~/ui/StaffLayout";

/*
 * /staff/admin: the sections this role may open. A role without any admin permission is refused
 * like any other admin page (403), not sent elsewhere: nothing here is theirs.
 */

const sections = [
  { section: "users", path: "/staff/admin/users", action: "admin.users" },
  { section: "teams", path: "/staff/admin/teams", action: "admin.teams" },
  { section: "categories", path: "/staff/admin/categories", action: "admin.categories" },
  { section: "holidays", path: "/staff/admin/holidays", action: "admin.holidays" },
  { section: "apiTokens", path: "/staff/admin/api-tokens", action: "admin.api_tokens" },
  { section: "webhooks", path: "/staff/admin/webhooks", action: "admin.webhooks" },
] as const satisfies ReadonlyArray<{ section: string; path: string; action: StaffActionWithoutCase }>;

type Section = (typeof sections)[number]["section"];

const sectionKeys: Readonly<Record<Section, { title: MessageKey; description: MessageKey }>> = {
  users: { title: "staffAdmin.index.users.title", description: "staffAdmin.index.users.description" },
  teams: { title: "staffAdmin.index.teams.title", description: "staffAdmin.index.teams.description" },
  categories: { title: "staffAdmin.index.categories.title", description: "staffAdmin.index.categories.description" },
  holidays: { title: "staffAdmin.index.holidays.title", description: "staffAdmin.index.holidays.description" },
  apiTokens: { title: "staffAdmin.index.apiTokens.title", description: "staffAdmin.index.apiTokens.description" },
  webhooks: { title: "staffAdmin.index.webhooks.title", description: "staffAdmin.index.webhooks.description" },
};

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("staffAdmin.index.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  const allowed = sections.filter((section) => can(staff.user, section.action));
  if (allowed.length === 0) throw forbidden();
  return { sections: allowed.map(({ section, path }) => ({ section, path })) };
}

export default function AdminIndexPage() {
  const { sections: allowed } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack stack--large">
      <div className="page-heading">
        <h1>{t("staffAdmin.index.heading")}</h1>
        <p className="lead">{t("staffAdmin.index.introduction")}</p>
      </div>
      <nav aria-label={t("staffAdmin.index.sectionsLabel")}>
        <ul className="stack">
          {allowed.map(({ section, path }) => (
            <li key={section}>
              <h2>
                <Link to={path}>{t(sectionKeys[section].title)}</Link>
              </h2>
              <p>{t(sectionKeys[section].description)}</p>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
