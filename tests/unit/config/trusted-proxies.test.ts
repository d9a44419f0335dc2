import type { AddressInfo } from "node:net";
import express from "express";
import { http, passthrough } from "msw";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config.server";
import { outboundHttp } from "../../support/outbound-http";

/*
 * TRUST_PROXY decides which X-Forwarded-For entry is the client the throttles count. Trusting
 * every hop lets a client name itself; trusting none makes every visitor behind the proxy one
 * client. The setting takes only what Express reads safely, and refuses `true` at start.
 */

function problemsOf(setting: string): string[] {
  try {
    parseConfig({ TRUST_PROXY: setting });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("TRUST_PROXY", () => {
  it("trusts no proxy unless set: the client is the socket's address", () => {
    expect(parseConfig({}).trustProxy).toBe(false);
  });

  it.each([
    ["false", false],
    ["0", false],
    ["1", 1],
    [" 2 ", 2],
    ["10", 10],
    ["10.0.0.5", ["10.0.0.5"]],
    ["10.0.0.5, 10.0.0.6", ["10.0.0.5", "10.0.0.6"]],
    ["10.0.0.0/8,192.168.1.0/24", ["10.0.0.0/8", "192.168.1.0/24"]],
    ["::1, fd00::/8, 2001:db8::10/128", ["::1", "fd00::/8", "2001:db8::10/128"]],
    ["loopback", ["loopback"]],
    ["loopback, linklocal, uniquelocal", ["loopback", "linklocal", "uniquelocal"]],
  ])("reads %j", (setting, trustProxy) => {
    expect(parseConfig({ TRUST_PROXY: setting }).trustProxy).toEqual(trustProxy);
  });

  it.each(["true", "TRUE", "True", "yes", "on"])("refuses %j, saying why and what to write instead", (setting) => {
    const problems = problemsOf(setting);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^TRUST_PROXY: must not be true: /);
    expect(problems[0]).toContain("left-most X-Forwarded-For entry, which the client writes");
    expect(problems[0]).toContain("write 1 for one reverse proxy");
    expect(() => parseConfig({ TRUST_PROXY: setting })).toThrow(/Prongsai cannot start[\s\S]*- TRUST_PROXY: must not be true/);
  });

  it.each([
    "nginx",
    "off",
    "-1",
    "1.5",
    "10.0.0.300",
    "10.0.0",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/255.0.0.0",
    "10.0.0.0/8/8",
    // Every address a proxy: the same as true.
    "0.0.0.0/0",
    "::/0",
    "10.0.0.5,,10.0.0.6",
    "10.0.0.5 10.0.0.6",
    "loopback, *",
  ])("refuses %j, naming the setting", (setting) => {
    expect(problemsOf(setting)).toEqual([
      "TRUST_PROXY: must be false, the number of proxies in front of Prongsai (1 for one reverse proxy) or a comma-separated list of their addresses or subnets (such as 10.0.0.5, 10.0.0.0/8, loopback, linklocal, uniquelocal)",
    ]);
  });

  it("refuses an implausible number of proxies", () => {
    expect(problemsOf("11")).toEqual(["TRUST_PROXY: must be at most 10 (the number of proxies in front of Prongsai)"]);
  });
});

describe("what Express makes of it, for a request that came through a proxy on loopback", () => {
  // The client wrote the left-most entry; the proxy appended the address it saw.
  const forwardedFor = "198.51.100.7, 203.0.113.9";

  async function clientAddressSeenWith(setting: string): Promise<string> {
    const app = express();
    app.set("trust proxy", parseConfig({ TRUST_PROXY: setting }).trustProxy);
    app.get("/", (request, response) => response.send(request.ip));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Our own server on loopback, not an outbound request: let it through the msw guard.
      outboundHttp.use(http.all(`${baseUrl}/*`, () => passthrough()));
      return await (await fetch(`${baseUrl}/`, { headers: { "X-Forwarded-For": forwardedFor } })).text();
    } finally {
      server.close();
    }
  }

  it.each([
    ["false", "127.0.0.1"],
    ["1", "203.0.113.9"],
    ["loopback", "203.0.113.9"],
    ["127.0.0.1, 10.0.0.0/8", "203.0.113.9"],
    // Two proxies trusted, the second of them at 203.0.113.9.
    ["2", "198.51.100.7"],
    ["loopback, 203.0.113.9", "198.51.100.7"],
  ])("TRUST_PROXY=%s reads %s", async (setting, clientAddress) => {
    expect(await clientAddressSeenWith(setting)).toBe(clientAddress);
  });
});
