import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { outboundHttp } from "../../support/outbound-http";

describe("outbound HTTP in tests", () => {
  it("reaches the receiver a test plays", async () => {
    outboundHttp.use(http.post("https://hooks.example.go.th/prongsai", async ({ request }) => HttpResponse.json({ received: await request.json() })));
    const response = await fetch("https://hooks.example.go.th/prongsai", { method: "POST", body: JSON.stringify({ event: "sla.breached" }) });
    expect(await response.json()).toEqual({ received: { event: "sla.breached" } });
  });

  it("never reaches the network when no test expected the request", async () => {
    await expect(fetch("https://api.line.me/v2/bot/message/push", { method: "POST" })).rejects.toThrow();
  });
});
