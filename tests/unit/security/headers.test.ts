import type { AddressInfo } from "node:net";
import express from "express";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isStaffPath, pathHeaders, securityHeaders, securityHeadersMiddleware } from "../../../app/security/headers.server";
import { pathOnly } from "../../../app/logging/request-log.server";
import { outboundHttp } from "../../support/outbound-http";

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

describe("the staff workspace stays out of search engines", () => {
  it.each([
    ["/staff", true],
    ["/staff/", true],
    ["/staff/login", true],
    ["/staff/cases/3f1c/attachments/9a2b", true],
    ["/staff.data", true],
    ["/staff/cases/3f1c.data", true],
    ["/", false],
    ["/track", false],
    ["/staffing", false],
    ["/staff-news", false],
    ["/report/staff", false],
  ])("%s is staff: %s", (path, staff) => {
    expect(isStaffPath(path)).toBe(staff);
    expect(pathHeaders(path)).toEqual(staff ? { "X-Robots-Tag": "noindex, nofollow" } : {});
  });

  describe("through the server's middleware, on every kind of response", () => {
    let baseUrl = "";
    let close: () => void = () => undefined;
    beforeAll(async () => {
      const app = express();
      app.use(securityHeadersMiddleware({ production: false, development: false }));
      app.get("/staff/login", (_request, response) => response.send("<form></form>"));
      app.get("/staff", (_request, response) => response.redirect("/staff/login?returnTo=%2Fstaff"));
      app.get("/staff/cases/:caseId/attachments/:attachmentId", (_request, response) => response.type("application/pdf").send("%PDF-1.7"));
      app.get("/", (_request, response) => response.send("<h1>home</h1>"));
      await new Promise<void>((resolve) => {
        const server = app.listen(0, "127.0.0.1", () => {
          baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
          close = () => server.close();
          resolve();
        });
      });
    });
    afterAll(() => close());

    async function headersOf(path: string): Promise<Headers> {
      // Our own server on loopback, not an outbound request: let it through the msw guard.
      outboundHttp.use(http.all(`${baseUrl}/*`, () => passthrough()));
      const response = await fetch(`${baseUrl}${path}`, { redirect: "manual" });
      await response.arrayBuffer();
      return response.headers;
    }

    it.each(["/staff/login", "/staff", "/staff/cases/c1/attachments/a1", "/staff/no-such-page"])("%s carries X-Robots-Tag", async (path) => {
      const headers = await headersOf(path);
      expect(headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(headers.get("x-content-type-options")).toBe("nosniff");
    });

    it("a public page does not", async () => {
      const headers = await headersOf("/");
      expect(headers.get("x-robots-tag")).toBeNull();
      expect(headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
    });
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
