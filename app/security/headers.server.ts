import crypto from "node:crypto";
import type { RequestHandler } from "express";

export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of every response, enforced. Scripts run only from our origin or with
 * this response's nonce; nothing is loaded from another origin (ARCHITECTURE §6: no third-party
 * request from any page). Development adds what Vite's hot reload needs and nothing more.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; hmrPort?: number }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`],
    "style-src": options.development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": options.development ? ["'self'", `ws://localhost:${options.hmrPort ?? 24678}`] : ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function securityHeaders(nonce: string, options: { production: boolean; development: boolean; hmrPort?: number }): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, options),
    "X-Content-Type-Options": "nosniff",
    // Never a referrer to another origin; but same-origin requests keep theirs, because under
    // `no-referrer` a form POST carries `Origin: null` and the CSRF origin check must refuse it
    // (docs/decisions/0007).
    "Referrer-Policy": "same-origin",
    // Older browsers ignore frame-ancestors; X-Frame-Options covers them.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  };
  if (options.production) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/**
 * The staff workspace: its pages, their single-fetch data (`/staff.data`, `/staff/….data`) and
 * downloads. `/staffing` or `/staff-news` would be public pages, not the workspace.
 */
const staffPathPattern = /^\/staff(?:[/.]|$)/;

export function isStaffPath(path: string): boolean {
  return staffPathPattern.test(path);
}

/**
 * Headers that depend on where the request goes. Every staff response, a redirect to sign-in or a
 * 404 included, tells search engines to neither index it nor follow its links — set here for the
 * whole path rather than by each page, so a page (or a file download) that forgets cannot leak
 * into an index. The pages also carry `<meta name="robots">` for what reads only the HTML.
 */
export function pathHeaders(path: string): Record<string, string> {
  return isStaffPath(path) ? { "X-Robots-Tag": "noindex, nofollow" } : {};
}

/**
 * The first handler of the HTTP server: a fresh nonce for this response (the load context passes it
 * to the page's scripts) and every header above.
 */
export function securityHeadersMiddleware(options: { production: boolean; development: boolean; hmrPort?: number }): RequestHandler {
  return (request, response, next) => {
    const nonce = createNonce();
    response.locals.cspNonce = nonce;
    response.set({ ...securityHeaders(nonce, options), ...pathHeaders(request.path) });
    next();
  };
}
