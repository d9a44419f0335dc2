import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation } from "~/i18n/use-translation";

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [
    { title: t("app.pageTitle", { page: t("home.title") }) },
    { name: "description", content: t("app.description") },
  ];
};

const generalChannels = ["complaint", "question", "suggestion", "compliment"] as const;

const corruptionAssurances = ["anonymity", "confidentiality", "followUp", "protection"] as const;

/*
 * ITA item O28 asks that the corruption channel be separate from the general complaint channels,
 * to protect the reporter: it has its own section, colour and heading, and comes first.
 */
export default function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="stack stack--large">
      <div className="page-heading">
        <h1>{t("home.heading")}</h1>
        <p className="lead">{t("home.introduction")}</p>
      </div>

      <section className="panel panel--corruption" aria-labelledby="corruption-channel-heading">
        <h2 id="corruption-channel-heading" className="panel__title">
          {t("home.corruption.heading")}
        </h2>
        <p>{t("home.corruption.description")}</p>
        <ul className="check-list">
          {corruptionAssurances.map((assurance) => (
            <li key={assurance}>{t(`home.corruption.${assurance}`)}</li>
          ))}
        </ul>
        <p>
          <Link to="/report" className="button button--corruption">
            {t("home.corruption.action")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="general-channels-heading" className="stack">
        <div>
          <h2 id="general-channels-heading">{t("home.general.heading")}</h2>
          <p>{t("home.general.description")}</p>
        </div>
        <ul className="card-grid">
          {generalChannels.map((kind) => (
            <li key={kind} className="card">
              <h3 className="card__title">{t(`home.channels.${kind}.title`)}</h3>
              <p className="card__body">{t(`home.channels.${kind}.description`)}</p>
              <p className="card__actions">
                <Link to={`/contact?kind=${kind}`} className="button button--secondary">
                  {t(`home.channels.${kind}.action`)}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="track-case-heading">
        <h2 id="track-case-heading" className="panel__title">
          {t("home.track.heading")}
        </h2>
        <p>{t("home.track.description")}</p>
        <p>
          <Link to="/track" className="button">
            {t("home.track.action")}
          </Link>
        </p>
      </section>

      <p className="service-note">
        {t("home.serviceTime.text")} <Link to="/guideline">{t("home.serviceTime.link")}</Link>
      </p>
    </div>
  );
}
