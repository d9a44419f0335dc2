import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { serializeLocale } from "~/i18n/locale.server";
import { locales } from "~/i18n/locales";
import { returnPathSchema } from "~/security/return-path";
import { readForm } from "~/security/read-form.server";

/*
 * The language switch is a plain form that posts here, so it works without JavaScript: remember
 * the choice in a cookie and send the visitor back to the page they were reading.
 */

const returnTo = returnPathSchema("/");

const localeSchema = z.enum(locales);

export async function action({ request }: ActionFunctionArgs) {
  // A body that is not a form (a hand-made request) is treated as an empty form.
  const formData = await readForm(request);
  const returnPath = returnTo.parse(formData.get("returnTo"));
  const locale = localeSchema.safeParse(formData.get("locale"));
  if (!locale.success) return redirect(returnPath, 303);
  return redirect(returnPath, { status: 303, headers: { "Set-Cookie": await serializeLocale(locale.data) } });
}

export function loader() {
  return redirect("/");
}
