import { describe, expect, it } from "vitest";
import { isDueSoon } from "../../../app/sla/countdown";
import { dueSoonAtOf, dueSoonMoment, type DueSoonInput } from "../../../app/sla/due-soon-at";

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const filedAt = Date.parse("2026-11-02T10:00:00+07:00");

describe("dueSoonMoment", () => {
  // Odd spans and start times, so the 100-way division rounds in every direction.
  const spans = [1, 7, 99, 101, 3 * hour + 17, 2 * day + 333, 60 * day + 1];
  const starts = [filedAt, filedAt + 1, filedAt + 37, 1_700_000_000_003];
  const percents = [5, 33, 50, 75, 80, 95];
  it.each(spans.flatMap((span) => starts.flatMap((start) => percents.map((percent) => [span, start, percent] as const))))(
    "is the first millisecond isDueSoon holds (span %i ms, start %i, %i %%)",
    (span, start, percent) => {
      const due = start + span;
      const moment = dueSoonMoment(due, start, percent);
      expect(isDueSoon(due, moment, start, percent / 100)).toBe(true);
      expect(isDueSoon(due, moment - 1, start, percent / 100)).toBe(false);
    },
  );
});

describe("dueSoonAtOf", () => {
  const base: DueSoonInput = {
    nextDueAt: filedAt + 3 * day,
    createdAt: filedAt,
    pausedAt: null,
    deadlines: { acknowledgeDueAt: filedAt + 3 * day, firstResponseDueAt: filedAt + 15 * day, resolveDueAt: filedAt + 60 * day },
    progress: { acknowledgedAt: null, firstResponseAt: null, resolvedAt: null },
    dueSoonFraction: () => undefined,
  };
  const at = (percent: number, dueAt: number) => dueSoonMoment(dueAt, filedAt, percent);

  it.each<[string, Partial<DueSoonInput>, number | null]>([
    ["nothing due: no bound", { nextDueAt: null }, null],
    ["default fractions: the next deadline at 75 %", {}, at(75, filedAt + 3 * day)],
    ["a later clock with a small fraction comes first", { dueSoonFraction: (clock) => (clock === "first_response" ? 0.05 : undefined) }, at(5, filedAt + 15 * day)],
    ["a larger fraction never delays the bound past the default", { dueSoonFraction: () => 0.95 }, at(75, filedAt + 3 * day)],
    [
      "a met clock does not count",
      { nextDueAt: filedAt + 15 * day, progress: { acknowledgedAt: filedAt + hour, firstResponseAt: null, resolvedAt: null }, dueSoonFraction: (clock) => (clock === "acknowledge" ? 0.05 : undefined) },
      at(75, filedAt + 15 * day),
    ],
    [
      "a paused resolve clock does not count",
      { nextDueAt: filedAt + 15 * day, pausedAt: filedAt + day, progress: { acknowledgedAt: filedAt + hour, firstResponseAt: null, resolvedAt: null }, dueSoonFraction: (clock) => (clock === "resolve" ? 0.05 : undefined) },
      at(75, filedAt + 15 * day),
    ],
    ["an executive's order before every clock: its own 75 %", { nextDueAt: filedAt + day }, at(75, filedAt + day)],
  ])("%s", (_name, overrides, expected) => {
    expect(dueSoonAtOf({ ...base, ...overrides })).toBe(expected);
  });
});
