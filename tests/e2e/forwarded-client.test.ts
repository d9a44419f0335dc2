import { describe, expect, inject, it } from "vitest";
import { generateTrackingCode } from "../../app/tracking/tracking-code";

/*
 * Behind one reverse proxy (TRUST_PROXY=1) the client is the X-Forwarded-For entry the proxy
 * appended, the right-most; the entries before it are whatever the client wrote. So a made-up
 * left-most address must not buy a fresh throttle, and reporters behind the proxy must not share one.
 * Through the real server, since the address comes from Express's `trust proxy`, not from our code.
 */

for (const server of inject("e2eServers")) {
  describe(`the client behind one reverse proxy [${server.dialect}]`, () => {
    const guessFrom = async (forwardedFor: string) => {
      const response = await fetch(`${server.baseUrl}/track`, {
        method: "POST",
        headers: { Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
        body: new URLSearchParams({ intent: "open", code: generateTrackingCode() }),
      });
      await response.arrayBuffer();
      return response.status;
    };

    it("is the address the proxy appended: a forged left-most entry shares its throttle, another address has its own", async () => {
      expect(server.environment.TRUST_PROXY).toBe("1");
      // Documentation addresses no other test sends, so this client's counter starts from nothing.
      const guesser = "198.51.100.10";
      const neighbour = "198.51.100.11";
      // A new made-up address in front of every guess: still one client, allowed 10 guesses.
      for (let guess = 1; guess <= 10; guess += 1) expect(await guessFrom(`203.0.113.${guess}, ${guesser}`), `guess ${guess}`).toBe(400);
      expect(await guessFrom(`203.0.113.11, ${guesser}`)).toBe(429);
      expect(await guessFrom(guesser)).toBe(429);
      // Another reporter behind the same proxy is not locked out, even claiming the guesser's address.
      expect(await guessFrom(`${guesser}, ${neighbour}`)).toBe(400);
    });
  });
}
