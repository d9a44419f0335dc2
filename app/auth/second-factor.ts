import type { StaffRole } from "../db.server";

/**
 * Who must prove a second factor (ARCHITECTURE §7). Executives and admins are named there; the audit
 * committee joins them because it reads the same escalated cases as executives — the most sensitive
 * ones, those that implicate an executive. Anyone else who enrols an authenticator must use it too:
 * an enrolled factor that could be skipped would protect nothing.
 */
export const rolesRequiringTotp: readonly StaffRole[] = ["executive", "admin", "audit_committee"];

export function totpRequiredFor(role: StaffRole): boolean {
  return rolesRequiringTotp.includes(role);
}

/**
 * What still stands between a password-verified session and the app: a code to `verify`, an
 * authenticator to `enrol` first (a role that requires one, with none yet), or null when nothing does.
 */
export type PendingSecondFactor = "verify" | "enrol" | null;

export function pendingSecondFactor(account: { role: StaffRole; totpEnabled: boolean }, mfaVerified: boolean): PendingSecondFactor {
  if (account.totpEnabled) return mfaVerified ? null : "verify";
  return totpRequiredFor(account.role) ? "enrol" : null;
}
