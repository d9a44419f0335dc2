import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { startOfBangkokDay } from "~/calendar/thai-calendar";
import type { CaseKind, CaseStatus, SlaClock } from "~/db.server";
import { countsBusinessDays, type ClockPromise, type Guideline, type GuidelineChannel } from "~/guideline/guideline";
import { loadGuideline } from "~/guideline/guideline.server";
import { createTranslator } from "~/i18n/translate";
import { localeFromMatches, useTranslation, type Translation } from "~/i18n/use-translation";
import guidelineStylesheet from "~/styles/guideline.css?url";

/*
 * ITA item O27: the complaint-handling guideline, stating how to complain, the steps, the
 * responsible unit and how long it takes. Rendered from the live configuration on every request,
 * so the published promise is the one the SLA clocks keep. Plain HTML: no script, no form.
 */

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guidelineStylesheet }];

export const meta: MetaFunction = ({ matches }) => {
  const t = createTranslator(localeFromMatches(matches));
  return [
    { title: t("app.pageTitle", { page: t("guideline.title") }) },
    { name: "description", content: t("guideline.introduction") },
  ];
};

export async function loader({ context }: LoaderFunctionArgs) {
  return loadGuideline(context.services, Date.now());
}

const kindsInOrder: readonly CaseKind[] = ["corruption_tip", "complaint", "question", "suggestion", "compliment"];
const clocksInOrder: readonly SlaClock[] = ["acknowledge", "first_response", "resolve"];

/** The reporter's path through the lifecycle (ARCHITECTURE §3), each step with the status /track shows and the clock that times it. */
const steps: ReadonlyArray<{ key: "filed" | "acknowledged" | "inProgress" | "awaitingReporter" | "resolved" | "closed"; status: CaseStatus; clock: SlaClock | null }> = [
  { key: "filed", status: "new", clock: null },
  { key: "acknowledged", status: "acknowledged", clock: "acknowledge" },
  { key: "inProgress", status: "in_progress", clock: "first_response" },
  { key: "awaitingReporter", status: "awaiting_reporter", clock: null },
  { key: "resolved", status: "resolved", clock: "resolve" },
  { key: "closed", status: "closed", clock: null },
];

const otherEndings = ["rejected", "referred", "merged"] as const;

const externalBodies = [
  { key: "nacc", hotline: "1205", website: "www.nacc.go.th" },
  { key: "pacc", hotline: "1206", website: "www.pacc.go.th" },
  { key: "ombudsman", hotline: "1676", website: "www.ombudsman.go.th" },
  { key: "centre1111", hotline: "1111", website: "www.1111.go.th" },
] as const;

const protectionItems = ["anonymous", "encrypted", "recusal", "notices", "law", "advice"] as const;

const sectionIds = {
  channels: "guideline-channels",
  steps: "guideline-steps",
  teams: "guideline-teams",
  timeframes: "guideline-timeframes",
  tracking: "guideline-tracking",
  protection: "guideline-protection",
  escalation: "guideline-escalation",
  external: "guideline-external",
} as const;

function name(locale: Translation["locale"], named: { nameTh: string; nameEn: string }): string {
  return locale === "th" ? named.nameTh : named.nameEn;
}

function duration(translation: Translation, promise: ClockPromise | null): string {
  const { t, formatNumber } = translation;
  if (!promise) return t("guideline.timeframes.noPromise");
  return t(`guideline.timeframes.durations.${promise.unit}.${promise.amount === 1 ? "one" : "other"}`, { amount: formatNumber(promise.amount) });
}

export default function GuidelineRoute() {
  return <GuidelinePage guideline={useLoaderData<typeof loader>()} />;
}

export function GuidelinePage({ guideline }: { guideline: Guideline }) {
  const translation = useTranslation();
  const { t, formatDate } = translation;
  return (
    <article className="guideline stack stack--large">
      <div className="page-heading">
        <h1>{t("guideline.heading")}</h1>
        <p className="lead">{t("guideline.introduction")}</p>
        {guideline.asOf !== null ? (
          <p className="guideline__as-of">
            {t("guideline.asOf", { date: formatDate(guideline.asOf) })}
          </p>
        ) : null}
        <p className="small muted no-print">{t("guideline.printHint")}</p>
      </div>

      <nav className="guideline__contents no-print" aria-labelledby="guideline-contents-heading">
        <h2 id="guideline-contents-heading" className="guideline__contents-heading">
          {t("guideline.contents.label")}
        </h2>
        <ul>
          {(Object.keys(sectionIds) as Array<keyof typeof sectionIds>).map((section) => (
            <li key={section}>
              <a href={`#${sectionIds[section]}`}>{t(`guideline.${section}.heading`)}</a>
            </li>
          ))}
        </ul>
      </nav>

      <ChannelsSection channels={guideline.channels} />
      <StepsSection reopenWindowDays={guideline.reopenWindowDays} />
      <TeamsSection guideline={guideline} />
      <TimeframesSection guideline={guideline} />
      <TrackingSection />
      <ProtectionSection />
      <EscalationSection guideline={guideline} />
      <ExternalSection />
    </article>
  );
}

function Section({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section id={id} className="guideline__section stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
    </section>
  );
}

function ContactPoint({ channel }: { channel: GuidelineChannel }) {
  const { contact } = channel;
  if (contact === null) return null;
  if (channel.channel === "email") return <a href={`mailto:${contact}`}>{contact}</a>;
  if (channel.channel === "phone") return <a href={`tel:${contact.replace(/[^\d+]/g, "")}`}>{contact}</a>;
  return <span className="guideline__address">{contact}</span>;
}

function ChannelsSection({ channels }: { channels: GuidelineChannel[] }) {
  const { t } = useTranslation();
  return (
    <Section id={sectionIds.channels} heading={t("guideline.channels.heading")}>
      <p className="reading-width">{t("guideline.channels.introduction")}</p>
      <h3>{t("guideline.channels.onlineHeading")}</h3>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>
            <Link to="/report">{t("guideline.channels.corruption")}</Link>
          </dt>
          <dd>{t("guideline.channels.corruptionDescription")}</dd>
        </div>
        <div className="summary-list__row">
          <dt>
            <Link to="/contact">{t("guideline.channels.general")}</Link>
          </dt>
          <dd>{t("guideline.channels.generalDescription")}</dd>
        </div>
      </dl>
      {channels.length > 0 ? (
        <>
          <h3>{t("guideline.channels.otherHeading")}</h3>
          <p className="reading-width">{t("guideline.channels.otherIntroduction")}</p>
          <dl className="summary-list">
            {channels.map((channel) => (
              <div key={channel.channel} className="summary-list__row" data-channel={channel.channel}>
                <dt>{t(`channels.${channel.channel}`)}</dt>
                <dd>
                  {t(`guideline.channels.descriptions.${channel.channel}`)}
                  {channel.contact !== null ? (
                    <>
                      {" "}
                      <ContactPoint channel={channel} />
                    </>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </Section>
  );
}

function StepsSection({ reopenWindowDays }: { reopenWindowDays: number }) {
  const { t, formatNumber } = useTranslation();
  return (
    <Section id={sectionIds.steps} heading={t("guideline.steps.heading")}>
      <p className="reading-width">{t("guideline.steps.introduction")}</p>
      <ol className="guideline__steps">
        {steps.map((step) => (
          <li key={step.key} className="guideline__step">
            <h3 className="guideline__step-title">{t(`guideline.steps.${step.key}.title`)}</h3>
            <p>{t(`guideline.steps.${step.key}.description`)}</p>
            <p className="small">
              {t("guideline.steps.reporterSees")}: <strong>{t(`statuses.${step.status}`)}</strong>
            </p>
            {step.clock ? <p className="small">{t("guideline.steps.clockNote", { clock: t(`guideline.timeframes.clockColumns.${step.clock}`) })}</p> : null}
          </li>
        ))}
      </ol>
      <h3>{t("guideline.steps.otherEndingsHeading")}</h3>
      <ul className="reading-width">
        {otherEndings.map((ending) => (
          <li key={ending}>
            <strong>{t(`statuses.${ending}`)}</strong>: {t(`guideline.steps.otherEndings.${ending}`)}
          </li>
        ))}
      </ul>
      <p className="reading-width">{t("guideline.steps.otherEndingsNote")}</p>
      <p className="reading-width">{t("guideline.steps.reopened", { days: formatNumber(reopenWindowDays) })}</p>
    </Section>
  );
}

function TeamsSection({ guideline }: { guideline: Guideline }) {
  const { t, locale } = useTranslation();
  const categories = new Map(guideline.categories.map((category) => [category.code, category]));
  return (
    <Section id={sectionIds.teams} heading={t("guideline.teams.heading")}>
      <p className="reading-width">{t("guideline.teams.introduction")}</p>
      {guideline.teams.length === 0 ? (
        <p>{t("guideline.teams.none")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption>{t("guideline.teams.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("guideline.teams.teamColumn")}</th>
                <th scope="col">{t("guideline.teams.categoriesColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {guideline.teams.map((team) => (
                <tr key={team.code} data-team={team.code}>
                  <th scope="row">{name(locale, team)}</th>
                  <td>
                    <ul className="guideline__plain-list">
                      {team.categoryCodes.map((code) => {
                        const category = categories.get(code);
                        return category ? (
                          <li key={code}>
                            {name(locale, category)} ({t(`kinds.${category.kind}`)})
                          </li>
                        ) : null;
                      })}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function TimeframesSection({ guideline }: { guideline: Guideline }) {
  const translation = useTranslation();
  const { t, locale, formatDate, formatNumber } = translation;
  const teams = new Map(guideline.teams.map((team) => [team.code, team]));
  const kinds = kindsInOrder.filter((kind) => guideline.categories.some((category) => category.kind === kind));
  const { fiscalYear, days } = guideline.holidays;
  return (
    <Section id={sectionIds.timeframes} heading={t("guideline.timeframes.heading")}>
      <p className="reading-width">{t("guideline.timeframes.introduction")}</p>
      {kinds.map((kind) => (
        <div key={kind} className="table-wrapper">
          <table className="table" data-kind={kind}>
            <caption>{t("guideline.timeframes.caption", { kind: t(`kinds.${kind}`) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("guideline.timeframes.categoryColumn")}</th>
                <th scope="col">{t("guideline.timeframes.teamColumn")}</th>
                {clocksInOrder.map((clock) => (
                  <th key={clock} scope="col">
                    {t(`guideline.timeframes.clockColumns.${clock}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {guideline.categories
                .filter((category) => category.kind === kind)
                .map((category) => {
                  const team = teams.get(category.teamCode);
                  return (
                    <tr key={category.code} data-category={category.code}>
                      <th scope="row">{name(locale, category)}</th>
                      <td>{team ? name(locale, team) : null}</td>
                      {clocksInOrder.map((clock) => (
                        <td key={clock} data-clock={clock}>
                          {duration(translation, category.clocks[clock])}
                        </td>
                      ))}
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </div>
      ))}

      <h3>{t("guideline.timeframes.countingHeading")}</h3>
      <ul className="reading-width">
        <li>{t("guideline.timeframes.start")}</li>
        {countsBusinessDays(guideline.categories) ? <li>{t("guideline.timeframes.businessDays")}</li> : null}
        <li>{t("guideline.timeframes.calendarDays")}</li>
        <li>{t("guideline.timeframes.pause")}</li>
      </ul>

      <h3>{t("guideline.timeframes.holidaysHeading", { fiscalYear })}</h3>
      {days.length === 0 ? (
        <p className="reading-width">{t("guideline.timeframes.noHolidays")}</p>
      ) : (
        <>
          <p className="reading-width">{t("guideline.timeframes.holidaysIntroduction", { count: formatNumber(days.length) })}</p>
          <div className="table-wrapper">
            <table className="table guideline__holidays">
              <caption>{t("guideline.timeframes.holidaysCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("guideline.timeframes.dateColumn")}</th>
                  <th scope="col">{t("guideline.timeframes.holidayColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((day) => (
                  <tr key={day.date}>
                    <td>
                      <time dateTime={day.date}>{formatDate(startOfBangkokDay(day.date))}</time>
                    </td>
                    <td>{name(locale, day)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Section>
  );
}

function TrackingSection() {
  const { t } = useTranslation();
  return (
    <Section id={sectionIds.tracking} heading={t("guideline.tracking.heading")}>
      <p className="reading-width">{t("guideline.tracking.code")}</p>
      <p className="reading-width">{t("guideline.tracking.what")}</p>
      <p className="reading-width">{t("guideline.tracking.reference")}</p>
      <p className="no-print">
        <Link to="/track" className="button button--secondary">
          {t("guideline.tracking.action")}
        </Link>
      </p>
    </Section>
  );
}

function ProtectionSection() {
  const { t } = useTranslation();
  return (
    <Section id={sectionIds.protection} heading={t("guideline.protection.heading")}>
      <ul className="check-list reading-width">
        {protectionItems.map((item) => (
          <li key={item}>{t(`guideline.protection.items.${item}`)}</li>
        ))}
      </ul>
    </Section>
  );
}

function EscalationSection({ guideline }: { guideline: Guideline }) {
  const { t, formatNumber } = useTranslation();
  const { resolveBreachedAfterBusinessDays, criticalPriority, seniorOfficial } = guideline.escalation;
  return (
    <Section id={sectionIds.escalation} heading={t("guideline.escalation.heading")}>
      <p className="reading-width">{t("guideline.escalation.introduction")}</p>
      <ul className="reading-width" data-escalation-rules>
        {resolveBreachedAfterBusinessDays === null ? null : resolveBreachedAfterBusinessDays === 0 ? (
          <li>{t("guideline.escalation.resolveBreachedAtOnce")}</li>
        ) : (
          <li>{t("guideline.escalation.resolveBreached", { days: formatNumber(resolveBreachedAfterBusinessDays) })}</li>
        )}
        {criticalPriority ? <li>{t("guideline.escalation.criticalPriority")}</li> : null}
        {seniorOfficial ? <li>{t("guideline.escalation.seniorOfficial")}</li> : null}
        <li>{t("guideline.escalation.manual")}</li>
      </ul>
      <p className="reading-width">{t("guideline.escalation.routing")}</p>
      <p className="reading-width">{t("guideline.escalation.decisions")}</p>
    </Section>
  );
}

function ExternalSection() {
  const { t } = useTranslation();
  return (
    <Section id={sectionIds.external} heading={t("guideline.external.heading")}>
      <p className="reading-width">{t("guideline.external.introduction")}</p>
      <div className="table-wrapper">
        <table className="table">
          <caption>{t("guideline.external.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("guideline.external.bodyColumn")}</th>
              <th scope="col">{t("guideline.external.subjectColumn")}</th>
              <th scope="col">{t("guideline.external.contactColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {externalBodies.map((body) => (
              <tr key={body.key}>
                <th scope="row">{t(`guideline.external.bodies.${body.key}.name`)}</th>
                <td>{t(`guideline.external.bodies.${body.key}.subject`)}</td>
                <td>
                  {t("guideline.external.hotline", { number: body.hotline })}
                  <br />
                  {/* A link only: the page itself requests nothing from these sites. */}
                  <a href={`https://${body.website}`}>{body.website}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
