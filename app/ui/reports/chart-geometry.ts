/**
 * The geometry of the report charts, as pure functions: scales, bar positions and axis ticks in SVG
 * user units. The components (charts.tsx) only draw what these return, so every number a chart
 * shows can be tested without a browser. A zero is a bar of zero height with its label "0" — never a
 * missing bar — so a month with no case reads as zero, not as a gap in the data.
 */

export interface ChartCategory {
  key: string;
  label: string;
}

export interface ChartSeries {
  key: string;
  label: string;
  /** One per category; null = nothing to measure (a share of no case), drawn as no bar with a dash. */
  values: ReadonlyArray<number | null>;
}

export interface Tick {
  value: number;
  /** Along the value axis: y for a column chart, x for a bar chart. */
  position: number;
}

export interface PlacedBar {
  seriesKey: string;
  categoryKey: string;
  value: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the value's label is anchored: above a column, right of a bar. */
  labelX: number;
  labelY: number;
}

export interface ChartLayout {
  width: number;
  height: number;
  plot: { left: number; top: number; width: number; height: number };
  maximum: number;
  ticks: Tick[];
  bars: PlacedBar[];
  /** The centre of each category along the category axis, for its label. */
  categoryPositions: Array<{ key: string; label: string; position: number }>;
}

/** The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1, so an all-zero chart still has an axis). */
export function niceMaximum(value: number): number {
  if (!Number.isFinite(value) || value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Evenly spaced whole ticks from 0 to `maximum` (at most `count` + 1 of them). */
export function tickValues(maximum: number, count = 4): number[] {
  const step = Math.max(1, Math.ceil(maximum / count));
  const ticks: number[] = [];
  for (let value = 0; value <= maximum; value += step) ticks.push(value);
  if (ticks[ticks.length - 1] !== maximum) ticks.push(maximum);
  return ticks;
}

function largest(series: readonly ChartSeries[]): number {
  return Math.max(0, ...series.flatMap((one) => one.values.map((value) => value ?? 0)));
}

/**
 * Vertical columns, one group per category, one column per series side by side: the trend by month.
 */
export function columnChartLayout(categories: readonly ChartCategory[], series: readonly ChartSeries[], options: { width?: number; height?: number; maximum?: number } = {}): ChartLayout {
  const width = options.width ?? 720;
  const height = options.height ?? 300;
  const plot = { left: 48, top: 24, width: width - 48 - 16, height: height - 24 - 56 };
  const maximum = options.maximum ?? niceMaximum(largest(series));
  const scale = (value: number) => (value / maximum) * plot.height;
  const slot = categories.length === 0 ? plot.width : plot.width / categories.length;
  const groupWidth = slot * 0.8;
  const barWidth = series.length === 0 ? 0 : groupWidth / series.length;
  const baseline = plot.top + plot.height;
  const bars: PlacedBar[] = [];
  categories.forEach((category, categoryIndex) => {
    const groupLeft = plot.left + slot * categoryIndex + (slot - groupWidth) / 2;
    series.forEach((one, seriesIndex) => {
      const value = one.values[categoryIndex] ?? null;
      const barHeight = value === null ? 0 : scale(Math.max(0, value));
      const x = groupLeft + barWidth * seriesIndex;
      bars.push({ seriesKey: one.key, categoryKey: category.key, value, x, y: baseline - barHeight, width: barWidth, height: barHeight, labelX: x + barWidth / 2, labelY: baseline - barHeight - 4 });
    });
  });
  return {
    width,
    height,
    plot,
    maximum,
    ticks: tickValues(maximum).map((value) => ({ value, position: baseline - scale(value) })),
    bars,
    categoryPositions: categories.map((category, index) => ({ key: category.key, label: category.label, position: plot.left + slot * index + slot / 2 })),
  };
}

/**
 * Horizontal bars, one row per category (long Thai names fit on the left): the mix by category or
 * channel, and the shares on time (maximum 100).
 */
export function barChartLayout(categories: readonly ChartCategory[], series: ChartSeries, options: { width?: number; labelWidth?: number; rowHeight?: number; maximum?: number } = {}): ChartLayout {
  const width = options.width ?? 720;
  const rowHeight = options.rowHeight ?? 28;
  const labelWidth = options.labelWidth ?? 260;
  const plot = { left: labelWidth, top: 8, width: width - labelWidth - 64, height: Math.max(1, categories.length) * rowHeight };
  const height = plot.top + plot.height + 28;
  const maximum = options.maximum ?? niceMaximum(largest([series]));
  const scale = (value: number) => (value / maximum) * plot.width;
  const barHeight = rowHeight * 0.6;
  const bars: PlacedBar[] = categories.map((category, index) => {
    const value = series.values[index] ?? null;
    const barWidth = value === null ? 0 : scale(Math.max(0, value));
    const y = plot.top + rowHeight * index + (rowHeight - barHeight) / 2;
    return { seriesKey: series.key, categoryKey: category.key, value, x: plot.left, y, width: barWidth, height: barHeight, labelX: plot.left + barWidth + 6, labelY: y + barHeight / 2 };
  });
  return {
    width,
    height,
    plot,
    maximum,
    ticks: tickValues(maximum).map((value) => ({ value, position: plot.left + scale(value) })),
    bars,
    categoryPositions: categories.map((category, index) => ({ key: category.key, label: category.label, position: plot.top + rowHeight * index + rowHeight / 2 })),
  };
}
