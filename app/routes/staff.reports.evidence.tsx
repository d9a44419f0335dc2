import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission, requireStaff } from "~/auth/staff-request.server";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";
import { groupTitle, itemTitle, lineUnit, monthLabels, partLabel, type EvidenceFigure, type EvidencePack } from "~/reports/evidence-pack";
import { parseSelection, selectionSearch } from "~/reports/report-selection";
import { loadEvidencePack } from "~/reports/report-view.server";
import reportsStylesheet from "~/styles/reports.css?url";
import { noIndex } from "~/ui/StaffLayout";

/*
 * The ITA evidence pack of a fiscal year, to print and file: grouped as indicator 5, indicator 7 and
 * the OIT complaint items ask, with that year's item codes, the generation date, and under every
 * figure the rule it was counted by, so an assessor can check how each number was made. The same
 * figures as the CSV and XLSX downloads (one model, app/reports/evidence-pack.ts).
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportsStylesheet }];

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [{ title: t("app.pageTitle", { page: t("reports.evidence.title") }) }, noIndex];
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, context);
  requirePermission(staff, "reports.view");
  const now = Date.now();
  const selection = parseSelection(new URL(request.url).searchParams, now);
  const { pack, teams, categories } = await loadEvidencePack(context.services, selection, now);
  return { pack, team: teams.find((team) => team.code === pack.teamCode) ?? null, category: categories.find((category) => category.code === pack.categoryCode) ?? null };
}

export default function EvidencePackPage() {
  const { pack, team, category } = useLoaderData<typeof loader>();
  const { t, locale, formatDateTime } = useTranslation();
  const search = selectionSearch({ fiscalYear: pack.fiscalYear, teamCode: pack.teamCode, categoryCode: pack.categoryCode });
  return (
    <article className="stack evidence-pack">
      <div className="page-heading">
        <h1>{t("reports.evidence.heading", { fiscalYear: pack.fiscalYear })}</h1>
        <p className="lead">{t("reports.evidence.introduction")}</p>
      </div>
      <dl className="evidence-pack__about">
        <div>
          <dt>{t("reports.evidence.about.fiscalYear")}</dt>
          <dd>{t("reports.periods.year", { fiscalYear: pack.fiscalYear })}</dd>
        </div>
        <div>
          <dt>{t("reports.evidence.about.generatedAt")}</dt>
          <dd>{formatDateTime(pack.generatedAt)}</dd>
        </div>
        <div>
          <dt>{t("reports.evidence.about.team")}</dt>
          <dd>{team ? (locale === "th" ? team.nameTh : team.nameEn) : t("reports.evidence.about.all")}</dd>
        </div>
        <div>
          <dt>{t("reports.evidence.about.category")}</dt>
          <dd>{category ? (locale === "th" ? category.nameTh : category.nameEn) : t("reports.evidence.about.all")}</dd>
        </div>
        <div>
          <dt>{t("reports.evidence.about.source")}</dt>
          <dd>{t("reports.evidence.about.sourceText")}</dd>
        </div>
      </dl>
      <p className="no-print">
        <Link to={`/staff/reports${search}`}>{t("reports.evidence.back")}</Link> ·{" "}
        <a href={`/staff/reports/export${search}&format=xlsx`} download>
          {t("reports.view.downloads.xlsx")}
        </a>{" "}
        ·{" "}
        <a href={`/staff/reports/export${search}&format=csv`} download>
          {t("reports.view.downloads.csv")}
        </a>
      </p>
      <p className="no-print">{t("reports.view.downloads.print")}</p>

      {pack.groups.map((group) => (
        <section key={group.id} aria-labelledby={`evidence-${group.id}`} className="stack evidence-pack__group">
          <h2 id={`evidence-${group.id}`}>{groupTitle(group.id, pack.codes, locale)}</h2>
          <p>{t(`reports.evidence.groupIntroductions.${group.id}`)}</p>
          {group.items.map((item) => (
            <section key={item.reference} aria-labelledby={`evidence-${group.id}-${item.reference}`} className="stack stack--small evidence-pack__item">
              <h3 id={`evidence-${group.id}-${item.reference}`}>{itemTitle(item.reference, pack.codes, locale)}</h3>
              {item.figures.map((figure) => (
                <FigureTable key={figure.metricId} pack={pack} figure={figure} headingId={`evidence-${group.id}-${item.reference}-${figure.metricId}`} />
              ))}
            </section>
          ))}
        </section>
      ))}
    </article>
  );
}

function FigureTable({ pack, figure, headingId }: { pack: EvidencePack; figure: EvidenceFigure; headingId: string }) {
  const { t, locale, formatNumber } = useTranslation();
  const months = monthLabels(pack, locale);
  const cell = (value: number | null) => (value === null ? "–" : formatNumber(value));
  return (
    <div className="evidence-pack__figure">
      <h4 id={headingId}>{t(`reports.metrics.${figure.metricId}.name`)}</h4>
      <p className="evidence-pack__definition">
        <strong>{t("reports.evidence.columns.definition")}:</strong> {t(`reports.metrics.${figure.metricId}.definition`)}
      </p>
      <div className="table-wrapper">
        <table className="table reports__table evidence-pack__table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">{t("reports.evidence.columns.part")}</th>
              <th scope="col">{t("reports.evidence.columns.unit")}</th>
              <th scope="col" className="reports__number">
                {t("reports.evidence.columns.yearTotal")}
              </th>
              {months.map((month) => (
                <th key={month} scope="col" className="reports__number">
                  {month}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {figure.lines.map((line, index) => (
              <tr key={index}>
                <th scope="row">{partLabel(figure.metricId, line.part, locale, pack.categories)}</th>
                <td>{lineUnit(figure.metricId, line.part, locale)}</td>
                <td className="reports__number">{cell(line.year)}</td>
                {line.months.map((value, monthIndex) => (
                  <td key={monthIndex} className="reports__number">
                    {cell(value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
