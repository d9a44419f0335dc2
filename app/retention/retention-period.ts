import type { CaseStatus } from "../db.server";

/**
 * When a case's retention period runs out (ARCHITECTURE §6; docs/decisions/0017): pure rules, no I/O.
 *
 * A case has ended when it reached a status it cannot leave on its own. Closing, rejecting,
 * referring and merging record the end in `closed_at`; a resolved case that nobody closed ended
 * when it was resolved (`resolved_at`), but only once it can no longer be reopened.
 */

/** The statuses whose end is recorded in `closed_at` (the lifecycle's `transition` sets it). */
export const closingStatuses = ["closed", "rejected", "referred", "merged"] as const satisfies readonly CaseStatus[];

/**
 * The instant a case must have ended before to be anonymized at `now`: `years` calendar years
 * earlier, by the UTC calendar (29 February falls back to 1 March, so the period is never short).
 */
export function retentionCutoff(now: number, years: number): number {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.getTime();
}

/**
 * The cutoff a case's end is compared with: the retention period's, or the reopening window's if
 * that is later, so a case that may still be reopened is never taken for ended. The settings'
 * bounds (a year at least against 365 days at most) make the first always the earlier one; this
 * keeps the rule true should they change.
 */
export function endedBefore(now: number, retentionYears: number, reopenWindowMs: number): number {
  return Math.min(retentionCutoff(now, retentionYears), now - reopenWindowMs);
}
