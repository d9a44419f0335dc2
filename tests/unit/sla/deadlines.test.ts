import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "../../../app/calendar/thai-calendar";
import { deadlineAfter, deadlinesFromFiling, nextDeadline, type ClockPolicy } from "../../../app/sla/deadlines";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const calendar = createBusinessCalendar(["2026-12-05", "2026-12-07", "2026-12-10", "2026-12-31", "2027-01-01"]);

describe("deadlines", () => {
  it.each([
    ["calendar days run through weekends", "2026-11-27T10:00:00", { amount: 15, unit: "calendar_days" }, "2026-12-12T10:00:00"],
    ["business days skip the weekend", "2026-11-27T10:00:00", { amount: 1, unit: "business_days" }, "2026-11-30T10:00:00"],
    ["business days skip holidays and their substitution days", "2026-12-04T09:00:00", { amount: 3, unit: "business_days" }, "2026-12-11T09:00:00"],
    ["business days skip the New Year", "2026-12-30T16:00:00", { amount: 2, unit: "business_days" }, "2027-01-05T16:00:00"],
    ["hours are hours", "2026-11-27T22:00:00", { amount: 4, unit: "hours" }, "2026-11-28T02:00:00"],
  ] as const)("%s", (_name, start, policy, due) => {
    expect(new Date(deadlineAfter(bangkok(start), policy, calendar)).toISOString()).toBe(new Date(bangkok(due)).toISOString());
  });

  const policies: ClockPolicy[] = [
    { clock: "acknowledge", amount: 3, unit: "business_days", dueSoonFraction: 0.75 },
    { clock: "first_response", amount: 15, unit: "business_days", dueSoonFraction: 0.75 },
    { clock: "resolve", amount: 90, unit: "calendar_days", dueSoonFraction: 0.75 },
  ];

  it("start every clock at filing, and leave out clocks a category does not have", () => {
    const filed = bangkok("2026-11-25T10:00:00");
    expect(deadlinesFromFiling(filed, policies, calendar)).toEqual({
      acknowledgeDueAt: bangkok("2026-11-30T10:00:00"),
      firstResponseDueAt: bangkok("2026-12-18T10:00:00"),
      resolveDueAt: bangkok("2027-02-23T10:00:00"),
    });
    expect(deadlinesFromFiling(filed, policies.slice(0, 1), calendar)).toMatchObject({ firstResponseDueAt: null, resolveDueAt: null });
  });

  it.each([
    ["acknowledge first", { acknowledgedAt: null, firstResponseAt: null, resolvedAt: null }, { clock: "acknowledge", dueAt: 10 }],
    ["then the first response", { acknowledgedAt: 5, firstResponseAt: null, resolvedAt: null }, { clock: "first_response", dueAt: 20 }],
    ["then resolving", { acknowledgedAt: 5, firstResponseAt: 6, resolvedAt: null }, { clock: "resolve", dueAt: 30 }],
    ["nothing once resolved", { acknowledgedAt: 5, firstResponseAt: 6, resolvedAt: 7 }, null],
  ] as const)("next deadline: %s", (_name, progress, expected) => {
    expect(nextDeadline({ acknowledgeDueAt: 10, firstResponseDueAt: 20, resolveDueAt: 30 }, progress)).toEqual(expected);
  });

  it("picks the earliest open clock even when a later clock is due first", () => {
    expect(nextDeadline({ acknowledgeDueAt: 50, firstResponseDueAt: 20, resolveDueAt: null }, { acknowledgedAt: null, firstResponseAt: null, resolvedAt: null })).toEqual({ clock: "first_response", dueAt: 20 });
  });
});
