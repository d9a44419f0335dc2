import { businessMillisecondsBetween, type BusinessCalendar } from "../calendar/thai-calendar";
import type { PauseInterval } from "../sla/deadlines";
import type { DurationValue, RatioValue } from "./metric-definitions";

/**
 * The arithmetic of the figures, as pure functions: per cents, medians and percentiles, and
 * business-day durations. Kept apart from the queries so each rule is tested on its own.
 */

const dayMs = 24 * 60 * 60 * 1000;

/** Rounded half away from zero to `places` decimals, without the binary surprises of `toFixed`. */
export function roundTo(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON * factor) / factor;
}

export function ratioOf(met: number, total: number): RatioValue {
  return { met, total, percent: total === 0 ? null : roundTo((met / total) * 100, 2) };
}

/**
 * The `fraction` quantile by linear interpolation between the closest ranks — what PostgreSQL's
 * `percentile_cont` computes, so the figure would not change if it moved into SQL one day.
 */
export function percentile(values: readonly number[], fraction: number): number | null {
  return percentileOfSorted([...values].sort((first, second) => first - second), fraction);
}

function percentileOfSorted(sorted: ArrayLike<number>, fraction: number): number | null {
  if (fraction < 0 || fraction > 1) throw new RangeError(`fraction must be within 0 and 1, got ${fraction}`);
  if (sorted.length === 0) return null;
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const below = sorted[lower]!;
  const above = sorted[upper]!;
  return below + (above - below) * (position - lower);
}

/** Median and 90th percentile of durations in business days, each to two decimals. */
export function durationSummary(businessDays: readonly number[]): DurationValue {
  // One sort for both figures: a year's sample is hundreds of thousands of durations.
  const sorted = Float64Array.from(businessDays).sort();
  const median = percentileOfSorted(sorted, 0.5);
  const percentile90 = percentileOfSorted(sorted, 0.9);
  return {
    count: businessDays.length,
    median: median === null ? null : roundTo(median, 2),
    percentile90: percentile90 === null ? null : roundTo(percentile90, 2),
  };
}

/**
 * Business days from `start` to `end` (whole Bangkok days of 24 h, weekends and holidays not
 * counted, as the SLA clocks count them — decision 0010), less the business time of the pauses
 * that fall between them.
 */
export function businessDaysElapsed(start: number, end: number, calendar: BusinessCalendar, pauses: readonly PauseInterval[] = []): number {
  let businessMs = businessMillisecondsBetween(start, end, calendar);
  for (const pause of pauses) {
    const pauseStart = Math.max(pause.start, start);
    const pauseEnd = Math.min(pause.end ?? end, end);
    if (pauseEnd > pauseStart) businessMs -= businessMillisecondsBetween(pauseStart, pauseEnd, calendar);
  }
  return Math.max(0, businessMs) / dayMs;
}
