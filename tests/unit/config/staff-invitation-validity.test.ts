import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config.server";

const hour = 3_600_000;

function problemsOf(environment: Record<string, string>): string[] {
  try {
    parseConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("STAFF_INVITATION_VALID_HOURS", () => {
  it("defaults to 72 hours, enough for an invitation sent before a long weekend", () => {
    expect(parseConfig({}).staffInvitationValidityMs).toBe(72 * hour);
  });

  it.each([
    ["1", 1],
    ["24", 24],
    ["336", 336],
  ])("reads %s as that many hours", (value, hours) => {
    expect(parseConfig({ STAFF_INVITATION_VALID_HOURS: value }).staffInvitationValidityMs).toBe(hours * hour);
  });

  it.each([
    ["0", "STAFF_INVITATION_VALID_HOURS: must be at least 1"],
    ["337", "STAFF_INVITATION_VALID_HOURS: must be at most 336"],
    ["2.5", "STAFF_INVITATION_VALID_HOURS: must be a whole number"],
    ["three days", "STAFF_INVITATION_VALID_HOURS: must be a whole number"],
  ])("refuses %s", (value, problem) => {
    expect(problemsOf({ STAFF_INVITATION_VALID_HOURS: value })).toContain(problem);
  });
});
