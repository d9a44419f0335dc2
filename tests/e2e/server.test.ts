import fs from "node:fs";
import { describe, expect, inject, it } from "vitest";

for (const server of inject("e2eServers")) {
  describe(`the server [${server.dialect}]`, () => {
    it("answers /healthz after checking its database", async () => {
      const response = await fetch(`${server.baseUrl}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", database: "ok" });
    });

    it("sends an enforced nonce CSP and the baseline security headers with every page", async () => {
      const response = await fetch(`${server.baseUrl}/`);
      expect(response.status).toBe(200);
      const policy = response.headers.get("content-security-policy") ?? "";
      expect(response.headers.get("content-security-policy-report-only")).toBeNull();
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeTruthy();
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
      expect(response.headers.get("x-powered-by")).toBeNull();
      expect(response.headers.get("cache-control")).toBe("no-store");
      // HSTS belongs to production behind TLS; this server runs as APP_ENV=test.
      expect(response.headers.get("strict-transport-security")).toBeNull();
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      const second = await fetch(`${server.baseUrl}/`);
      expect(second.headers.get("content-security-policy")).not.toBe(policy);
    });

    it("logs requests as JSON without IP, user agent or query string", async () => {
      await fetch(`${server.baseUrl}/?code=SECRETCODE123`, { headers: { "User-Agent": "ReporterBrowser/9.9", "X-Forwarded-For": "203.0.113.77" } });
      // The line is written when the response finishes; give the stream a moment to flush.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const log = fs.readFileSync(server.logFile, "utf8");
      const requestLines = log
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.msg === "request");
      expect(requestLines).toContainEqual(expect.objectContaining({ method: "GET", path: "/", status: 200 }));
      expect(log).not.toContain("SECRETCODE123");
      expect(log).not.toContain("ReporterBrowser");
      expect(log).not.toContain("203.0.113.77");
      expect(log).not.toContain("127.0.0.1");
    });

    it("sends a form back with what was typed, byte for byte, wherever its Thai text falls", async () => {
      // React 18's streaming renderer pads its 2,048-byte buffers with zero bytes where a
      // three-byte Thai character does not fit, and an attribute shows them as U+FFFD
      // (app/ui/html-stream.server.ts removes them). Three lengths of the ASCII before the Thai text
      // put its characters at every offset, as the page is sent.
      for (const padding of ["", "x", "xx"]) {
        const form = new FormData();
        form.set("categoryCode", "corruption.bribery");
        form.set("whatHappened", "สั้นไป");
        form.set("whereHappened", `${padding}สำนักงานเขต`.repeat(30));
        form.set("reporterRelation", "staff");
        const response = await fetch(`${server.baseUrl}/report`, { method: "POST", body: form });
        expect(response.status).toBe(400);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.includes(0)).toBe(false);
        expect(bytes.toString("utf8")).toContain(`value="${`${padding}สำนักงานเขต`.repeat(30)}"`);
      }
    });

    it("serves assets as our own, long-cached, with nosniff", async () => {
      const html = await (await fetch(`${server.baseUrl}/`)).text();
      const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
      expect(asset).toBeTruthy();
      const response = await fetch(`${server.baseUrl}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toContain("immutable");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    });
  });
}
