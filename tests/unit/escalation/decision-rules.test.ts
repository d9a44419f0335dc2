import { describe, expect, it } from "vitest";
import { startOfBangkokDay } from "../../../app/calendar/thai-calendar";
import { ageInDays, nextDueWithOrder, parseDecision, previousMonthOf, summaryMonthOf } from "../../../app/escalation/decision-rules";

// 2026-11-20 10:00 in Bangkok.
const now = Date.UTC(2026, 10, 20, 3, 0, 0);

describe("parseDecision", () => {
  it.each([
    ["a note is required", { decision: "close", note: "  " }, [{ field: "note", message: "validation.required" }]],
    ["the decision must be one of the list", { decision: "dismiss_the_reporter", note: "x" }, [{ field: "decision", message: "validation.chooseOne" }]],
    ["an order needs a due date", { decision: "order_action", note: "x" }, [{ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueMissing" }]],
    ["a due date is a real day", { decision: "order_action", note: "x", actionDueOn: "2026-02-30" }, [{ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueInvalid" }]],
    ["today is too soon (Bangkok)", { decision: "order_action", note: "x", actionDueOn: "2026-11-20" }, [{ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueOutOfRange" }]],
    ["more than a year is a typo", { decision: "order_action", note: "x", actionDueOn: "2027-11-22" }, [{ field: "actionDueOn", message: "escalations.decisionForm.problems.actionDueOutOfRange" }]],
    ["every problem at once", { note: "" }, [
      { field: "decision", message: "validation.chooseOne" },
      { field: "note", message: "validation.required" },
    ]],
  ])("refuses: %s", (_name, input, issues) => {
    expect(parseDecision(input, now)).toEqual({ issues });
  });

  it("makes an order's due day a deadline at the end of that day in Bangkok", () => {
    expect(parseDecision({ decision: "order_action", note: " ตั้งกรรมการ ", actionDueOn: "2026-11-21" }, now)).toEqual({
      decision: { decision: "order_action", note: "ตั้งกรรมการ", actionDueAt: startOfBangkokDay("2026-11-22") - 1 },
    });
  });

  it.each(["appoint_committee", "refer_nacc", "refer_police", "return_to_team", "close"])("ignores a due date for %s", (decision) => {
    expect(parseDecision({ decision, note: "บันทึก", actionDueOn: "not a date" }, now)).toEqual({ decision: { decision, note: "บันทึก", actionDueAt: null } });
  });
});

describe("nextDueWithOrder", () => {
  it.each([
    [null, 500, 500],
    [400, 500, 400],
    [600, 500, 500],
  ])("next due %s with an order due %s → %s", (current, order, expected) => {
    expect(nextDueWithOrder(current, order)).toBe(expected);
  });
});

describe("the summary's month", () => {
  it.each([
    // Bangkok is 7 hours ahead: 30 Nov 17:30 UTC is already 1 December there.
    [Date.UTC(2026, 10, 30, 17, 30), "2026-11"],
    [Date.UTC(2026, 10, 30, 16, 30), "2026-10"],
    [Date.UTC(2027, 0, 1, 0, 0), "2026-12"],
  ])("the month before %s is %s", (at, key) => {
    expect(previousMonthOf(at).key).toBe(key);
  });

  it("spans Bangkok midnights, start inclusive and end exclusive", () => {
    expect(summaryMonthOf("2026-12")!.range).toEqual({ start: startOfBangkokDay("2026-12-01"), end: startOfBangkokDay("2027-01-01") });
  });

  it.each(["2026-13", "26-01", "2026-1", ""])("reads %j as no month", (key) => {
    expect(summaryMonthOf(key)).toBeNull();
  });
});

describe("ageInDays", () => {
  it.each([
    [0, 0],
    [86_399_999, 0],
    [86_400_000, 1],
    [-5, 0],
  ])("%s ms old is %s days", (elapsed, days) => {
    expect(ageInDays(now - elapsed, now)).toBe(days);
  });
});
