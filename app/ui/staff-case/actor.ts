import type { TimelineEntry } from "~/cases/case-workspace.server";
import type { useTranslation } from "~/i18n/use-translation";

/** An officer by name; the reporter, the system or an API client by what they are. */
export function actorLabel(
  t: ReturnType<typeof useTranslation>["t"],
  actorType: TimelineEntry["actorType"],
  actorName: string | null
): string {
  if (actorName) return actorName;
  return t(`staffCase.actors.${actorType}`);
}
