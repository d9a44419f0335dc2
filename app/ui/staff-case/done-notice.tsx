import type { CaseCommandType } from "~/cases/case-commands";
import { useTranslation } from "~/i18n/use-translation";

/** After a command the page is loaded again with `?done=<intent>`: this says what happened. */
export function DoneNotice({ done }: { done: CaseCommandType }) {
  const { t } = useTranslation();
  return (
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
  );
}
