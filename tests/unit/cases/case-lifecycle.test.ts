import { describe, expect, it } from "vitest";
import { transition, type CaseAction, type LifecycleState } from "../../../app/cases/case-lifecycle";
import type { CaseStatus } from "../../../db/schema";

const day = 86_400_000;

function state(status: CaseStatus, overrides: Partial<LifecycleState> = {}): LifecycleState {
  return { status, acknowledgedAt: null, firstResponseAt: null, resolvedAt: null, closedAt: null, pausedAt: null, ...overrides };
}

describe("the case lifecycle", () => {
  it.each<[CaseStatus, CaseAction, CaseStatus]>([
    ["new", { type: "acknowledge" }, "acknowledged"],
    ["acknowledged", { type: "start_work" }, "in_progress"],
    ["in_progress", { type: "ask_reporter" }, "awaiting_reporter"],
    ["awaiting_reporter", { type: "reporter_replied" }, "in_progress"],
    ["in_progress", { type: "resolve", outcome: "substantiated" }, "resolved"],
    ["resolved", { type: "close" }, "closed"],
    ["new", { type: "reject" }, "rejected"],
    ["in_progress", { type: "refer", agency: "NACC" }, "referred"],
    ["acknowledged", { type: "merge", intoCaseId: "other" }, "merged"],
    ["closed", { type: "reopen", reopenWindowMs: 30 * day }, "reopened"],
    ["reopened", { type: "start_work" }, "in_progress"],
    ["in_progress", { type: "reporter_replied" }, "in_progress"],
    ["in_progress", { type: "staff_replied" }, "in_progress"],
  ])("%s —%o→ %s", (from, action, to) => {
    const result = transition(state(from, { resolvedAt: from === "closed" ? 0 : null, closedAt: from === "closed" ? 0 : null }), action, day);
    expect("state" in result && result.state.status).toBe(to);
  });

  it.each<[CaseStatus, CaseAction]>([
    ["new", { type: "close" }],
    ["new", { type: "resolve", outcome: "withdrawn" }],
    ["closed", { type: "acknowledge" }],
    ["rejected", { type: "reopen", reopenWindowMs: day }],
    ["merged", { type: "staff_replied" }],
    ["resolved", { type: "ask_reporter" }],
    ["awaiting_reporter", { type: "ask_reporter" }],
  ])("refuses %s —%o", (from, action) => {
    expect(transition(state(from), action, 0)).toEqual({ refused: "not_allowed_in_status" });
  });

  it("refuses to reopen after the window", () => {
    expect(transition(state("closed", { resolvedAt: 0, closedAt: 0 }), { type: "reopen", reopenWindowMs: 30 * day }, 31 * day)).toEqual({ refused: "reopen_window_passed" });
  });

  it("stops the resolve clock while waiting for the reporter, and says for how long", () => {
    const asked = transition(state("in_progress", { acknowledgedAt: 0 }), { type: "ask_reporter" }, 10 * day);
    expect("state" in asked && asked.state.pausedAt).toBe(10 * day);
    if (!("state" in asked)) return;
    const replied = transition(asked.state, { type: "reporter_replied" }, 13 * day);
    expect(replied).toMatchObject({ pausedMs: 3 * day, state: { status: "in_progress", pausedAt: null } });
  });

  it("records acknowledgement and first response the first time staff act", () => {
    const result = transition(state("new"), { type: "staff_replied" }, 5);
    expect(result).toMatchObject({ state: { acknowledgedAt: 5, firstResponseAt: 5, status: "new" } });
    const later = "state" in result ? transition(result.state, { type: "staff_replied" }, 9) : result;
    expect(later).toMatchObject({ state: { acknowledgedAt: 5, firstResponseAt: 5 } });
  });

  it("writes one event naming the change, with its details", () => {
    expect(transition(state("in_progress"), { type: "refer", agency: "NACC" }, 7)).toMatchObject({
      events: [{ type: "refer", fromStatus: "in_progress", toStatus: "referred", isVisibleToReporter: true, data: { agency: "NACC" } }],
    });
    expect(transition(state("in_progress"), { type: "reporter_replied" }, 7)).toMatchObject({ events: [{ type: "reporter_replied", toStatus: null }] });
  });
});
