import { addBusinessDays, type BusinessCalendar } from "../calendar/thai-calendar";
import { isOpen } from "../cases/case-lifecycle";
import type { CaseKind, CasePriority, CaseStatus, SlaClock } from "../db.server";
import { defaultDueSoonFraction, isDueSoon } from "../sla/countdown";

/**
 * The escalation ladder (ARCHITECTURE §4) as a pure rule: given a case's clocks and the time, which
 * alerts are due and which escalations apply. The sweep asks it for every case it looks at and
 * records each step once; what was already recorded is the database's to remember, not this rule's.
 *
 *   due soon → e-mail the assignee; breached → flag overdue, tell the supervisors;
 *   resolve breached by N business days, priority critical, or a corruption tip naming a senior
 *   official → escalate to the executives.
 */

export interface LadderSettings {
  alertDueSoon: boolean;
  alertBreached: boolean;
  escalateResolveBreached: boolean;
  resolveBreachedBusinessDays: number;
  escalateCriticalPriority: boolean;
  escalateSeniorOfficial: boolean;
}

/** What the ladder reads of a case: plaintext metadata only, never its content. */
export interface LadderCase {
  kind: CaseKind;
  status: CaseStatus;
  priority: CasePriority;
  namesSeniorOfficial: boolean;
  /** Every clock starts at filing. */
  createdAt: number;
  pausedAt: number | null;
  acknowledgeDueAt: number | null;
  firstResponseDueAt: number | null;
  resolveDueAt: number | null;
  acknowledgedAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
}

export const alertLevels = ["due_soon", "breached"] as const;
export type AlertLevel = (typeof alertLevels)[number];

export interface AlertStep {
  clock: SlaClock;
  level: AlertLevel;
  /** The deadline alerted about: a moved deadline may alert again, the same one never. */
  dueAt: number;
}

export const automaticEscalationRules = ["resolve_breached", "critical_priority", "senior_official"] as const;
export type AutomaticEscalationRule = (typeof automaticEscalationRules)[number];

export interface LadderSteps {
  alerts: AlertStep[];
  escalations: AutomaticEscalationRule[];
}

export interface LadderContext {
  settings: LadderSettings;
  calendar: BusinessCalendar;
  /** The due-soon fraction of the case's policy for a clock (decision 0009); the default when it has none. */
  dueSoonFraction?: (clock: SlaClock) => number | undefined;
}

interface RunningClock {
  clock: SlaClock;
  dueAt: number;
}

/**
 * The clocks still running: a clock stops when what it measures has happened, and the resolve
 * clock is paused while the case waits for the reporter (its deadline moves when the wait ends, so
 * an alert now would be about a deadline that no longer holds).
 */
export function runningClocks(state: LadderCase): RunningClock[] {
  if (!isOpen(state.status)) return [];
  const paused = state.status === "awaiting_reporter" || state.pausedAt !== null;
  const clocks: RunningClock[] = [];
  if (state.acknowledgeDueAt !== null && state.acknowledgedAt === null) clocks.push({ clock: "acknowledge", dueAt: state.acknowledgeDueAt });
  if (state.firstResponseDueAt !== null && state.firstResponseAt === null) clocks.push({ clock: "first_response", dueAt: state.firstResponseDueAt });
  if (state.resolveDueAt !== null && state.resolvedAt === null && !paused) clocks.push({ clock: "resolve", dueAt: state.resolveDueAt });
  return clocks;
}

/**
 * Every step the ladder asks for now. A deadline passes at its instant (due at 10:00 is breached at
 * 10:00, as the countdown reads it). A clock found already breached gets no due-soon alert: the
 * warning would arrive after the fact.
 */
export function ladderSteps(state: LadderCase, now: number, { settings, calendar, dueSoonFraction }: LadderContext): LadderSteps {
  if (!isOpen(state.status)) return { alerts: [], escalations: [] };
  const alerts: AlertStep[] = [];
  const clocks = runningClocks(state);
  for (const { clock, dueAt } of clocks) {
    if (now >= dueAt) {
      if (settings.alertBreached) alerts.push({ clock, level: "breached", dueAt });
    } else if (settings.alertDueSoon && isDueSoon(dueAt, now, state.createdAt, dueSoonFraction?.(clock) ?? defaultDueSoonFraction)) {
      alerts.push({ clock, level: "due_soon", dueAt });
    }
  }

  const escalations: AutomaticEscalationRule[] = [];
  const resolve = clocks.find((running) => running.clock === "resolve");
  if (settings.escalateResolveBreached && resolve && now >= addBusinessDays(resolve.dueAt, settings.resolveBreachedBusinessDays, calendar)) {
    escalations.push("resolve_breached");
  }
  if (settings.escalateCriticalPriority && state.priority === "critical") escalations.push("critical_priority");
  if (settings.escalateSeniorOfficial && state.kind === "corruption_tip" && state.namesSeniorOfficial) escalations.push("senior_official");
  return { alerts, escalations };
}

/** The key under which the database keeps an alert unique (sla_alerts_once_unique). */
export function alertKey(alert: AlertStep): string {
  return `${alert.clock}:${alert.level}:${alert.dueAt}`;
}

export interface DoneSteps {
  alertKeys: ReadonlySet<string>;
  rules: ReadonlySet<string>;
}

/** The steps not recorded yet: what a sweep still has to do for the case. */
export function pendingSteps(steps: LadderSteps, done: DoneSteps): LadderSteps {
  return {
    alerts: steps.alerts.filter((alert) => !done.alertKeys.has(alertKey(alert))),
    escalations: steps.escalations.filter((rule) => !done.rules.has(rule)),
  };
}

export function hasSteps(steps: LadderSteps): boolean {
  return steps.alerts.length > 0 || steps.escalations.length > 0;
}
