/**
 * Small-cell suppression for the public statistics (docs/decisions/0013-statistics-suppression.md).
 * Pure: the cells of a publication go in, what may be printed in each comes out.
 *
 * A cell is either a base figure (counted directly: tips received in October) or a figure that
 * follows from others — a total (`sumOf`, checked to add up) or a stock (`follows`: in progress at
 * the end of a month follows from the month before and the month's flows). The rules, applied until
 * nothing changes:
 *   1. a cell from 1 to threshold − 1 is withheld (zero is printed: it singles no one out);
 *   2. a figure that follows from a withheld cell is withheld, so no subtraction reveals it;
 *   3. a withheld figure whose own inputs are all printed gets its smallest non-zero input withheld
 *      too (a stock can be small while every flow behind it is large).
 * So every printed figure is computed from printed base figures alone, and every withheld figure
 * depends on at least one withheld base figure.
 */

export interface StatisticCell {
  id: string;
  value: number;
  /** A total: `value` is the sum of these cells, and the suppression checks that it is. */
  sumOf?: readonly string[];
  /** A figure derivable from these cells without being their sum (a stock from the previous stock and the flows). */
  follows?: readonly string[];
}

/**
 * What a cell publishes. `belowThreshold` ("< 5") only for a base figure that is itself small; a
 * total or a stock that is withheld, and a larger figure withheld to protect a small one, say only
 * `withheld` — a "< 5" on a total would bound its small parts (four months "< 5" under a half
 * year "< 5" are one each).
 */
export type PublishedFigure = { state: "shown"; value: number } | { state: "belowThreshold"; threshold: number } | { state: "withheld" };

export class SuppressionInputError extends Error {
  override name = "SuppressionInputError";
}

function inputsOf(cell: StatisticCell): readonly string[] {
  return [...(cell.sumOf ?? []), ...(cell.follows ?? [])];
}

function validate(cells: readonly StatisticCell[], threshold: number): Map<string, StatisticCell> {
  if (!Number.isInteger(threshold) || threshold < 1) throw new SuppressionInputError(`threshold must be a whole number of at least 1, got ${threshold}`);
  const byId = new Map<string, StatisticCell>();
  for (const cell of cells) {
    if (byId.has(cell.id)) throw new SuppressionInputError(`cell ${cell.id} is listed twice`);
    if (!Number.isInteger(cell.value) || cell.value < 0) throw new SuppressionInputError(`cell ${cell.id} must be a count, got ${cell.value}`);
    byId.set(cell.id, cell);
  }
  for (const cell of cells) {
    for (const input of inputsOf(cell)) {
      if (!byId.has(input)) throw new SuppressionInputError(`cell ${cell.id} refers to unknown cell ${input}`);
      if (input === cell.id) throw new SuppressionInputError(`cell ${cell.id} refers to itself`);
    }
    if (cell.sumOf) {
      const sum = cell.sumOf.reduce((total, input) => total + byId.get(input)!.value, 0);
      // A total that does not add up is a bug upstream; publishing it would break rule 2's promise.
      if (sum !== cell.value) throw new SuppressionInputError(`cell ${cell.id} is ${cell.value} but its parts add up to ${sum}`);
    }
  }
  return byId;
}

/** The ids of the cells to withhold, by rules 1–3. */
export function withheldCells(cells: readonly StatisticCell[], threshold: number): Set<string> {
  const byId = validate(cells, threshold);
  const withheld = new Set(cells.filter((cell) => cell.value > 0 && cell.value < threshold).map((cell) => cell.id));
  const derived = cells.filter((cell) => inputsOf(cell).length > 0);
  const isBase = (id: string) => inputsOf(byId.get(id)!).length === 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (const cell of derived) {
      const inputs = inputsOf(cell);
      if (!withheld.has(cell.id)) {
        if (inputs.some((input) => withheld.has(input))) {
          withheld.add(cell.id);
          changed = true;
        }
        continue;
      }
      if (inputs.some((input) => withheld.has(input))) continue;
      // Rule 3: base figures first (withholding a total would only push the question down), then the smallest.
      const candidates = inputs
        .map((input, order) => ({ id: input, value: byId.get(input)!.value, base: isBase(input), order }))
        .filter((candidate) => candidate.value > 0)
        .sort((first, second) => Number(second.base) - Number(first.base) || first.value - second.value || first.order - second.order);
      // No candidate: the figure is a stock with no flow behind it on this page; nothing printed derives it.
      if (candidates.length === 0) continue;
      withheld.add(candidates[0]!.id);
      changed = true;
    }
  }
  return withheld;
}

/** Every cell as it may be published. */
export function suppressCells(cells: readonly StatisticCell[], threshold: number): Map<string, PublishedFigure> {
  const withheld = withheldCells(cells, threshold);
  return new Map(
    cells.map((cell): [string, PublishedFigure] => {
      if (!withheld.has(cell.id)) return [cell.id, { state: "shown", value: cell.value }];
      const small = cell.value < threshold && inputsOf(cell).length === 0;
      return [cell.id, small ? { state: "belowThreshold", threshold } : { state: "withheld" }];
    }),
  );
}
