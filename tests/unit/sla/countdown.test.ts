import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "../../../app/calendar/thai-calendar";
import { countdown, isDueSoon } from "../../../app/sla/countdown";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
// 5 Dec 2026 is a Saturday, so Monday 7 Dec is its substitution day; 10 Dec is Constitution Day.
const calendar = createBusinessCalendar(["2026-12-05", "2026-12-07", "2026-12-10"]);

describe("countdown", () => {
  // A three-business-day clock filed on Wednesday 25 Nov 2026 at 10:00, due Monday 30 Nov at 10:00
  // (120 hours of elapsed time; 75 % of it has passed on Sunday at 04:00).
  const started = "2026-11-25T10:00:00";
  const due = "2026-11-30T10:00:00";

  it.each([
    ["just filed: the rest of Wednesday, Thursday, Friday and Monday morning", started, due, "2026-11-25T16:00:00", 0.75, { state: "on_track", businessDays: 2, hours: 18 }],
    ["a weekend does not count down: Sunday and Monday 00:00 read the same", started, due, "2026-11-29T03:59:59.999", 0.75, { state: "on_track", businessDays: 0, hours: 10 }],
    ["due soon from the instant 75 % of the clock has passed", started, due, "2026-11-29T04:00:00", 0.75, { state: "due_soon", businessDays: 0, hours: 10 }],
    ["due soon in the last hours", started, due, "2026-11-30T01:00:00", 0.75, { state: "due_soon", businessDays: 0, hours: 9 }],
    ["overdue at the deadline's own instant", started, due, due, 0.75, { state: "overdue", businessDays: 0, hours: 0 }],
    ["overdue by the business time since the deadline", started, due, "2026-12-01T12:00:00", 0.75, { state: "overdue", businessDays: 1, hours: 2 }],
    ["overdue across a weekend and a holiday counts business time only", started, due, "2026-12-07T12:00:00", 0.75, { state: "overdue", businessDays: 4, hours: 14 }],
    ["holidays are not business time", "2026-12-04T09:00:00", "2026-12-11T09:00:00", "2026-12-04T10:00:00", 0.75, { state: "on_track", businessDays: 2, hours: 23 }],
    ["a smaller fraction makes it due soon earlier", started, due, "2026-11-27T22:00:00", 0.5, { state: "due_soon", businessDays: 0, hours: 12 }],
    ["the same instant is on track at 75 %", started, due, "2026-11-27T22:00:00", 0.75, { state: "on_track", businessDays: 0, hours: 12 }],
    ["a fraction of 0 is due soon at once", started, due, started, 0, { state: "due_soon", businessDays: 3, hours: 0 }],
  ] as const)("%s", (_name, start, dueAt, now, dueSoonFraction, expected) => {
    expect(countdown({ dueAt: bangkok(dueAt), now: bangkok(now), clockStartedAt: bangkok(start), calendar, dueSoonFraction })).toEqual(expected);
  });

  it("uses 75 % when no fraction is given", () => {
    expect(countdown({ dueAt: bangkok(due), now: bangkok("2026-11-29T04:00:00"), clockStartedAt: bangkok(started), calendar }).state).toBe("due_soon");
  });

  it("decides due soon with the same integer inequality the queue's SQL uses", () => {
    const start = bangkok(started);
    const dueAt = bangkok(due);
    const threshold = start + 0.75 * (dueAt - start);
    expect([isDueSoon(dueAt, threshold - 1, start), isDueSoon(dueAt, threshold, start)]).toEqual([false, true]);
  });

  it.each([-0.1, 1.5, Number.NaN])("refuses a fraction of %s", (fraction) => {
    expect(() => countdown({ dueAt: bangkok(due), now: bangkok(started), clockStartedAt: bangkok(started), calendar, dueSoonFraction: fraction })).toThrow(RangeError);
  });
});
