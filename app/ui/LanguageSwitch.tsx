import { useLocation } from "@remix-run/react";
import { locales } from "~/i18n/locales";
import { useTranslation } from "~/i18n/use-translation";

/**
 * A plain HTML form, so the switch works without JavaScript; the action at /language sets the
 * cookie and redirects back here. The button names the other language in that language, marked
 * with its `lang` so screen readers pronounce it correctly.
 */
export function LanguageSwitch() {
  const { locale, t } = useTranslation();
  const location = useLocation();
  const otherLocale = locales.find((candidate) => candidate !== locale) ?? locale;
  return (
    <form method="post" action="/language" className="language-switch">
      <input type="hidden" name="locale" value={otherLocale} />
      <input type="hidden" name="returnTo" value={location.pathname + location.search} />
      <button type="submit" className="button button--secondary button--small">
        <span className="visually-hidden">{t("language.switchLabel")} </span>
        <span lang={otherLocale}>{t("language.otherLanguageName")}</span>
      </button>
    </form>
  );
}
