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

  it("counts a reserved attempt at once, and takes it back only from the window it was counted in", () => {
    const throttle = new Throttle(2, 60_000);
    const first = throttle.reserve("k", 0);
    const second = throttle.reserve("k", 0);
    expect(throttle.reserve("k", 0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    if (!first.allowed || !second.allowed) throw new Error("refused within the limit");
    first.release();
    expect(throttle.reserve("k", 1_000).allowed).toBe(true);
    expect(throttle.reserve("k", 1_000).allowed).toBe(false);
    // The window ended: a late release must not give the new window an attempt it never counted.
    const late = throttle.reserve("k", 60_000);
    second.release();
    expect(late.allowed).toBe(true);
    expect(throttle.reserve("k", 60_000).allowed).toBe(true);
    expect(throttle.reserve("k", 60_000).allowed).toBe(false);
  });

  it("keys clients by a salted digest, never the address itself", () => {
    const key = clientKeyOf("203.0.113.7");
    expect(key).toBe(clientKeyOf("203.0.113.7"));
    expect(key).not.toBe(clientKeyOf("203.0.113.8"));
    expect(key).not.toContain("203");
  });
});
