import { Form, Link, NavLink, useMatches } from "@remix-run/react";
import type { MetaDescriptor } from "@remix-run/node";
import type { ReactNode } from "react";
import type { StaffRole } from "~/db.server";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { FieldErrors, type FormField } from "./form-fields";
import { LanguageSwitch } from "./LanguageSwitch";
import { Layout as PublicFrame } from "./Layout";

/*
 * Two layers. `StaffFrame` is the page around every /staff address, signed in or not, in place of
 * the public header and footer (root.tsx picks it by `staffFrameHandle`): the workspace's name, the
 * language switch and a short footer, without the public navigation or the reporters' privacy note.
 * `StaffLayout`, inside its <main>, is what a signed-in page adds: who is signed in, a sign-out form
 * that works without JavaScript, and the menu of what this role may open. The menu only shows;
 * every page checks the permission again.
 */

/**
 * The `handle` of every route that draws the staff frame: the /staff layout (its children inherit
 * it, being matched with it) and each sign-in page beside it (`staff_.*`), which has no parent.
 */
export const staffFrameHandle = { frame: "staff" } as const;

export function drawsStaffFrame(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as { frame?: unknown }).frame === staffFrameHandle.frame;
}

/**
 * The frame the matched routes ask for: the staff frame when any of them carries
 * `staffFrameHandle`, else the public one. `useMatches` still lists a route whose loader failed, so
 * an error on a staff page keeps the staff frame.
 */
export function FrameOfRoute({ children }: { children: ReactNode }) {
  const staff = useMatches().some((match) => drawsStaffFrame(match.handle));
  return staff ? <StaffFrame>{children}</StaffFrame> : <PublicFrame>{children}</PublicFrame>;
}

/** Skip link and landmarks as on the public pages — one banner, one main, one contentinfo — in the workspace's colours. */
export function StaffFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main-content">
        {t("skipLink.label")}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link to="/staff" className="site-brand">
            <span className="site-brand__name">{t("app.name")}</span>
            <span className="site-brand__subtitle">{t("staffAuth.layout.workspace")}</span>
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      {/* tabIndex lets the skip link move keyboard focus here, not only the scroll position. */}
      <main id="main-content" tabIndex={-1} className="site-main">
        <div className="container">{children}</div>
      </main>
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p className="site-footer__privacy">{t("staffAuth.layout.footerNote")}</p>
        </div>
      </footer>
    </>
  );
}

export const staffRoleKeys: Readonly<Record<StaffRole, MessageKey>> = {
  intake_officer: "staffAuth.roles.intakeOfficer",
  investigator: "staffAuth.roles.investigator",
  supervisor: "staffAuth.roles.supervisor",
  executive: "staffAuth.roles.executive",
  audit_committee: "staffAuth.roles.auditCommittee",
  auditor: "staffAuth.roles.auditor",
  admin: "staffAuth.roles.admin",
};

/** Staff pages stay out of search engines; a route's `meta` replaces its parents', so each staff page adds this. */
export const noIndex: MetaDescriptor = { name: "robots", content: "noindex" };

export const staffMenuItems = ["queues", "escalations", "audit", "reports", "admin", "fileOnBehalf"] as const;
export type StaffMenuItem = (typeof staffMenuItems)[number];

const menuLinks: Readonly<Record<StaffMenuItem, { to: string; label: MessageKey }>> = {
  queues: { to: "/staff", label: "staffAuth.layout.queues" },
  escalations: { to: "/staff/escalations", label: "staffAuth.layout.escalations" },
  audit: { to: "/staff/audit", label: "staffAuth.layout.audit" },
  reports: { to: "/staff/reports", label: "staffAuth.layout.reports" },
  admin: { to: "/staff/admin", label: "staffAuth.layout.admin" },
  fileOnBehalf: { to: "/staff/file", label: "staffAuth.layout.fileOnBehalf" },
};

export interface StaffLayoutProps {
  displayName: string;
  role: StaffRole;
  menu: readonly StaffMenuItem[];
  children: ReactNode;
}

export function StaffLayout({ displayName, role, menu, children }: StaffLayoutProps) {
  const { t } = useTranslation();
  return (
    <div className="staff-layout">
      {/* At the top of <main>, not in the header: the bar needs the session (this layer's loader), the frame is shared with the sign-in pages. */}
      <div className="staff-bar">
        <p className="staff-bar__user" data-staff-user>
          <span className="visually-hidden">{t("staffAuth.layout.signedInAs")} </span>
          <span className="staff-bar__name">{displayName}</span> <span className="staff-bar__role">{t(staffRoleKeys[role])}</span>
        </p>
        <Form method="post" action="/staff/logout" className="staff-bar__sign-out" reloadDocument>
          <label className="staff-bar__everywhere">
            <input type="checkbox" name="everywhere" value="on" /> {t("staffAuth.layout.signOutEverywhere")}
          </label>
          <button type="submit" className="button button--secondary button--small">
            {t("staffAuth.layout.signOut")}
          </button>
        </Form>
      </div>
      {menu.length > 0 ? (
        <nav className="staff-navigation" aria-label={t("staffAuth.layout.navigationLabel")}>
          <ul className="staff-navigation__list">
            {menu.map((item) => (
              <li key={item}>
                <NavLink to={menuLinks[item].to} end={item === "queues"} className="staff-navigation__link">
                  {t(menuLinks[item].label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="staff-content">{children}</div>
    </div>
  );
}

/**
 * A password box for the staff sign-in forms, laid out like `TextField`. It never gets a value back
 * from the server: the actions leave passwords out of what they return.
 */
export function PasswordField({ field, label, hint, autoComplete }: { field: FormField; label: string; hint?: string; autoComplete: "current-password" | "new-password" }) {
  const invalid = (field.errors?.length ?? 0) > 0;
  const describedBy = [hint ? field.descriptionId : undefined, invalid ? field.errorId : undefined].filter(Boolean).join(" ");
  return (
    <div className={invalid ? "field field--invalid" : "field"}>
      <label htmlFor={field.id} className="field__label">
        {label}
      </label>
      {hint ? (
        <div id={field.descriptionId} className="field__hint">
          {hint}
        </div>
      ) : null}
      <FieldErrors field={field} />
      <input
        id={field.id}
        name={field.name}
        type="password"
        className="field__input"
        autoComplete={autoComplete}
        spellCheck={false}
        autoCapitalize="off"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}
