import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config.server";

describe("the suppression threshold of /statistics", () => {
  it("is 5 unless set", () => {
    expect(parseConfig({}).statistics).toEqual({ suppressionThreshold: 5 });
  });

  it.each([
    ["1", 1],
    ["3", 3],
    ["10", 10],
  ])("reads %s", (setting, threshold) => {
    expect(parseConfig({ STATISTICS_SUPPRESSION_THRESHOLD: setting }).statistics.suppressionThreshold).toBe(threshold);
  });

  it.each([
    ["0", /at least 1/],
    // "< 2" could only mean one.
    ["2", /at least 3/],
    ["4.5", /whole number/],
    ["five", /whole number/],
    ["1001", /at most 1000/],
  ])("refuses %s, naming the setting", (setting, message) => {
    expect(() => parseConfig({ STATISTICS_SUPPRESSION_THRESHOLD: setting })).toThrow(ConfigError);
    expect(() => parseConfig({ STATISTICS_SUPPRESSION_THRESHOLD: setting })).toThrow(new RegExp(`STATISTICS_SUPPRESSION_THRESHOLD: .*${message.source}`));
  });
});
