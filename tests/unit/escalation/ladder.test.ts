import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "../../../app/calendar/thai-calendar";
import { thaiPublicHolidayDateKeys } from "../../../app/calendar/thai-holidays";
import type { CaseStatus } from "../../../app/db.server";
import { alertKey, ladderSteps, pendingSteps, runningClocks, type LadderCase, type LadderSettings } from "../../../app/escalation/ladder";

/** An instant written as Bangkok wall-clock time, e.g. "2026-11-25 10:00". */
const bangkok = (wallClock: string): number => Date.parse(`${wallClock.replace(" ", "T")}:00+07:00`);
const calendar = createBusinessCalendar(thaiPublicHolidayDateKeys);

const everyStep: LadderSettings = {
  alertDueSoon: true,
  alertBreached: true,
  escalateResolveBreached: true,
  resolveBreachedBusinessDays: 5,
  escalateCriticalPriority: true,
  escalateSeniorOfficial: true,
};

// Filed Monday 2 Nov 2026 10:00: acknowledge in 3 business days (Thu 5 Nov 10:00), first response
// on Mon 16 Nov, resolve on Wed 2 Dec 10:00; 5 business days after that is Fri 11 Dec 10:00
// (Sat 5 Dec is a holiday, Mon 7 Dec its substitution, Thu 10 Dec Constitution Day).
const filed: LadderCase = {
  kind: "corruption_tip",
  status: "new",
  priority: "normal",
  namesSeniorOfficial: false,
  createdAt: bangkok("2026-11-02 10:00"),
  pausedAt: null,
  acknowledgeDueAt: bangkok("2026-11-05 10:00"),
  firstResponseDueAt: bangkok("2026-11-16 10:00"),
  resolveDueAt: bangkok("2026-12-02 10:00"),
  acknowledgedAt: null,
  firstResponseAt: null,
  resolvedAt: null,
};
const working: LadderCase = { ...filed, status: "in_progress", acknowledgedAt: bangkok("2026-11-03 09:00"), firstResponseAt: bangkok("2026-11-04 09:00") };

const steps = (state: LadderCase, now: string, settings: LadderSettings = everyStep) => {
  const found = ladderSteps(state, bangkok(now), { settings, calendar });
  return { alerts: found.alerts.map((alert) => `${alert.clock}:${alert.level}`), escalations: found.escalations };
};

describe("alerts on the clocks", () => {
  it.each([
    // case      now                 alerts                                   why
    [filed, "2026-11-03 10:00", [], "a third of the acknowledgement clock gone: on track"],
    [filed, "2026-11-04 16:00", ["acknowledge:due_soon"], "75 % of 3 days elapsed at Wed 16:00"],
    [filed, "2026-11-05 10:00", ["acknowledge:breached"], "breached at the deadline's instant, and no late due-soon warning"],
    [filed, "2026-11-13 00:00", ["acknowledge:breached", "first_response:due_soon"], "a later clock gets its own warning while the first stays breached"],
    [filed, "2026-12-02 10:00", ["acknowledge:breached", "first_response:breached", "resolve:breached"], "every clock breached"],
    [working, "2026-11-24 21:59", [], "met clocks stop; the resolve clock is not yet 75 % gone"],
    [working, "2026-11-24 22:00", ["resolve:due_soon"], "75 % of the 30 days to resolve gone"],
    [working, "2026-12-03 10:00", ["resolve:breached"], "resolve breached"],
  ] as const)("%#: at %s → %j", (state, now, expected, _why) => {
    expect(steps(state, now).alerts).toEqual(expected);
  });

  it("uses the policy's own due-soon fraction for each clock", () => {
    const found = ladderSteps(filed, bangkok("2026-11-03 12:00"), { settings: everyStep, calendar, dueSoonFraction: (clock) => (clock === "acknowledge" ? 0.25 : undefined) });
    expect(found.alerts).toEqual([{ clock: "acknowledge", level: "due_soon", dueAt: filed.acknowledgeDueAt }]);
  });

  it("pauses the resolve clock while the case waits for the reporter", () => {
    const waiting: LadderCase = { ...working, status: "awaiting_reporter", pausedAt: bangkok("2026-11-25 10:00") };
    expect(runningClocks(waiting)).toEqual([]);
    expect(steps(waiting, "2026-12-20 10:00")).toEqual({ alerts: [], escalations: [] });
  });

  it.each<CaseStatus>(["resolved", "closed", "rejected", "referred", "merged"])("asks nothing of a %s case, whatever its deadlines", (status) => {
    expect(steps({ ...filed, status, priority: "critical", namesSeniorOfficial: true }, "2027-03-01 10:00")).toEqual({ alerts: [], escalations: [] });
  });

  it.each([
    ["alertDueSoon", "2026-11-04 16:00"],
    ["alertBreached", "2026-11-05 10:00"],
  ] as const)("leaves out the alert when %s is off", (setting, now) => {
    expect(steps(filed, now, { ...everyStep, [setting]: false }).alerts).toEqual([]);
  });
});

describe("escalation rules", () => {
  it.each([
    // case                                                     now                 N  escalations                 why
    [working, "2026-12-11 09:59", 5, [], "resolve breached by less than five business days"],
    [working, "2026-12-11 10:00", 5, ["resolve_breached"], "five business days past the deadline, holidays skipped"],
    [working, "2026-12-02 10:00", 0, ["resolve_breached"], "a margin of zero escalates at the breach"],
    [{ ...working, status: "awaiting_reporter" as const, pausedAt: bangkok("2026-11-30 10:00") }, "2027-01-20 10:00", 5, [], "a paused resolve clock is not breached"],
    [{ ...working, priority: "critical" as const }, "2026-11-05 10:00", 5, ["critical_priority"], "critical priority, whatever the clocks"],
    [{ ...working, namesSeniorOfficial: true }, "2026-11-05 10:00", 5, ["senior_official"], "a corruption tip naming a senior official"],
    [{ ...working, kind: "complaint" as const, namesSeniorOfficial: true }, "2026-11-05 10:00", 5, [], "only corruption tips escalate for naming an official"],
    [{ ...working, priority: "critical" as const, namesSeniorOfficial: true }, "2026-12-11 10:00", 5, ["resolve_breached", "critical_priority", "senior_official"], "every rule at once"],
  ] as const)("%#", (state, now, businessDays, expected, _why) => {
    expect(steps(state, now, { ...everyStep, resolveBreachedBusinessDays: businessDays }).escalations).toEqual(expected);
  });

  it.each([
    ["escalateResolveBreached", "resolve_breached"],
    ["escalateCriticalPriority", "critical_priority"],
    ["escalateSeniorOfficial", "senior_official"],
  ] as const)("leaves out the rule when %s is off", (setting, rule) => {
    const everything: LadderCase = { ...working, priority: "critical", namesSeniorOfficial: true };
    const found = steps(everything, "2026-12-11 10:00", { ...everyStep, [setting]: false }).escalations;
    expect(found).toHaveLength(2);
    expect(found).not.toContain(rule);
  });
});

describe("pending steps", () => {
  it("drops what is already recorded, and keeps an alert about a moved deadline", () => {
    const found = ladderSteps({ ...working, priority: "critical" }, bangkok("2026-12-03 10:00"), { settings: everyStep, calendar });
    const recorded = { clock: "resolve" as const, level: "breached" as const, dueAt: working.resolveDueAt! };
    expect(pendingSteps(found, { alertKeys: new Set([alertKey(recorded)]), rules: new Set(["critical_priority"]) })).toEqual({ alerts: [], escalations: [] });
    const movedDeadline = { ...recorded, dueAt: working.resolveDueAt! - 86_400_000 };
    expect(pendingSteps(found, { alertKeys: new Set([alertKey(movedDeadline)]), rules: new Set() })).toEqual(found);
  });
});
