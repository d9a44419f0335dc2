import { z } from "zod";

/*
 * Where to send someone back to after a form (the language switch, staff sign-in): only a path on
 * this site, never another origin — an open redirect would let a phishing link borrow our address.
 */

const siteOrigin = "http://prongsai.invalid";

function hasControlCharacterOrBackslash(value: string): boolean {
  return Array.from(value).some((character) => {
    const code = character.charCodeAt(0);
    return code < 0x20 || code === 0x7f || character === "\\";
  });
}

/**
 * Browsers read "\" as "/" and drop tabs and newlines from URLs, so "/\evil.example" or
 * "/\t/evil.example" would become "//evil.example"; such characters are refused outright rather
 * than cleaned.
 */
export function isSameSitePath(value: string): boolean {
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return false;
  if (hasControlCharacterOrBackslash(value)) return false;
  return new URL(value, siteOrigin).origin === siteOrigin;
}

/** A return path from untrusted input, or `fallback` when it is not a path on this site. */
export function returnPathSchema(fallback: string) {
  return z.string().max(2000).refine(isSameSitePath).catch(fallback);
}
