import type { BusinessCalendar } from "~/calendar/thai-calendar";
import { isOpen } from "~/cases/case-lifecycle";
import type { SlaClock } from "~/db.server";
import { countdown, type Countdown } from "~/sla/countdown";
import type { Workspace } from "./types";

export type ClockState =
  | { state: "met"; at: number }
  | { state: "running"; countdown: Countdown }
  | { state: "paused" }
  | { state: "stopped" };

export interface DeadlineRow {
  clock: SlaClock;
  dueAt: number;
  isNext: boolean;
  clockState: ClockState;
}

/** Each clock with a deadline, and where it stands now in business time of the agency's calendar. */
export function deadlineRows(
  workspace: Workspace,
  calendar: BusinessCalendar,
  now: number
): DeadlineRow[] {
  const clocks: Array<{
    clock: SlaClock;
    dueAt: number | null;
    metAt: number | null;
  }> = [
    {
      clock: "acknowledge",
      dueAt: workspace.deadlines.acknowledgeDueAt,
      metAt: workspace.progress.acknowledgedAt,
    },
    {
      clock: "first_response",
      dueAt: workspace.deadlines.firstResponseDueAt,
      metAt: workspace.progress.firstResponseAt,
    },
    {
      clock: "resolve",
      dueAt: workspace.deadlines.resolveDueAt,
      metAt: workspace.progress.resolvedAt,
    },
  ];
  const rows: DeadlineRow[] = [];
  for (const { clock, dueAt, metAt } of clocks) {
    if (dueAt === null) continue;
    let clockState: ClockState;
    if (metAt !== null) clockState = { state: "met", at: metAt };
    else if (clock === "resolve" && workspace.progress.pausedAt !== null)
      clockState = { state: "paused" };
    else if (!isOpen(workspace.status)) clockState = { state: "stopped" };
    else
      clockState = {
        state: "running",
        countdown: countdown({
          dueAt,
          now,
          clockStartedAt: workspace.createdAt,
          calendar,
        }),
      };
    rows.push({
      clock,
      dueAt,
      isNext: workspace.nextDeadline?.clock === clock,
      clockState,
    });
  }
  return rows;
}
