import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import type { Countdown } from "~/sla/countdown";
import type { DeadlineRow } from "./deadline-rows";
import type { Workspace } from "./types";

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

export function Deadlines({
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
