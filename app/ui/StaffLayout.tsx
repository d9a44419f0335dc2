import { Form, NavLink } from "@remix-run/react";
import type { MetaDescriptor } from "@remix-run/node";
import type { ReactNode } from "react";
import type { StaffRole } from "~/db.server";
import type { MessageKey } from "~/i18n/translate";
import { useTranslation } from "~/i18n/use-translation";
import { FieldErrors, type FormField } from "./form-fields";

/*
 * The frame of every signed-in staff page, inside the site's header and footer: who is signed in,
 * a sign-out form that works without JavaScript, and the menu of what this role may open. The menu
 * only shows; every page checks the permission again.
 */

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
      <div className="staff-bar">
        <p className="staff-bar__workspace">{t("staffAuth.layout.workspace")}</p>
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
