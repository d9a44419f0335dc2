import { describe, expect, it } from "vitest";
import { Throttle, clientKeyOf } from "../../../app/security/throttle.server";

describe("the in-memory throttle", () => {
  it("allows the limit in a window, refuses after, and allows again once the window ends", () => {
    const throttle = new Throttle(3, 60_000);
    expect([1, 2, 3].map(() => throttle.attempt("k", 0).allowed)).toEqual([true, true, true]);
    expect(throttle.attempt("k", 10_000)).toEqual({ allowed: false, retryAfterMs: 50_000 });
    expect(throttle.attempt("other", 10_000).allowed).toBe(true);
    expect(throttle.attempt("k", 60_000).allowed).toBe(true);
  });

  it("keys clients by a salted digest, never the address itself", () => {
    const key = clientKeyOf("203.0.113.7");
    expect(key).toBe(clientKeyOf("203.0.113.7"));
    expect(key).not.toBe(clientKeyOf("203.0.113.8"));
    expect(key).not.toContain("203");
  });
});
