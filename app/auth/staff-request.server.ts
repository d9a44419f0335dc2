import { createCookie, redirect, type AppLoadContext } from "@remix-run/node";
import { appendAuditEntry } from "../audit/audit-log.server";
import type { StaffRole } from "../db.server";
import { can, type CaseContext, type StaffAction, type StaffActionOnCase } from "./permissions";
import { readSession, staffSessionCookieName, type SignedInStaff } from "./sessions.server";

/**
 * The staff session cookie holds only a random id (the database keeps its digest). HttpOnly, and
 * SameSite=Lax so a link from an e-mail still opens the workspace while a cross-site form cannot
 * ride on it (Remix also refuses cross-origin actions by their Origin header).
 */
export function staffSessionCookie(secure: boolean) {
  return createCookie(staffSessionCookieName, { path: "/", httpOnly: true, sameSite: "lax", secure });
}

export async function staffCookieValue(request: Request, context: Pick<AppLoadContext, "services">): Promise<string | null> {
  const value: unknown = await staffSessionCookie(context.services.config.isProduction).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

function signInRedirect(request: Request, path = "/staff/login"): Response {
  const url = new URL(request.url);
  return redirect(`${path}?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/**
 * The signed-in staff member of this request, or a redirect to sign-in (and back afterwards). A
 * session still owing its second factor opens the code page and nothing else.
 */
export async function requireStaff(request: Request, context: Pick<AppLoadContext, "services">): Promise<SignedInStaff> {
  const { db, config } = context.services;
  const signedIn = await readSession(db, await staffCookieValue(request, context), Date.now(), config.staffSessions);
  if (!signedIn) throw signInRedirect(request);
  if (signedIn.secondFactorPending) throw signInRedirect(request, "/staff/second-factor");
  return signedIn;
}

export function forbidden(): Response {
  return new Response(null, { status: 403 });
}

/** For actions that are not about one case (a queue, the audit log, admin pages). */
export function requirePermission(staff: SignedInStaff, action: Exclude<StaffAction, StaffActionOnCase>): void {
  if (!can(staff.user, action)) throw forbidden();
}

export interface CaseAccessTarget {
  caseId: string;
  context: CaseContext;
}

/**
 * For an action on a case: allowed, or a 403 that is itself audited — a refused look at a case
 * (a recused officer trying its URL, say) is exactly what an auditor wants to see.
 */
export async function requireCasePermission(services: AppLoadContext["services"], staff: SignedInStaff, action: StaffActionOnCase, target: CaseAccessTarget): Promise<void> {
  if (can(staff.user, action, target.context)) return;
  await services.db.transaction().execute((transaction) =>
    appendAuditEntry(transaction, {
      actorType: "staff",
      actorId: staff.user.id,
      action: "case.access_denied",
      targetType: "case",
      targetId: target.caseId,
      details: { attempted: action, role: staff.user.role satisfies StaffRole },
      occurredAt: Date.now(),
    }),
  );
  throw forbidden();
}
