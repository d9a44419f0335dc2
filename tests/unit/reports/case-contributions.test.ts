import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createBusinessCalendar } from "~/calendar/thai-calendar";
import { contributeCase, type CaseFacts, type ContributionSink, type StockFigure } from "~/reports/case-contributions";

/**
 * The report once asked each case, at each period's end, "open? in progress? overdue?". It now
 * takes a case's stocks as intervals of its life, which is also what lets them be kept as sums of
 * "+1 where it begins, −1 where it ends". These tests hold the intervals to the questions as they
 * were asked, written out here in their plain form, over random histories.
 */

/** Received before the cut-off, not completed before it. */
function isOpenAt(facts: CaseFacts, cutoff: number): boolean {
  return facts.created_at < cutoff && (facts.completed_at === null || facts.completed_at >= cutoff);
}

/** Some deadline passed before the cut-off without being met by then; a resolve clock stopped before its deadline is not late. */
function isOverdueAt(facts: CaseFacts, cutoff: number): boolean {
  const { acknowledge_due_at: acknowledgeDue, first_response_due_at: firstResponseDue, resolve_due_at: resolveDue, paused_at: pausedAt } = facts;
  return (
    (acknowledgeDue !== null && acknowledgeDue < cutoff && (facts.acknowledged_at === null || facts.acknowledged_at >= cutoff)) ||
    (firstResponseDue !== null && firstResponseDue < cutoff && (facts.first_response_at === null || facts.first_response_at >= cutoff)) ||
    (resolveDue !== null && resolveDue < cutoff && !(pausedAt !== null && pausedAt < cutoff && pausedAt < resolveDue))
  );
}

function expectedStocks(facts: CaseFacts, cutoff: number): Record<StockFigure, number> {
  const open = isOpenAt(facts, cutoff);
  return {
    openAtEnd: open ? 1 : 0,
    inProgressAtEnd: open && facts.acknowledged_at !== null && facts.acknowledged_at < cutoff ? 1 : 0,
    overdueAtEnd: open && isOverdueAt(facts, cutoff) ? 1 : 0,
    corruptionOpenAtEnd: open && facts.kind === "corruption_tip" ? 1 : 0,
  };
}

interface Recorded {
  stocks: Array<{ figure: StockFigure; from: number; until: number | null }>;
}

const calendar = createBusinessCalendar([]);

function record(facts: CaseFacts): Recorded {
  const recorded: Recorded = { stocks: [] };
  const sink: ContributionSink = {
    count: () => undefined,
    countUnder: () => undefined,
    stock: (figure, from, until) => recorded.stocks.push({ figure, from, until }),
    settle: () => undefined,
    duration: () => undefined,
  };
  contributeCase(facts, calendar, () => [], sink);
  return recorded;
}

function stocksAt(recorded: Recorded, cutoff: number): Record<StockFigure, number> {
  const counts: Record<StockFigure, number> = { openAtEnd: 0, inProgressAtEnd: 0, overdueAtEnd: 0, corruptionOpenAtEnd: 0 };
  for (const { figure, from, until } of recorded.stocks) if (from < cutoff && (until === null || cutoff <= until)) counts[figure] += 1;
  return counts;
}

/** The same count as "+1 at from, −1 at until", each counted at the cut-offs after it: how kept sums would add them. */
function stocksAsDifferences(recorded: Recorded, cutoff: number): Record<StockFigure, number> {
  const counts: Record<StockFigure, number> = { openAtEnd: 0, inProgressAtEnd: 0, overdueAtEnd: 0, corruptionOpenAtEnd: 0 };
  for (const { figure, from, until } of recorded.stocks) {
    if (from < cutoff) counts[figure] += 1;
    if (until !== null && until < cutoff) counts[figure] -= 1;
  }
  return counts;
}

// Instants from a handful of values, so that equal instants (a deadline met to the millisecond) come up often.
const instant = fc.integer({ min: 0, max: 12 }).map((step) => step * 1000);
const maybe = fc.option(instant, { nil: null });

const facts: fc.Arbitrary<CaseFacts> = fc
  .record({
    kind: fc.constantFrom("complaint", "corruption_tip", "question", "suggestion" as const),
    created_at: instant,
    acknowledged_at: maybe,
    first_response_at: maybe,
    completed_at: maybe,
    acknowledge_due_at: maybe,
    first_response_due_at: maybe,
    resolve_due_at: maybe,
    paused_at: maybe,
  })
  .map((drawn) => ({
    id: "case",
    category_id: "category",
    channel: "web",
    is_anonymous: 0,
    reporter_relation: "citizen",
    status: drawn.completed_at === null ? "in_progress" : "closed",
    outcome: null,
    referred_to: null,
    fiscal_year: 2569,
    ...drawn,
  }));

describe("a case's stocks as intervals of its life", () => {
  it("count at every cut-off exactly as open, in progress, overdue and open tip were asked", () => {
    fc.assert(
      fc.property(facts, (drawn) => {
        const recorded = record(drawn);
        for (let cutoff = -500; cutoff <= 13_000; cutoff += 500) {
          expect(stocksAt(recorded, cutoff)).toEqual(expectedStocks(drawn, cutoff));
          expect(stocksAsDifferences(recorded, cutoff)).toEqual(expectedStocks(drawn, cutoff));
        }
      }),
      { numRuns: 5_000 },
    );
    // 5,000 drawn cases × 28 cut-offs take 3.3–3.6 s alone; beside the rest of the suite on a busy
    // two-CPU machine they ran past vitest's default 5 s once (CI, 2026-12-07). A budget, not a measure.
  }, 30_000);

  it("give one overdue interval for two clocks late at once, not two", () => {
    const late = record({
      id: "case",
      kind: "complaint",
      category_id: "category",
      channel: "web",
      is_anonymous: 0,
      reporter_relation: "citizen",
      status: "new",
      outcome: null,
      referred_to: null,
      fiscal_year: 2569,
      created_at: 0,
      acknowledged_at: null,
      first_response_at: null,
      completed_at: null,
      acknowledge_due_at: 1000,
      first_response_due_at: 2000,
      resolve_due_at: 3000,
      paused_at: null,
    });
    expect(late.stocks.filter((stock) => stock.figure === "overdueAtEnd")).toEqual([{ figure: "overdueAtEnd", from: 1000, until: null }]);
  });
});
