import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOut, signOutEverywhere } from "~/auth/login.server";
import { readSession } from "~/auth/sessions.server";
import { staffCookieValue, staffSessionCookie } from "~/auth/staff-request.server";
import { readForm } from "~/security/read-form.server";

/*
 * Sign-out is a form post (a link could be fired by any page that embeds it). "Everywhere" ends
 * every session of the account; only a fully signed-in session may ask that, so a password alone
 * cannot sign the owner out of their other devices.
 */

export async function action({ request, context }: ActionFunctionArgs) {
  const { services } = context;
  const now = Date.now();
  const formData = await readForm(request);
  const cookieValue = await staffCookieValue(request, context);
  if (cookieValue) {
    const signedIn = formData.get("everywhere") === "on" ? await readSession(services.db, cookieValue, now, services.config.staffSessions) : null;
    if (signedIn && !signedIn.secondFactorPending) await signOutEverywhere(services, signedIn.user.id, now);
    else await signOut(services, cookieValue, now);
  }
  const cleared = await staffSessionCookie(services.config.isProduction).serialize("", { maxAge: 0 });
  return redirect("/staff/login", { status: 303, headers: { "Set-Cookie": cleared } });
}

export function loader() {
  return redirect("/staff");
}
