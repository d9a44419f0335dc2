import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import { http, passthrough } from "msw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securityHeadersMiddleware } from "../../../app/security/headers.server";
import { crossOriginRefusal, sameOriginMiddleware } from "../../../app/security/same-origin.server";
import { outboundHttp } from "../../support/outbound-http";

/*
 * CSRF (issue 7): a POST from another origin to any staff action is refused by the server itself,
 * before Remix — not only by the browser's SameSite rule. The staff routes with an action are read
 * from app/routes, so a route added later is covered without anyone remembering to list it.
 */

const routesDirectory = path.resolve(import.meta.dirname, "../../../app/routes");

/** A flat-routes file name as the path it serves, with a sample value for each parameter. */
function pathOfRouteFile(fileName: string): string {
  const segments = fileName
    .replace(/\.tsx?$/, "")
    .split(".")
    .filter((segment) => segment !== "_index" && !/^_[^_]/.test(segment))
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) => (segment.startsWith("$") ? "3f1c9a2b-0000-4000-8000-000000000001" : segment));
  return `/${segments.join("/")}`;
}

const staffActionRoutes = fs
  .readdirSync(routesDirectory)
  .filter((file) => /^staff[._]/.test(file) || /^staff\.tsx?$/.test(file))
  .filter((file) => /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(fs.readFileSync(path.join(routesDirectory, file), "utf8")))
  .map((file) => ({ file, path: pathOfRouteFile(file) }));

describe("which requests are refused", () => {
  const ours = { method: "POST", path: "/staff/cases/1", host: "prongsai.example.go.th", secFetchSite: undefined };

  it.each([
    ["our own origin", { origin: "https://prongsai.example.go.th" }, null],
    ["no Origin (an old browser, a script without one)", { origin: undefined }, null],
    ["our origin, the browser says same-origin", { origin: "https://prongsai.example.go.th", secFetchSite: "same-origin" }, null],
    ["a user-typed navigation", { origin: undefined, secFetchSite: "none" }, null],
    ["another site", { origin: "https://evil.example" }, "foreign_origin"],
    ["a look-alike host", { origin: "https://prongsai.example.go.th.evil.example" }, "foreign_origin"],
    ["our host on another port", { origin: "https://prongsai.example.go.th:8443" }, "foreign_origin"],
    ["an opaque origin", { origin: "null" }, "foreign_origin"],
    ["a malformed Origin", { origin: "not a url" }, "foreign_origin"],
    ["a sibling subdomain (same site, other origin)", { origin: undefined, secFetchSite: "same-site" }, "cross_site"],
    ["another site without Origin", { origin: undefined, secFetchSite: "cross-site" }, "cross_site"],
    ["another site that forged our Origin (cannot happen in a browser)", { origin: "https://prongsai.example.go.th", secFetchSite: "cross-site" }, "cross_site"],
  ] as const)("%s", (_label, overrides, expected) => {
    expect(crossOriginRefusal({ ...ours, ...overrides })).toBe(expected);
  });

  it("lets reads through whatever their origin, and the bearer-token API", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(crossOriginRefusal({ ...ours, method, origin: "https://evil.example" })).toBeNull();
    expect(crossOriginRefusal({ ...ours, path: "/api/v1/cases", origin: "https://evil.example" })).toBeNull();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(crossOriginRefusal({ ...ours, method, origin: "https://evil.example" })).toBe("foreign_origin");
  });
});

describe("through the server's middleware on loopback", () => {
  let baseUrl = "";
  let host = "";
  let close: () => void = () => undefined;
  beforeAll(async () => {
    const app = express();
    app.use(securityHeadersMiddleware({ production: false, development: false }));
    app.use(sameOriginMiddleware());
    // Stands in for Remix: whatever passes the check is "done".
    app.all("*", (request, response) => response.status(request.method === "POST" ? 303 : 200).send("done"));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    host = `127.0.0.1:${port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const post = (target: string, headers: Record<string, string>) => {
    // Our own server on loopback, not an outbound request: let it through the msw guard.
    outboundHttp.use(http.all(`${baseUrl}/*`, () => passthrough()));
    return fetch(`${baseUrl}${target}`, { method: "POST", redirect: "manual", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: "intent=assign" });
  };

  it("finds every staff route with an action", () => {
    expect(staffActionRoutes.map((route) => route.file)).toEqual(expect.arrayContaining(["staff.cases.$caseId.tsx", "staff_.logout.tsx", "staff_.login.tsx", "staff.admin.users.tsx"]));
    expect(staffActionRoutes.length).toBeGreaterThanOrEqual(15);
    for (const route of staffActionRoutes) expect(route.path).toMatch(/^\/staff(\/|$)/);
  });

  it.each(staffActionRoutes.map((route) => [route.file, route.path]))("%s refuses a cross-origin POST with a 403 that says why, and takes our own", async (_file, target) => {
    const forged: Array<Record<string, string>> = [{ Origin: "https://evil.example" }, { Origin: "null" }, { "Sec-Fetch-Site": "cross-site" }, { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" }];
    for (const headers of forged) {
      const refused = await post(target, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.headers.get("content-type")).toMatch(/^text\/plain/);
      const text = await refused.text();
      expect(text).toContain("Your submission could not be sent");
      expect(text).toMatch(/[\u0E00-\u0E7F]/);
      // The refusal is a page like any other: it cannot be framed either.
      expect(refused.headers.get("x-frame-options")).toBe("DENY");
    }
    const accepted = await post(target, { Origin: baseUrl, "Sec-Fetch-Site": "same-origin" });
    expect(accepted.status).toBe(303);
  });

  it("reads the path as Remix will: an encoded detour through /api does not skip the check", async () => {
    expect((await post("/api/%2e%2e/staff/logout", { Origin: "https://evil.example" })).status).toBe(403);
    expect((await post("/api/v1/cases", { Origin: "https://evil.example" })).status).toBe(303);
  });

  it("covers the public forms too, which Remix would answer with an empty 500", async () => {
    for (const target of ["/report", "/contact", "/track", "/language"]) {
      expect((await post(target, { Origin: "https://evil.example" })).status).toBe(403);
      expect((await post(target, { Origin: `http://${host}` })).status).toBe(303);
    }
  });
});
