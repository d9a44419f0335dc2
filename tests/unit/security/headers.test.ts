import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, securityHeaders } from "../../../app/security/headers.server";
import { pathOnly } from "../../../app/logging/request-log.server";

describe("security headers", () => {
  it("enforce a nonce-based CSP with no third-party origin", () => {
    const policy = contentSecurityPolicy("abc", { development: false });
    expect(policy).toContain("script-src 'self' 'nonce-abc'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
  });

  it("set nosniff, a same-origin-only referrer and HSTS in production only", () => {
    const production = securityHeaders("n", { production: true, development: false });
    expect(production).toMatchObject({ "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" });
    expect(production["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders("n", { production: false, development: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(Object.keys(production)).not.toContain("Content-Security-Policy-Report-Only");
  });

  it("make a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});

describe("the request log", () => {
  it.each([
    ["/track?code=ABCD-EFGH", "/track"],
    ["/staff/cases#top", "/staff/cases"],
    ["/", "/"],
  ])("keeps only the path of %s", (url, path) => {
    expect(pathOnly(url)).toBe(path);
  });
});
