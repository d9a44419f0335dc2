import { useTranslation } from "~/i18n/use-translation";
import { timelineEventKey } from "~/ui/case-view";
import { actorLabel } from "./actor";
import type { Workspace } from "./types";

export function Timeline({ timeline }: { timeline: Workspace["timeline"] }) {
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
              <span>{t(timelineEventKey(entry.type, "staff"))}</span>
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
