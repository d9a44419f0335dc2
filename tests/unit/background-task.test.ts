import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { repeatInBackground } from "../../app/background-task.server";

describe("a background task", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at start if asked, then again an interval after each pass ends, logs a failing pass, and stops", async () => {
    const logged: string[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => void logged.push(line) });
    let passes = 0;
    const task = repeatInBackground({
      logger,
      failureMessage: "the pass failed",
      intervalMs: 1_000,
      runAtStart: true,
      pass: async () => {
        passes += 1;
        if (passes === 2) throw new Error("database unreachable");
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(2);
    expect(logged.join("")).toContain("the pass failed");
    // A failed pass does not end the task.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(3);
    task.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(passes).toBe(3);
  });

  it("waits an interval before its first pass otherwise", async () => {
    let passes = 0;
    const task = repeatInBackground({ logger: pino({ level: "silent" }), failureMessage: "failed", intervalMs: 500, runAtStart: false, pass: async () => void (passes += 1) });
    await vi.advanceTimersByTimeAsync(499);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
    task.stop();
  });
});
