import { describe, expect, it } from "vitest";
import { bangkokDateKey, createBusinessCalendar, fiscalYearOf } from "../../../app/calendar/thai-calendar";
import { thaiPublicHolidayDateKeys } from "../../../app/calendar/thai-holidays";
import type { SlaUnit } from "../../../app/db.server";
import { caseClocks, clockDeadline, deadlineAfter, pausesFromHistory, type ClockPolicy, type PauseInterval } from "../../../app/sla/deadlines";

/** An instant written as Bangkok wall-clock time, e.g. "2026-11-25 10:00". */
const bangkok = (wallClock: string): number => Date.parse(`${wallClock.replace(" ", "T")}:00+07:00`);
/** Bangkok wall-clock text of an instant, so failures read like the tables. */
const showBangkok = (timestamp: number): string => new Date(timestamp + 7 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
const pause = (start: string, end: string | null): PauseInterval => ({ start: bangkok(start), end: end === null ? null : bangkok(end) });

const hourMs = 3_600_000;
const governmentCalendar = createBusinessCalendar(thaiPublicHolidayDateKeys);
const withoutBridgeHoliday = createBusinessCalendar(thaiPublicHolidayDateKeys.filter((date) => date !== "2026-01-02"));

// The weeks the tables use (2026): Wed 25 Nov; Sat 28, Sun 29 Nov; Sat 5 Dec a holiday, Mon 7 Dec its
// substitution; Thu 10 Dec Constitution Day. New Year 2026: 31 Dec, 1 Jan and the bridge day Fri 2 Jan.
describe("a clock without pauses", () => {
  it.each([
    // filed (Bangkok)       amount unit               due (Bangkok)        why
    ["2026-11-27 10:00", 1, "business_days", "2026-11-30 10:00", "Friday + 1 business day is Monday"],
    ["2026-12-04 09:00", 3, "business_days", "2026-12-11 09:00", "skips Sat 5 Dec, its substitution Monday and Constitution Day"],
    ["2025-12-30 10:00", 3, "business_days", "2026-01-07 10:00", "New Year with the bridge holiday: 5, 6, 7 Jan"],
    ["2026-11-30 23:30", 1, "business_days", "2026-12-01 23:30", "filed late on a business day: the clock starts at once, a business day is the whole day"],
    ["2026-11-28 15:00", 1, "business_days", "2026-12-01 00:00", "filed on a Saturday: the clock starts Monday 00:00"],
    ["2026-12-10 11:00", 3, "business_days", "2026-12-16 00:00", "filed on a holiday: the clock starts Fri 11 Dec 00:00"],
    ["2026-11-28 15:00", 15, "calendar_days", "2026-12-13 15:00", "calendar days start at once, even on a Saturday"],
    ["2026-11-28 15:00", 4, "hours", "2026-11-28 19:00", "hours start at once, even on a Saturday"],
    ["2026-11-27 22:30", 4, "hours", "2026-11-28 02:30", "hours run through midnight"],
    ["2026-09-30 23:30", 1, "business_days", "2026-10-01 23:30", "late on 30 September: due in the next fiscal year"],
    ["2026-09-30 23:30", 10, "business_days", "2026-10-15 23:30", "… and over the 13 Oct holiday"],
    ["2026-10-01 00:10", 10, "business_days", "2026-10-16 00:10", "forty minutes later, on 1 October: a business day later"],
  ] as const)("%s + %d %s → %s (%s)", (filed, amount, unit, due, _why) => {
    const deadline = clockDeadline(bangkok(filed), { amount, unit }, [], governmentCalendar);
    expect(showBangkok(deadline.dueAt)).toBe(due);
    expect(deadline.dueAt).toBe(deadlineAfter(bangkok(filed), { amount, unit }, governmentCalendar));
  });

  it("counts the bridge holiday: without it the same filing is due a day earlier", () => {
    expect(showBangkok(clockDeadline(bangkok("2025-12-30 10:00"), { amount: 3, unit: "business_days" }, [], withoutBridgeHoliday).dueAt)).toBe("2026-01-06 10:00");
  });

  it("does not depend on the server's time zone: instants in, instants out", () => {
    // 22:30 in Bangkok on Friday 27 Nov is 15:30 UTC; four hours later it is Saturday in Bangkok but still Friday in UTC.
    const filed = Date.parse("2026-11-27T15:30:00Z");
    const { dueAt } = clockDeadline(filed, { amount: 4, unit: "hours" }, [], governmentCalendar);
    expect(new Date(dueAt).toISOString()).toBe("2026-11-27T19:30:00.000Z");
    expect(bangkokDateKey(dueAt)).toBe("2026-11-28");
    // One business day from Friday 23:00 Bangkok (16:00 UTC, still Friday everywhere) is Monday 23:00 Bangkok.
    expect(new Date(clockDeadline(Date.parse("2026-11-27T16:00:00Z"), { amount: 1, unit: "business_days" }, [], governmentCalendar).dueAt).toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });

  it("puts a filing at 00:10 on 1 October in the new fiscal year, though it is still 30 September in UTC", () => {
    const filed = bangkok("2026-10-01 00:10");
    expect(new Date(filed).toISOString().slice(0, 10)).toBe("2026-09-30");
    expect([fiscalYearOf(bangkok("2026-09-30 23:30")), fiscalYearOf(filed)]).toEqual([2569, 2570]);
  });
});

describe("pauses: the resolve clock stands still while the case awaits the reporter", () => {
  const filed = "2026-11-25 10:00";
  it.each([
    // why                                        amount unit  due (Bangkok)   pauses (Bangkok)
    ["no pause", 5, "business_days", "2026-12-02 10:00", []],
    ["Friday 17:00 to Monday 09:00 takes 16 business hours", 5, "business_days", "2026-12-03 02:00", [pause("2026-11-27 17:00", "2026-11-30 09:00")]],
    ["the same pause adds its 64 hours to a calendar clock", 90, "calendar_days", "2027-02-26 02:00", [pause("2026-11-27 17:00", "2026-11-30 09:00")]],
    ["and to an hours clock", 72, "hours", "2026-12-01 02:00", [pause("2026-11-27 17:00", "2026-11-30 09:00")]],
    ["a pause within a weekend adds nothing to business days", 5, "business_days", "2026-12-02 10:00", [pause("2026-11-28 10:00", "2026-11-29 20:00")]],
    ["but 34 hours to calendar days", 30, "calendar_days", "2026-12-26 20:00", [pause("2026-11-28 10:00", "2026-11-29 20:00")]],
    ["over holidays: only the 68 business hours in the pause count", 10, "business_days", "2026-12-16 06:00", [pause("2026-12-04 12:00", "2026-12-11 08:00")]],
    ["several pauses add up: 6 + 16 business hours", 5, "business_days", "2026-12-03 08:00", [pause("2026-11-26 10:00", "2026-11-26 16:00"), pause("2026-11-27 17:00", "2026-11-30 09:00")]],
    ["in any order", 5, "business_days", "2026-12-03 08:00", [pause("2026-11-27 17:00", "2026-11-30 09:00"), pause("2026-11-26 10:00", "2026-11-26 16:00")]],
    ["a pause that begins after the deadline does not move it", 48, "hours", "2026-11-27 10:00", [pause("2026-11-27 17:00", "2026-11-30 09:00")]],
    ["nor one that begins at the deadline's instant", 48, "hours", "2026-11-27 10:00", [pause("2026-11-27 10:00", "2026-11-30 09:00")]],
    ["Friday 14:00 to Sunday: only Friday's last 10 hours count", 5, "business_days", "2026-12-02 20:00", [pause("2026-11-27 14:00", "2026-11-29 12:00")]],
  ] as const)("%s: %d %s due %s", (_why, amount, unit: SlaUnit, due, pauses) => {
    expect(clockDeadline(bangkok(filed), { amount, unit }, pauses, governmentCalendar)).toEqual({ dueAt: bangkok(due), pausedSince: null });
  });

  it("while a pause runs, the deadline is suspended where it stood when the pause began", () => {
    const pauses = [pause("2026-11-26 10:00", "2026-11-26 16:00"), pause("2026-11-27 17:00", null)];
    expect(clockDeadline(bangkok(filed), { amount: 5, unit: "business_days" }, pauses, governmentCalendar)).toEqual({
      dueAt: bangkok("2026-12-02 16:00"),
      pausedSince: bangkok("2026-11-27 17:00"),
    });
  });

  it("a pause still running that began after the deadline suspends nothing: the deadline has passed", () => {
    expect(clockDeadline(bangkok(filed), { amount: 48, unit: "hours" }, [pause("2026-11-27 17:00", null)], governmentCalendar)).toEqual({
      dueAt: bangkok("2026-11-27 10:00"),
      pausedSince: null,
    });
  });
});

describe("a case's clocks from its history", () => {
  const complaint: ClockPolicy[] = [
    { clock: "acknowledge", amount: 1, unit: "business_days", dueSoonFraction: 0.75 },
    { clock: "first_response", amount: 15, unit: "calendar_days", dueSoonFraction: 0.75 },
    { clock: "resolve", amount: 30, unit: "calendar_days", dueSoonFraction: 0.75 },
  ];
  const question: ClockPolicy[] = [
    { clock: "acknowledge", amount: 1, unit: "business_days", dueSoonFraction: 0.75 },
    { clock: "first_response", amount: 2, unit: "business_days", dueSoonFraction: 0.75 },
    { clock: "resolve", amount: 5, unit: "business_days", dueSoonFraction: 0.75 },
  ];
  const corruptionTip: ClockPolicy[] = [
    { clock: "acknowledge", amount: 3, unit: "business_days", dueSoonFraction: 0.75 },
    { clock: "first_response", amount: 15, unit: "business_days", dueSoonFraction: 0.75 },
    { clock: "resolve", amount: 90, unit: "calendar_days", dueSoonFraction: 0.75 },
  ];
  const none = { acknowledgedAt: null, firstResponseAt: null, resolvedAt: null };
  const noDeadlines = { acknowledgeDueAt: null, firstResponseDueAt: null, resolveDueAt: null };
  // A complaint filed Wednesday 25 Nov 10:00, acknowledged Thursday 09:00, asked the reporter a question
  // Thursday 10:00 (its first response), who answered on Monday 30 Nov 09:00.
  const filedAt = bangkok("2026-11-25 10:00");
  const answered = { acknowledgedAt: bangkok("2026-11-26 09:00"), firstResponseAt: bangkok("2026-11-26 10:00"), resolvedAt: null };
  const waited = [pause("2026-11-26 10:00", "2026-11-30 09:00")];
  const asComplaint = caseClocks(complaint, governmentCalendar, { clockStartedAt: filedAt, pauses: waited, progress: answered, previous: noDeadlines });

  it("a new case: every clock from filing, the earliest next", () => {
    expect(caseClocks(complaint, governmentCalendar, { clockStartedAt: filedAt, pauses: [], progress: none, previous: noDeadlines })).toEqual({
      deadlines: { acknowledgeDueAt: bangkok("2026-11-26 10:00"), firstResponseDueAt: bangkok("2026-12-10 10:00"), resolveDueAt: bangkok("2026-12-25 10:00") },
      next: { clock: "acknowledge", dueAt: bangkok("2026-11-26 10:00") },
      resolvePausedSince: null,
    });
  });

  it("the wait of 95 hours moves the 30-calendar-day resolution; the met clocks are no longer next", () => {
    expect(asComplaint.deadlines.resolveDueAt).toBe(bangkok("2026-12-29 09:00"));
    expect(asComplaint.next).toEqual({ clock: "resolve", dueAt: bangkok("2026-12-29 09:00") });
  });

  it.each([
    // new policy, why                                                              resolve due
    ["as a question, 5 business days: the wait took 47 business hours (Thu 14, Fri 24, Mon 9)", "2026-12-04 09:00", question],
    ["as a corruption tip, 90 calendar days: the wait took 95 hours", "2027-02-27 09:00", corruptionTip],
  ] as const)("reclassified %s: resolve due %s; the met clocks keep the deadlines they were measured against", (_why, due, policies: readonly ClockPolicy[]) => {
    const reclassified = caseClocks(policies, governmentCalendar, { clockStartedAt: filedAt, pauses: waited, progress: answered, previous: asComplaint.deadlines });
    expect(reclassified.deadlines).toEqual({ acknowledgeDueAt: asComplaint.deadlines.acknowledgeDueAt, firstResponseDueAt: asComplaint.deadlines.firstResponseDueAt, resolveDueAt: bangkok(due) });
    expect(reclassified.next).toEqual({ clock: "resolve", dueAt: bangkok(due) });
  });

  it("reclassified before anything happened: every clock in the new units", () => {
    const complaintDeadlines = caseClocks(complaint, governmentCalendar, { clockStartedAt: filedAt, pauses: [], progress: none, previous: noDeadlines }).deadlines;
    expect(caseClocks(corruptionTip, governmentCalendar, { clockStartedAt: filedAt, pauses: [], progress: none, previous: complaintDeadlines }).deadlines).toEqual({
      acknowledgeDueAt: bangkok("2026-11-30 10:00"),
      firstResponseDueAt: bangkok("2026-12-18 10:00"),
      resolveDueAt: bangkok("2027-02-23 10:00"),
    });
  });

  it("while the reporter is awaited, the resolve clock is suspended and nothing is next", () => {
    const waiting = caseClocks(question, governmentCalendar, { clockStartedAt: filedAt, pauses: [pause("2026-11-26 10:00", null)], progress: answered, previous: noDeadlines });
    expect(waiting).toMatchObject({ deadlines: { resolveDueAt: bangkok("2026-12-02 10:00") }, next: null, resolvePausedSince: bangkok("2026-11-26 10:00") });
  });

  it("a resolved case keeps its resolve deadline and has nothing next", () => {
    const previous = { acknowledgeDueAt: 1, firstResponseDueAt: 2, resolveDueAt: 3 };
    expect(caseClocks(question, governmentCalendar, { clockStartedAt: filedAt, pauses: [], progress: { ...answered, resolvedAt: bangkok("2026-11-27 10:00") }, previous })).toEqual({ deadlines: previous, next: null, resolvePausedSince: null });
  });

  it("a category without a clock has no such deadline", () => {
    expect(caseClocks(question.slice(0, 1), governmentCalendar, { clockStartedAt: filedAt, pauses: [], progress: none, previous: noDeadlines }).deadlines).toEqual({
      acknowledgeDueAt: bangkok("2026-11-26 10:00"),
      firstResponseDueAt: null,
      resolveDueAt: null,
    });
  });
});

describe("pauses from a case's events", () => {
  it("reads each ended wait from the event that ended it, and a wait still running from pausedAt", () => {
    const events = [
      { createdAt: 100, data: JSON.stringify({ channel: "web", attachments: 0 }) },
      { createdAt: 500, data: JSON.stringify({ pausedMs: 150 }) },
      { createdAt: 600, data: null },
      { createdAt: 900, data: JSON.stringify({ outcome: "substantiated", pausedMs: 50 }) },
    ];
    expect(pausesFromHistory(events, null)).toEqual([
      { start: 350, end: 500 },
      { start: 850, end: 900 },
    ]);
    expect(pausesFromHistory(events.slice(0, 2), 700)).toEqual([
      { start: 350, end: 500 },
      { start: 700, end: null },
    ]);
  });

  it("a business-day clock and its pauses, end to end: the reporter's weekend costs nothing", () => {
    // Asked on Friday 27 Nov 14:00, answered on Monday 30 Nov 08:00: 10 + 8 business hours.
    const events = [{ createdAt: bangkok("2026-11-30 08:00"), data: JSON.stringify({ pausedMs: bangkok("2026-11-30 08:00") - bangkok("2026-11-27 14:00") }) }];
    const { dueAt } = clockDeadline(bangkok("2026-11-25 10:00"), { amount: 5, unit: "business_days" }, pausesFromHistory(events, null), governmentCalendar);
    expect(showBangkok(dueAt)).toBe("2026-12-03 04:00");
    expect(dueAt - bangkok("2026-12-02 10:00")).toBe(18 * hourMs);
  });
});
