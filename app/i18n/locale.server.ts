import { createCookie, type Cookie } from "@remix-run/node";
import { getConfig } from "~/config.server";
import { defaultLocale, isLocale, type Locale } from "./locales";

const oneYearInSeconds = 365 * 24 * 60 * 60;

let localeCookie: Cookie | undefined;

// Built on first use, not at import, so that reading the configuration happens when the server
// runs rather than when a test or the build merely imports this module.
function getLocaleCookie(): Cookie {
  localeCookie ??= createCookie("prongsai_locale", {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    secure: getConfig().isProduction,
    maxAge: oneYearInSeconds,
  });
  return localeCookie;
}

/**
 * The language the visitor chose with the language switch, else Thai. Accept-Language is ignored
 * on purpose: the service is Thai first for everyone, and English is an explicit choice.
 */
export async function getLocale(request: Request): Promise<Locale> {
  const value: unknown = await getLocaleCookie().parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : defaultLocale;
}

/** The Set-Cookie header value that remembers the chosen language. */
export async function serializeLocale(locale: Locale): Promise<string> {
  return getLocaleCookie().serialize(locale);
}
