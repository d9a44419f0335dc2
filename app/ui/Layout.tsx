import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { LanguageSwitch } from "./LanguageSwitch";

const navigationItems: ReadonlyArray<{ to: string; label: MessageKey }> = [
  { to: "/", label: "navigation.home" },
  { to: "/report", label: "navigation.report" },
  { to: "/contact", label: "navigation.contact" },
  { to: "/track", label: "navigation.track" },
];

/** The page around every public route: skip link, header, main content and footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main-content">
        {t("skipLink.label")}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/" className="site-brand">
            <span className="site-brand__name">{t("app.name")}</span>
            <span className="site-brand__subtitle">{t("app.subtitle")}</span>
          </Link>
          <LanguageSwitch />
        </div>
        <nav className="site-navigation" aria-label={t("navigation.label")}>
          <ul className="container site-navigation__list">
            {navigationItems.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/"} className="site-navigation__link">
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {/* tabIndex lets the skip link move keyboard focus here, not only the scroll position. */}
      <main id="main-content" tabIndex={-1} className="site-main">
        <div className="container">{children}</div>
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <div className="site-footer__privacy">
            <h2 className="site-footer__heading">
              {t("footer.privacyHeading")}
            </h2>
            <p>{t("footer.privacyNote")}</p>
            <p>{t("footer.encryptionNote")}</p>
          </div>
          <nav aria-label={t("footer.linksLabel")}>
            <h2 className="site-footer__heading">{t("footer.linksLabel")}</h2>
            <ul className="site-footer__links">
              <li>
                <Link to="/statistics">{t("footer.statistics")}</Link>
              </li>
              <li>
                <Link to="/guideline">{t("footer.guideline")}</Link>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </>
  );
}
