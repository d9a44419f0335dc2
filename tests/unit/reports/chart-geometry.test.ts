import { describe, expect, it } from "vitest";
import { barChartLayout, columnChartLayout, niceMaximum, tickValues } from "~/ui/reports/chart-geometry";

describe("the scale of a chart", () => {
  it.each([
    [0, 1],
    [1, 1],
    [1.5, 2],
    [3, 5],
    [7, 10],
    [10, 10],
    [11, 20],
    [42, 50],
    [120, 200],
    [501, 1000],
  ])("rounds a largest value of %s up to %s", (largest, expected) => {
    expect(niceMaximum(largest)).toBe(expected);
  });

  it.each([
    [1, [0, 1]],
    [5, [0, 2, 4, 5]],
    [10, [0, 3, 6, 9, 10]],
    [100, [0, 25, 50, 75, 100]],
  ])("ticks a maximum of %s at %j", (maximum, expected) => {
    expect(tickValues(maximum)).toEqual(expected);
  });
});

describe("a column chart (the trend by month)", () => {
  const months = [
    { key: "M01", label: "ต.ค. 68" },
    { key: "M02", label: "พ.ย. 68" },
    { key: "M03", label: "ธ.ค. 68" },
  ];

  it("places one column per series in each month, its height in proportion to its value", () => {
    const layout = columnChartLayout(
      months,
      [
        { key: "received", label: "ได้รับ", values: [4, 10, 0] },
        { key: "completed", label: "แล้วเสร็จ", values: [2, 5, 1] },
      ],
      { width: 640, height: 300 },
    );
    expect(layout.maximum).toBe(10);
    expect(layout.bars).toHaveLength(6);
    const baseline = layout.plot.top + layout.plot.height;
    const bar = (series: string, month: string) => layout.bars.find((candidate) => candidate.seriesKey === series && candidate.categoryKey === month)!;
    expect(bar("received", "M02").height).toBeCloseTo(layout.plot.height);
    expect(bar("received", "M01").height).toBeCloseTo(layout.plot.height * 0.4);
    expect(bar("completed", "M02").height).toBeCloseTo(layout.plot.height * 0.5);
    for (const one of layout.bars) expect(one.y + one.height).toBeCloseTo(baseline);
    // Side by side within the month, the months left to right.
    expect(bar("completed", "M01").x).toBeGreaterThan(bar("received", "M01").x);
    expect(bar("received", "M02").x).toBeGreaterThan(bar("completed", "M01").x);
    expect(layout.categoryPositions.map((position) => position.label)).toEqual(["ต.ค. 68", "พ.ย. 68", "ธ.ค. 68"]);
  });

  it("draws a month with no case as a zero column with its label, not a gap", () => {
    const layout = columnChartLayout(months, [{ key: "received", label: "ได้รับ", values: [0, 0, 0] }]);
    expect(layout.bars.map((bar) => [bar.categoryKey, bar.value, bar.height])).toEqual([
      ["M01", 0, 0],
      ["M02", 0, 0],
      ["M03", 0, 0],
    ]);
    // An all-zero chart still has an axis from 0 to 1.
    expect(layout.maximum).toBe(1);
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 1]);
    for (const bar of layout.bars) expect(bar.labelY).toBeLessThan(layout.plot.top + layout.plot.height);
  });

  it("puts the ticks from the baseline (0) to the top of the plot (the maximum)", () => {
    const layout = columnChartLayout(months, [{ key: "received", label: "ได้รับ", values: [3, 1, 2] }]);
    expect(layout.ticks[0]).toEqual({ value: 0, position: layout.plot.top + layout.plot.height });
    expect(layout.ticks[layout.ticks.length - 1]).toEqual({ value: layout.maximum, position: layout.plot.top });
  });
});

describe("a bar chart (a mix, or the shares on time)", () => {
  const clocks = [
    { key: "acknowledge", label: "แจ้งรับเรื่อง" },
    { key: "firstResponse", label: "ตอบกลับครั้งแรก" },
    { key: "resolve", label: "ดำเนินการแล้วเสร็จ" },
  ];

  it("measures shares against a fixed 100 and leaves nothing to measure without a bar", () => {
    const layout = barChartLayout(clocks, { key: "percent", label: "ร้อยละ", values: [50, 100, null] }, { width: 720, maximum: 100 });
    expect(layout.maximum).toBe(100);
    expect(layout.bars[0]!.width).toBeCloseTo(layout.plot.width / 2);
    expect(layout.bars[1]!.width).toBeCloseTo(layout.plot.width);
    expect(layout.bars[2]).toMatchObject({ value: null, width: 0 });
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 25, 50, 75, 100]);
  });

  it("gives every category a row, zero included, one under the other", () => {
    const layout = barChartLayout(clocks, { key: "received", label: "ได้รับ", values: [0, 7, 0] });
    expect(layout.bars.map((bar) => [bar.categoryKey, bar.value])).toEqual([
      ["acknowledge", 0],
      ["firstResponse", 7],
      ["resolve", 0],
    ]);
    expect(layout.bars[0]!.width).toBe(0);
    expect(layout.bars[1]!.y).toBeGreaterThan(layout.bars[0]!.y);
    expect(layout.height).toBeGreaterThan(layout.plot.top + layout.plot.height);
  });
});
