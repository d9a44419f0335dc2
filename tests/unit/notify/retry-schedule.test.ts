import { describe, expect, it } from "vitest";
import { afterFailedAttempt, describeDeliveryFailure, isServerUnreachable, retryDelayMs } from "../../../app/notify/retry-schedule";

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;

/** A random source that always returns the same value: 0 is −20 %, 0.5 no jitter, just under 1 is +20 %. */
const fixed = (value: number) => () => value;

describe("retryDelayMs: exponential backoff from 30 s, capped at 1 h", () => {
  it.each([
    [1, 30 * second],
    [2, 1 * minute],
    [3, 2 * minute],
    [4, 4 * minute],
    [5, 8 * minute],
    [6, 16 * minute],
    [7, 32 * minute],
    [8, 1 * hour],
    [9, 1 * hour],
    [12, 1 * hour],
    [100, 1 * hour],
    [10_000, 1 * hour],
  ])("after failed attempt %i, waits %i ms (no jitter)", (attempts, expected) => {
    expect(retryDelayMs(attempts, fixed(0.5))).toBe(expected);
  });

  it.each([
    [1, 0, 24 * second, "−20 % at the bottom of the random range"],
    [1, 0.25, 27 * second, "−10 %"],
    [1, 0.75, 33 * second, "+10 %"],
    [1, 1, 36 * second, "+20 % at the top"],
    [8, 0, 48 * minute, "the cap spreads downward"],
    [8, 1, 72 * minute, "and upward, so capped retries do not all land on the hour"],
    [3, 0.5, 2 * minute, "no jitter in the middle"],
  ])("after attempt %i with random %f waits %i ms (%s)", (attempts, random, expected) => {
    expect(retryDelayMs(attempts, fixed(random))).toBe(expected);
  });

  it("stays within ±20 % of the base delay for any random value", () => {
    for (let attempts = 1; attempts <= 15; attempts += 1) {
      const base = retryDelayMs(attempts, fixed(0.5));
      for (let step = 0; step <= 100; step += 1) {
        const delay = retryDelayMs(attempts, fixed(step / 100));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
        expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2));
      }
    }
  });

  it("never waits less after more failures, at the same jitter", () => {
    for (let attempts = 1; attempts < 20; attempts += 1) {
      expect(retryDelayMs(attempts + 1, fixed(0.3))).toBeGreaterThanOrEqual(retryDelayMs(attempts, fixed(0.3)));
    }
  });

  it("returns whole milliseconds", () => {
    expect(Number.isInteger(retryDelayMs(3, fixed(0.123456)))).toBe(true);
  });

  it("uses Math.random when no random source is given", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(1)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(24 * second);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses %f attempts: it counts failures, from 1", (attempts) => {
    expect(() => retryDelayMs(attempts, fixed(0.5))).toThrow(RangeError);
  });
});

describe("afterFailedAttempt", () => {
  const failedAt = Date.UTC(2026, 0, 15, 3, 0, 0);

  it.each([
    [1, 12, { status: "pending", nextAttemptAt: failedAt + 30 * second }],
    [2, 12, { status: "pending", nextAttemptAt: failedAt + 1 * minute }],
    [11, 12, { status: "pending", nextAttemptAt: failedAt + 1 * hour }],
    [12, 12, { status: "dead" }],
    [13, 12, { status: "dead" }],
    [1, 1, { status: "dead" }],
    [2, 3, { status: "pending", nextAttemptAt: failedAt + 1 * minute }],
    [3, 3, { status: "dead" }],
  ])("after attempt %i of at most %i: %o", (attempts, maxAttempts, expected) => {
    expect(afterFailedAttempt(attempts, maxAttempts, failedAt, fixed(0.5))).toEqual(expected);
  });
});

describe("describeDeliveryFailure keeps what helps an operator and drops personal data", () => {
  const smtpError = (message: string, code: string) => Object.assign(new Error(message), { code });

  it.each([
    [
      smtpError("Can't send mail - all recipients were rejected: 451 4.7.1 <somchai.j@example.co.th>: Recipient address temporarily refused", "EENVELOPE"),
      "Error EENVELOPE: Can't send mail - all recipients were rejected: 451 4.7.1 <[address]>: Recipient address temporarily refused",
    ],
    [smtpError("connect ECONNREFUSED 127.0.0.1:2525", "ESOCKET"), "server unreachable: Error ESOCKET: connect ECONNREFUSED 127.0.0.1:2525"],
    [smtpError("Greeting never received", "ETIMEDOUT"), "server unreachable: Error ETIMEDOUT: Greeting never received"],
    [new TypeError("bad\n  multi-line\tmessage"), "TypeError: bad multi-line message"],
    [new Error("to a.b+tag@sub.example.com, c@d.th; and \"x\"@e.org"), "Error: to [address], [address]; and [address]"],
    ["a thrown string for ผู้ร้อง@example.com", "Error: a thrown string for [address]"],
    [{ not: "an error" }, "Error: [object Object]"],
  ])("%s → %s", (error, expected) => {
    expect(describeDeliveryFailure(error)).toBe(expected);
  });

  it("bounds the length", () => {
    const description = describeDeliveryFailure(new Error("x".repeat(5_000)));
    expect(description.length).toBeLessThanOrEqual(300);
    expect(description.endsWith("…")).toBe(true);
  });
});

describe("isServerUnreachable: the server could not be reached, rather than refused a message", () => {
  const failure = (fields: Record<string, unknown>) => Object.assign(new Error("failed"), fields);

  it.each<[unknown, boolean, string]>([
    [failure({ code: "ECONNECTION" }), true, "nodemailer: connection refused or closed"],
    [failure({ code: "ESOCKET" }), true, "nodemailer: socket error"],
    [failure({ code: "ETIMEDOUT" }), true, "nodemailer: connection or greeting timed out"],
    [failure({ code: "EDNS" }), true, "nodemailer: host name not resolved"],
    [failure({ code: "ECONNREFUSED" }), true, "Node: connection refused"],
    [failure({ code: "EHOSTUNREACH" }), true, "Node: no route to host"],
    [failure({ code: "EPROTOCOL", responseCode: 421 }), true, "421 service not available"],
    [failure({ code: "EENVELOPE", responseCode: 451 }), false, "a recipient refused for now"],
    [failure({ code: "EENVELOPE", responseCode: 550 }), false, "a recipient refused for good"],
    [failure({ code: "EMESSAGE", responseCode: 552 }), false, "the message refused"],
    [failure({ code: "EAUTH", responseCode: 535 }), false, "wrong credentials: reaching it again will not help"],
    [new Error("Reached maximum number of retries after connection was closed"), false, "no code"],
    ["ECONNREFUSED", false, "a thrown string"],
    [null, false, "null"],
  ])("%o → %s (%s)", (error, expected) => {
    expect(isServerUnreachable(error)).toBe(expected);
  });

  it("marks the stored description of such failures only", () => {
    expect(describeDeliveryFailure(failure({ code: "ECONNECTION" }))).toBe("server unreachable: Error ECONNECTION: failed");
    expect(describeDeliveryFailure(failure({ code: "EENVELOPE", responseCode: 451 }))).toBe("Error EENVELOPE: failed");
  });
});
