import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config.server";
import { endedBefore, retentionCutoff } from "../../../app/retention/retention-period";

const day = 24 * 60 * 60_000;
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe("the retention cutoff", () => {
  it.each([
    ["2032-06-15T03:00:00", 5, "2027-06-15T03:00:00"],
    ["2032-06-15T03:00:00", 1, "2031-06-15T03:00:00"],
    ["2030-01-01T00:00:00", 30, "2000-01-01T00:00:00"],
    // 29 February has no twin five years earlier: the period runs to 1 March, never shorter.
    ["2032-02-29T12:00:00", 5, "2027-03-01T12:00:00"],
    ["2032-02-29T12:00:00", 4, "2028-02-29T12:00:00"],
  ])("at %s, %i years back is %s", (now, years, cutoff) => {
    expect(retentionCutoff(utc(now), years)).toBe(utc(cutoff));
  });

  it("is the reopening window's when that is later, so a case that may be reopened is never ended", () => {
    const now = utc("2032-06-15T03:00:00");
    expect(endedBefore(now, 5, 30 * day)).toBe(retentionCutoff(now, 5));
    expect(endedBefore(now, 1, 400 * day)).toBe(now - 400 * day);
  });
});

describe("RETENTION_YEARS", () => {
  const problemsOf = (value: string) => {
    try {
      parseConfig({ RETENTION_YEARS: value });
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
  };

  it("defaults to the five years the privacy notice promised", () => {
    expect(parseConfig({}).retention).toEqual({ years: 5 });
    expect(parseConfig({ RETENTION_YEARS: "10" }).retention).toEqual({ years: 10 });
  });

  it.each(["0", "31", "2.5", "five"])("refuses %s, naming the setting", (value) => {
    expect(problemsOf(value)).toEqual([expect.stringMatching(/^RETENTION_YEARS: /)]);
  });
});
