import { describe, expect, it } from "vitest";
import { createTranslator } from "~/i18n/translate";
import { fileSizeMessage, timelineEventKey, trackingProblemMessage } from "~/ui/case-view";
import { translateFormMessage } from "~/ui/form-messages";

const english = createTranslator("en");

describe("timeline events", () => {
  it.each([
    ["filed", "Sent to the agency"],
    ["acknowledge", "Received by our staff"],
    ["start_work", "Work started"],
    ["ask_reporter", "Our staff asked you for more information"],
    ["reporter_replied", "You sent more information"],
    ["staff_replied", "Our staff replied"],
    ["resolve", "Resolved"],
    ["close", "Closed"],
    ["reject", "Not taken up"],
    ["refer", "Referred to the responsible agency"],
    ["merge", "Merged with another report about the same matter"],
    ["reopen", "Reopened"],
  ])("%s reads as a sentence", (type, sentence) => {
    expect(english(timelineEventKey(type))).toBe(sentence);
  });

  it.each(["escalate", "internal_note", "", "constructor", "toString"])("an unknown type (%j) reads as a generic update", (type) => {
    expect(timelineEventKey(type)).toBe("tracking.timeline.events.other");
  });
});

describe("timeline events for staff", () => {
  it.each([
    ["filed", "Case received"],
    ["staff_replied", "Replied to the reporter"],
    ["assigned", "Assigned"],
    ["internal_note", "Internal note added"],
    ["conflict_declared", "A staff member declared a conflict of interest"],
    ["duplicate_merged", "A duplicate case was merged into this one"],
  ])("%s reads in the staff's words", (type, sentence) => {
    expect(english(timelineEventKey(type, "staff"))).toBe(sentence);
  });

  it("tells the reporter nothing of the handling among staff", () => {
    for (const type of ["assigned", "reclassified", "internal_note", "conflict_declared", "duplicate_merged"]) {
      expect(timelineEventKey(type, "reporter")).toBe("tracking.timeline.events.other");
      expect(timelineEventKey(type, "staff")).toBe(`staffCase.timeline.events.${type}`);
    }
  });

  it.each(["escalate", "", "constructor", "toString"])("an unknown type (%j) reads as a generic update", (type) => {
    expect(timelineEventKey(type, "staff")).toBe("staffCase.timeline.events.other");
  });
});

describe("failed code lookups", () => {
  it.each([
    ["malformed", "A tracking code has 20 letters and digits, such as K7QF3-MZD88-XRWN2-C5HJ7"],
    ["mistyped", "This code seems to have a typing mistake; please compare it with the code you wrote down"],
    ["unknown", "No case matches this code; please check it again"],
  ] as const)("%s has its own message", (problem, text) => {
    expect(translateFormMessage(english, trackingProblemMessage({ problem }))).toBe(text);
  });

  it("says how long to wait when throttled, rounded up to whole minutes", () => {
    expect(translateFormMessage(english, trackingProblemMessage({ problem: "throttled", retryAfterMs: 14 * 60_000 + 1 }))).toBe(
      "Too many attempts from you; please wait about 15 minutes and try again",
    );
  });
});

describe("file sizes", () => {
  it.each([
    [0, "tracking.files.kilobytes", 1],
    [100, "tracking.files.kilobytes", 1],
    [340 * 1024, "tracking.files.kilobytes", 340],
    [1023 * 1024, "tracking.files.kilobytes", 1023],
    [1024 * 1024, "tracking.files.megabytes", 1],
    [2.44 * 1024 * 1024, "tracking.files.megabytes", 2.4],
  ])("%d bytes is %s %d", (bytes, key, size) => {
    expect(fileSizeMessage(bytes)).toEqual({ key, size });
  });
});
