import { Link } from "@remix-run/react";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";

type ErrorKind = "notFound" | "forbidden" | "badRequest" | "server";

function errorKindOf(status: number): ErrorKind {
  if (status === 404) return "notFound";
  if (status === 401 || status === 403) return "forbidden";
  if (status >= 400 && status < 500) return "badRequest";
  return "server";
}

export function errorTitleKey(status: number): MessageKey {
  return `errors.${errorKindOf(status)}.title`;
}

/**
 * What the visitor sees when a page fails. It never shows the error itself: a message from the
 * server could carry details of a case or of the system.
 */
export function ErrorPage({ status }: { status: number }) {
  const { t } = useTranslation();
  const kind = errorKindOf(status);
  return (
    <div className="error-page">
      <h1>{t(`errors.${kind}.title`)}</h1>
      <p className="lead">{t(`errors.${kind}.description`)}</p>
      <p className="muted">{t("errors.statusCode", { status })}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.homeLink")}
        </Link>
      </p>
    </div>
  );
}
