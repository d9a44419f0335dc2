import type { SlaClock } from "../db.server";
import { defaultDueSoonFraction, dueSoonPercent } from "./countdown";
import type { CaseDeadlines, ClockProgress } from "./deadlines";

/**
 * `cases.due_soon_at`: the instant from which the SLA sweep must look at a case for a due-soon
 * alert, stored so that the sweep finds its candidates by an index range (`due_soon_at <= now`)
 * instead of evaluating decision 0009's inequality on every open case (docs/BENCHMARKS.md,
 * finding 3).
 *
 * It is a lower bound, never the decision itself: the ladder (`isDueSoon` with the policy's
 * fraction) still decides, so the bound only has to be early enough. It is the earliest of
 * - the instant the next deadline (`next_due_at`, which may be an executive's order) reaches the
 *   default fraction — the due-soon queue's own test, so the bound holds for that queue too; and
 * - for each running clock, the instant it reaches its policy's fraction, or the default fraction
 *   when that is smaller — what the ladder tests. Capped at the default, a fraction raised (or
 *   lowered to anything still at or above the stored bound) needs no rewrite of open cases; a
 *   category's policies saved by an administrator rewrite its open cases anyway
 *   (`refreshCategoryDueSoonAt`).
 * Null when nothing is due (`next_due_at` null: waiting for the reporter, or finished).
 */

export interface DueSoonInput {
  nextDueAt: number | null;
  /** Every clock starts at filing. */
  createdAt: number;
  pausedAt: number | null;
  deadlines: CaseDeadlines;
  progress: ClockProgress;
  /** The due-soon fraction of the case's policy for a clock; undefined when it has none (the default applies). */
  dueSoonFraction: (clock: SlaClock) => number | undefined;
}

/**
 * The first whole millisecond at which `due × percent + start × (100 − percent) ≤ now × 100`, the
 * integer test of decision 0009, holds: `isDueSoon(due, t, start, percent / 100)` is true exactly
 * for `t ≥ dueSoonMoment(…)`. Exact in doubles: every product stays far below 2⁵³.
 */
export function dueSoonMoment(dueAt: number, clockStartedAt: number, percent: number): number {
  return Math.ceil((dueAt * percent + clockStartedAt * (100 - percent)) / 100);
}

export function dueSoonAtOf({ nextDueAt, createdAt, pausedAt, deadlines, progress, dueSoonFraction }: DueSoonInput): number | null {
  if (nextDueAt === null) return null;
  const defaultPercent = dueSoonPercent(defaultDueSoonFraction);
  const running: Array<[SlaClock, number | null, number | null]> = [
    ["acknowledge", deadlines.acknowledgeDueAt, progress.acknowledgedAt],
    ["first_response", deadlines.firstResponseDueAt, progress.firstResponseAt],
    // The ladder does not alert on a paused resolve clock (its deadline moves when the wait ends).
    ["resolve", pausedAt === null ? deadlines.resolveDueAt : null, progress.resolvedAt],
  ];
  let earliest = dueSoonMoment(nextDueAt, createdAt, defaultPercent);
  for (const [clock, dueAt, metAt] of running) {
    if (dueAt === null || metAt !== null) continue;
    const percent = Math.min(dueSoonPercent(dueSoonFraction(clock) ?? defaultDueSoonFraction), defaultPercent);
    earliest = Math.min(earliest, dueSoonMoment(dueAt, createdAt, percent));
  }
  return earliest;
}
