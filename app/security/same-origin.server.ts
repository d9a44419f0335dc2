import type { RequestHandler } from "express";
import { createTranslator } from "../i18n/translate";

/*
 * Cross-site request forgery: a page elsewhere must not make a signed-in officer's browser change
 * anything here. Three layers stop it. The session cookie is `SameSite=Lax`, so a cross-site POST
 * carries no session. Remix compares `Origin` with `Host` before an action of a page route — but
 * answers a mismatch with an empty 500 and does not check resource routes at all (sign-out is
 * one). This check runs first, for every state-changing request: it refuses, with a 403 that says
 * so, a request whose `Origin` is not ours (or is `null`, an opaque origin) or that the browser
 * marks as coming from another site (`Sec-Fetch-Site`). Forms sent without JavaScript still pass:
 * under `Referrer-Policy: same-origin` they carry our own origin (decision 0007).
 *
 * The intake API is left out: its callers are servers with a bearer token, not browsers with a
 * cookie, so a forged request has nothing to ride on.
 */

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);
const bearerTokenPaths = /^\/api\//;

export interface RequestOrigin {
  method: string;
  path: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** `X-Forwarded-Host` (first value) if present, else `Host`: what Remix compares with too. */
  host: string | undefined;
}

/** Why a request is refused, or null when it may go on. */
export function crossOriginRefusal(request: RequestOrigin): "foreign_origin" | "cross_site" | null {
  if (safeMethods.has(request.method.toUpperCase()) || bearerTokenPaths.test(request.path)) return null;
  if (request.secFetchSite === "cross-site" || request.secFetchSite === "same-site") return "cross_site";
  if (request.origin === undefined) return null;
  let originHost: string;
  try {
    originHost = new URL(request.origin).host;
  } catch {
    return "foreign_origin";
  }
  // `null` (an opaque origin: a sandboxed frame, a data: page) does not parse, and is foreign too.
  return originHost !== "" && originHost === request.host ? null : "foreign_origin";
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(",")[0]?.trim() || undefined;
}

/** "/api/%2e%2e/staff/logout" is sign-out, not the API: the path after URL normalisation. */
function pathAsRemixReadsIt(originalUrl: string): string {
  try {
    return new URL(`http://localhost${originalUrl}`).pathname;
  } catch {
    return originalUrl;
  }
}

const refusalText = ["th", "en"].map((locale) => createTranslator(locale as "th" | "en")("validation.submissionRefused")).join("\n");

export function sameOriginMiddleware(): RequestHandler {
  return (request, response, next) => {
    const refusal = crossOriginRefusal({
      method: request.method,
      path: pathAsRemixReadsIt(request.originalUrl),
      origin: firstHeader(request.headers.origin),
      secFetchSite: firstHeader(request.headers["sec-fetch-site"]),
      host: firstHeader(request.headers["x-forwarded-host"]) ?? firstHeader(request.headers.host),
    });
    if (!refusal) {
      next();
      return;
    }
    response.status(403).type("text/plain; charset=utf-8").send(refusalText);
  };
}
