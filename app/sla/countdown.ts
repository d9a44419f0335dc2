import { businessDaysBetween, type BusinessCalendar } from "../calendar/thai-calendar";

/** Where a running clock stands: what a queue row colours and reads out. */
export type CountdownState = "on_track" | "due_soon" | "overdue";

export interface Countdown {
  state: CountdownState;
  /** Whole business days left — or, when overdue, by which the deadline has passed. */
  businessDays: number;
  /** Hours of business time left (or overdue) beyond the whole days: 0–23. */
  hours: number;
}

export interface CountdownInput {
  dueAt: number;
  now: number;
  /** When the clock started (every clock starts at filing). */
  clockStartedAt: number;
  calendar: BusinessCalendar;
  /** Fraction of the clock elapsed from which it counts as due soon; the policies' default is 0.75. */
  dueSoonFraction?: number;
}

export const defaultDueSoonFraction = 0.75;

const hourMs = 60 * 60 * 1000;
const dayMs = 24 * hourMs;

/** The fraction as whole percent: the queue's SQL compares integers, and this must decide the same. */
export function dueSoonPercent(fraction: number): number {
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new RangeError(`dueSoonFraction must be within 0–1, got ${fraction}`);
  return Math.round(fraction * 100);
}

/**
 * Due soon once `fraction` of the clock's time has elapsed, measured in elapsed time (not business
 * time): the queue's `due_soon` tab selects rows by exactly this inequality in SQL, over indexed
 * columns, so a row listed there never reads "on track", and the reverse. The deadline itself
 * already carries the business-day rule of its policy.
 */
export function isDueSoon(dueAt: number, now: number, clockStartedAt: number, fraction = defaultDueSoonFraction): boolean {
  const percent = dueSoonPercent(fraction);
  return dueAt * percent + clockStartedAt * (100 - percent) <= now * 100;
}

/**
 * Time left on a clock (or past it) in business days and hours of the agency's calendar, and
 * whether it is on track, due soon or overdue. A deadline passes at its instant: due at 10:00 is
 * overdue at 10:00.
 */
export function countdown({ dueAt, now, clockStartedAt, calendar, dueSoonFraction = defaultDueSoonFraction }: CountdownInput): Countdown {
  const state: CountdownState = now >= dueAt ? "overdue" : isDueSoon(dueAt, now, clockStartedAt, dueSoonFraction) ? "due_soon" : "on_track";
  // Rounded to the millisecond first, so 0.75 of a day does not come out as 17.999… hours.
  const businessMs = Math.round(Math.abs(businessDaysBetween(now, dueAt, calendar)) * dayMs);
  return { state, businessDays: Math.floor(businessMs / dayMs), hours: Math.floor((businessMs % dayMs) / hourMs) };
}
