import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config.server";
import { defaultSessionTimeouts } from "../../../app/auth/sessions.server";

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

function problemsOf(environment: Record<string, string>): string[] {
  try {
    parseConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("session and reopen timeouts", () => {
  it("default to 30 minutes idle, 12 hours in all, and 30 days to reopen a case", () => {
    const config = parseConfig({});
    expect(config.staffSessions).toEqual({ idleMs: 30 * minute, absoluteMs: 12 * hour });
    expect(config.cases).toEqual({ reopenWindowMs: 30 * day });
    // What tests and scripts fall back on is what an unconfigured server uses.
    expect(defaultSessionTimeouts).toEqual(config.staffSessions);
  });

  it("read the operator's values in their units", () => {
    const config = parseConfig({ STAFF_SESSION_IDLE_MINUTES: "15", STAFF_SESSION_ABSOLUTE_HOURS: "8", CASE_REOPEN_WINDOW_DAYS: "60" });
    expect(config.staffSessions).toEqual({ idleMs: 15 * minute, absoluteMs: 8 * hour });
    expect(config.cases).toEqual({ reopenWindowMs: 60 * day });
  });

  it.each([
    [{ STAFF_SESSION_IDLE_MINUTES: "0" }, "STAFF_SESSION_IDLE_MINUTES: must be at least 5"],
    [{ STAFF_SESSION_IDLE_MINUTES: "-30" }, "STAFF_SESSION_IDLE_MINUTES: must be at least 5"],
    [{ STAFF_SESSION_IDLE_MINUTES: "241" }, "STAFF_SESSION_IDLE_MINUTES: must be at most 240"],
    [{ STAFF_SESSION_IDLE_MINUTES: "half an hour" }, "STAFF_SESSION_IDLE_MINUTES: must be a whole number"],
    [{ STAFF_SESSION_ABSOLUTE_HOURS: "0" }, "STAFF_SESSION_ABSOLUTE_HOURS: must be at least 1"],
    [{ STAFF_SESSION_ABSOLUTE_HOURS: "25" }, "STAFF_SESSION_ABSOLUTE_HOURS: must be at most 24"],
    [{ STAFF_SESSION_ABSOLUTE_HOURS: "1.5" }, "STAFF_SESSION_ABSOLUTE_HOURS: must be a whole number"],
    [{ CASE_REOPEN_WINDOW_DAYS: "0" }, "CASE_REOPEN_WINDOW_DAYS: must be at least 1"],
    [{ CASE_REOPEN_WINDOW_DAYS: "366" }, "CASE_REOPEN_WINDOW_DAYS: must be at most 365"],
    [{ STAFF_SESSION_IDLE_MINUTES: "90", STAFF_SESSION_ABSOLUTE_HOURS: "1" }, "STAFF_SESSION_IDLE_MINUTES: must not be longer than STAFF_SESSION_ABSOLUTE_HOURS"],
  ])("refuse %o", (environment, problem) => {
    expect(problemsOf(environment)).toContain(problem);
  });

  it("accept the bounds themselves", () => {
    expect(problemsOf({ STAFF_SESSION_IDLE_MINUTES: "5", STAFF_SESSION_ABSOLUTE_HOURS: "1", CASE_REOPEN_WINDOW_DAYS: "1" })).toEqual([]);
    expect(problemsOf({ STAFF_SESSION_IDLE_MINUTES: "60", STAFF_SESSION_ABSOLUTE_HOURS: "1" })).toEqual([]);
    expect(problemsOf({ STAFF_SESSION_IDLE_MINUTES: "240", STAFF_SESSION_ABSOLUTE_HOURS: "24", CASE_REOPEN_WINDOW_DAYS: "365" })).toEqual([]);
  });
});
