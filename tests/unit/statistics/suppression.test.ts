import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suppressCells, SuppressionInputError, withheldCells, type PublishedFigure, type StatisticCell } from "../../../app/statistics/suppression";

/*
 * Decision 0013: counts from 1 to threshold − 1 are never printed; a figure following from a
 * withheld one is withheld; a withheld figure whose inputs are all printed gets its smallest
 * non-zero input withheld. So printed figures come from printed base counts alone.
 */

const threshold = 5;

function published(cells: StatisticCell[], at = threshold): Record<string, PublishedFigure> {
  return Object.fromEntries(suppressCells(cells, at));
}

const shown = (value: number): PublishedFigure => ({ state: "shown", value });
const below: PublishedFigure = { state: "belowThreshold", threshold };
const withheld: PublishedFigure = { state: "withheld" };

/** A column of months with a half-year total: the simplest hierarchy. */
function column(months: number[]): StatisticCell[] {
  const cells = months.map((value, index) => ({ id: `m${index + 1}`, value }));
  return [...cells, { id: "half", value: months.reduce((total, value) => total + value, 0), sumOf: cells.map((cell) => cell.id) }];
}

describe("the rules on examples", () => {
  it("prints zero and counts at or above the threshold as they are", () => {
    expect(published(column([0, 5, 12, 0]))).toEqual({ m1: shown(0), m2: shown(5), m3: shown(12), m4: shown(0), half: shown(17) });
  });

  it("shows a count from 1 to 4 as “< 5”, never the number", () => {
    for (const value of [1, 2, 3, 4]) expect(published(column([value, 0]))).toMatchObject({ m1: below, m2: shown(0) });
  });

  it("withholds a total whose parts include a small count, so it cannot be recovered by subtraction", () => {
    // Printing 13 beside the 10 would reveal the 3.
    expect(published(column([3, 10, 0]))).toEqual({ m1: below, m2: shown(10), m3: shown(0), half: withheld });
  });

  it("says only “withheld” of a total under the threshold: “< 5” on it would bound its small parts", () => {
    // Four months "< 5" under a half year "< 5" could only be one each.
    expect(published(column([1, 1, 1, 1]))).toMatchObject({ half: withheld });
  });

  it("withholds up the hierarchy: a small month hides its half year and the year, not the other half", () => {
    const cells: StatisticCell[] = [
      { id: "m1", value: 2 },
      { id: "m2", value: 8 },
      { id: "m3", value: 6 },
      { id: "m4", value: 9 },
      { id: "h1", value: 10, sumOf: ["m1", "m2"] },
      { id: "h2", value: 15, sumOf: ["m3", "m4"] },
      { id: "year", value: 25, sumOf: ["h1", "h2"] },
    ];
    expect(published(cells)).toEqual({ m1: below, m2: shown(8), m3: shown(6), m4: shown(9), h1: withheld, h2: shown(15), year: withheld });
  });

  it("withholds a row total when one of its parts is small, and the column total of that part", () => {
    const cells: StatisticCell[] = [
      { id: "oct.substantiated", value: 2 },
      { id: "oct.unsubstantiated", value: 7 },
      { id: "oct.completed", value: 9, sumOf: ["oct.substantiated", "oct.unsubstantiated"] },
      { id: "nov.substantiated", value: 6 },
      { id: "nov.unsubstantiated", value: 0 },
      { id: "nov.completed", value: 6, sumOf: ["nov.substantiated", "nov.unsubstantiated"] },
      { id: "half.substantiated", value: 8, sumOf: ["oct.substantiated", "nov.substantiated"] },
      { id: "half.unsubstantiated", value: 7, sumOf: ["oct.unsubstantiated", "nov.unsubstantiated"] },
      { id: "half.completed", value: 15, sumOf: ["oct.completed", "nov.completed"] },
    ];
    expect(published(cells)).toEqual({
      "oct.substantiated": below,
      "oct.unsubstantiated": shown(7),
      "oct.completed": withheld,
      "nov.substantiated": shown(6),
      "nov.unsubstantiated": shown(0),
      "nov.completed": shown(6),
      "half.substantiated": withheld,
      "half.unsubstantiated": shown(7),
      "half.completed": withheld,
    });
  });

  it("protects a small stock whose flows are all large by withholding its smallest non-zero base flow", () => {
    // In progress fell from 10 to 2: printing the 6 received and the 14 completed would give the 2 away.
    const cells: StatisticCell[] = [
      { id: "sep.inProgress", value: 10 },
      { id: "oct.received", value: 6 },
      { id: "oct.outcome", value: 14 },
      { id: "oct.completed", value: 14, sumOf: ["oct.outcome"] },
      { id: "oct.inProgress", value: 2, follows: ["sep.inProgress", "oct.received", "oct.completed"] },
    ];
    expect(published(cells)).toEqual({
      "sep.inProgress": shown(10),
      "oct.received": withheld,
      "oct.outcome": shown(14),
      "oct.completed": shown(14),
      "oct.inProgress": withheld,
    });
  });

  it("withholds every later stock once one flow behind it is withheld", () => {
    const cells: StatisticCell[] = [
      { id: "oct.received", value: 3 },
      { id: "oct.inProgress", value: 12, follows: ["oct.received"] },
      { id: "nov.received", value: 0 },
      { id: "nov.inProgress", value: 12, follows: ["oct.inProgress", "nov.received"] },
    ];
    expect(published(cells)).toMatchObject({ "oct.inProgress": withheld, "nov.inProgress": withheld, "nov.received": shown(0) });
  });

  it("publishes everything at threshold 1", () => {
    expect(published(column([1, 2, 0]), 1)).toEqual({ m1: shown(1), m2: shown(2), m3: shown(0), half: shown(3) });
  });

  it("refuses cells it cannot vouch for", () => {
    expect(() => withheldCells(column([1, 2]), 0)).toThrow(SuppressionInputError);
    expect(() => withheldCells(column([1, 2]), 2.5)).toThrow(SuppressionInputError);
    expect(() => withheldCells([{ id: "a", value: -1 }], threshold)).toThrow(/must be a count/);
    expect(() => withheldCells([{ id: "a", value: 1.5 }], threshold)).toThrow(/must be a count/);
    expect(() => withheldCells([{ id: "a", value: 1 }, { id: "a", value: 2 }], threshold)).toThrow(/twice/);
    expect(() => withheldCells([{ id: "a", value: 1, sumOf: ["b"] }], threshold)).toThrow(/unknown cell b/);
    expect(() => withheldCells([{ id: "a", value: 1, follows: ["a"] }], threshold)).toThrow(/itself/);
    expect(() => withheldCells([{ id: "b", value: 2 }, { id: "a", value: 3, sumOf: ["b"] }], threshold)).toThrow(/add up to 2/);
  });
});

/**
 * A random table shaped like the page's: months × outcome columns, a received column, completed as
 * the row total, half years and the year as column totals, and an in-progress stock following the
 * month before and the month's flows. Counts lean small, where suppression matters.
 */
const tableArbitrary = fc
  .record({
    months: fc.integer({ min: 1, max: 12 }),
    outcomes: fc.integer({ min: 1, max: 4 }),
    withStock: fc.boolean(),
    counts: fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 })), { minLength: 12 * 6, maxLength: 12 * 6 }),
    stocks: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 12, maxLength: 12 }),
    threshold: fc.integer({ min: 1, max: 10 }),
  })
  .map(({ months, outcomes, withStock, counts, stocks, threshold }) => {
    const cells: StatisticCell[] = [];
    const outcomeIds = Array.from({ length: outcomes }, (_, index) => `outcome${index}`);
    const columns = ["received", ...outcomeIds, "completed"];
    const value = new Map<string, number>();
    const add = (cell: StatisticCell) => {
      cells.push(cell);
      value.set(cell.id, cell.value);
    };
    const sum = (ids: readonly string[]) => ids.reduce((total, id) => total + value.get(id)!, 0);
    for (let month = 0; month < months; month += 1) {
      add({ id: `m${month}.received`, value: counts[month * 6]! });
      outcomeIds.forEach((outcome, index) => add({ id: `m${month}.${outcome}`, value: counts[month * 6 + 1 + index]! }));
      const parts = outcomeIds.map((outcome) => `m${month}.${outcome}`);
      add({ id: `m${month}.completed`, value: sum(parts), sumOf: parts });
      if (withStock) add({ id: `m${month}.stock`, value: stocks[month]!, follows: [...(month > 0 ? [`m${month - 1}.stock`] : []), `m${month}.received`, `m${month}.completed`] });
    }
    const halves = [Array.from({ length: Math.min(months, 6) }, (_, month) => month), Array.from({ length: Math.max(0, months - 6) }, (_, month) => month + 6)].filter((half) => half.length > 0);
    halves.forEach((half, index) => {
      for (const column of columns) {
        const parts = half.map((month) => `m${month}.${column}`);
        add({ id: `h${index}.${column}`, value: sum(parts), sumOf: parts });
      }
    });
    for (const column of columns) {
      const parts = halves.map((_, index) => `h${index}.${column}`);
      add({ id: `year.${column}`, value: sum(parts), sumOf: parts });
    }
    return { cells, threshold };
  });

const inputsOf = (cell: StatisticCell) => [...(cell.sumOf ?? []), ...(cell.follows ?? [])];

describe("the guarantees, on random tables", () => {
  it("never prints a count from 1 to threshold − 1, and prints every zero count", () => {
    fc.assert(
      fc.property(tableArbitrary, ({ cells, threshold }) => {
        const figures = suppressCells(cells, threshold);
        for (const cell of cells) {
          const figure = figures.get(cell.id)!;
          if (figure.state === "shown") expect(figure.value === 0 || figure.value >= threshold).toBe(true);
          if (cell.value > 0 && cell.value < threshold) expect(figure.state).not.toBe("shown");
          if (cell.value === 0 && cell.follows === undefined) expect(figure).toEqual({ state: "shown", value: 0 });
          // "< N" is only ever said of a small base count, and is then true.
          if (figure.state === "belowThreshold") expect(inputsOf(cell).length === 0 && cell.value >= 1 && cell.value < threshold).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("prints a total only with all its parts, and then it is their sum", () => {
    fc.assert(
      fc.property(tableArbitrary, ({ cells, threshold }) => {
        const figures = suppressCells(cells, threshold);
        for (const cell of cells) {
          const figure = figures.get(cell.id)!;
          if (figure.state !== "shown" || !cell.sumOf) continue;
          const parts = cell.sumOf.map((id) => figures.get(id)!);
          expect(parts.every((part) => part.state === "shown")).toBe(true);
          expect(parts.reduce((total, part) => total + (part.state === "shown" ? part.value : 0), 0)).toBe(figure.value);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("leaves no total equation with exactly one unknown, and no withheld figure computable from printed inputs", () => {
    fc.assert(
      fc.property(tableArbitrary, ({ cells, threshold }) => {
        const hidden = withheldCells(cells, threshold);
        for (const cell of cells) {
          const inputs = inputsOf(cell);
          if (inputs.length === 0) continue;
          if (cell.sumOf) {
            const unknowns = [cell.id, ...cell.sumOf].filter((id) => hidden.has(id)).length;
            expect(unknowns === 0 || unknowns >= 2).toBe(true);
          }
          // A printed figure follows from printed inputs only; a withheld one from at least one withheld
          // input — unless nothing on the page could give it away (a stock with no non-zero flow behind it).
          if (!hidden.has(cell.id)) expect(inputs.every((input) => !hidden.has(input))).toBe(true);
          else if (inputs.some((input) => cells.find((other) => other.id === input)!.value > 0)) expect(inputs.some((input) => hidden.has(input))).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
