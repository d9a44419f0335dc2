import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { serializeLocale } from "~/i18n/locale.server";
import { locales } from "~/i18n/locales";

/*
 * The language switch is a plain form that posts here, so it works without JavaScript: remember
 * the choice in a cookie and send the visitor back to the page they were reading.
 */

const siteOrigin = "http://prongsai.invalid";

function hasControlCharacterOrBackslash(value: string): boolean {
  return Array.from(value).some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f || character === "\\";
  });
}

/**
 * Only a path on this site may be a destination, never another origin. Browsers read "\" as "/"
 * and drop tabs and newlines from URLs, so "/\evil.example" or "/\t/evil.example" would become
 * "//evil.example"; such characters are refused outright rather than cleaned.
 */
function isSameSitePath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return false;
  if (hasControlCharacterOrBackslash(value)) return false;
  return new URL(value, siteOrigin).origin === siteOrigin;
}

const returnPathSchema = z.string().max(2000).refine(isSameSitePath).catch("/");

const localeSchema = z.enum(locales);

export async function action({ request }: ActionFunctionArgs) {
  // A body that is not a form (a hand-made request) is treated as an empty form.
  const formData = await request.formData().catch(() => new FormData());
  const returnTo = returnPathSchema.parse(formData.get("returnTo"));
  const locale = localeSchema.safeParse(formData.get("locale"));
  if (!locale.success) return redirect(returnTo, 303);
  return redirect(returnTo, { status: 303, headers: { "Set-Cookie": await serializeLocale(locale.data) } });
}

export function loader() {
  return redirect("/");
}
