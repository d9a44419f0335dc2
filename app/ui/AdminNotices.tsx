import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { translateFormMessage } from "./form-messages";

/*
 * The two notices of the admin pages: what was just done (after the redirect that follows a
 * change), and why a change was refused. Both take focus without JavaScript (autofocus), so a
 * screen reader hears the outcome first.
 */

export function DoneNotice({ message }: { message: MessageKey }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--success" role="status" tabIndex={-1} autoFocus data-admin-done>
      <p className="alert__title">{t("staffAdmin.common.doneTitle")}</p>
      <p>{t(message)}</p>
    </div>
  );
}

/** `message` is a message key, or one with parameters made by `formMessage`. */
export function ProblemNotice({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} autoFocus data-admin-problem>
      <p className="alert__title">{t("staffAdmin.common.problemTitle")}</p>
      <p>{translateFormMessage(t, message)}</p>
    </div>
  );
}
