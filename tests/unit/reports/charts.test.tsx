import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, ColumnChart } from "~/ui/reports/charts";

const months = [
  { key: "M01", label: "ต.ค. 68" },
  { key: "M02", label: "พ.ย. 68" },
];

function texts(html: string, className: string): string[] {
  return [...html.matchAll(new RegExp(`<text[^>]*class="${className}"[^>]*>([^<]*)</text>`, "g"))].map((match) => match[1]!);
}

describe("the report charts", () => {
  it("are images named by their title and description, with every value written on them", () => {
    const html = renderToString(
      <ColumnChart
        id="trend"
        title="แนวโน้มรายเดือน"
        description="ตารางข้อมูลอยู่ถัดไป"
        categories={months}
        series={[
          { key: "received", label: "ได้รับ", values: [3, 0] },
          { key: "completed", label: "แล้วเสร็จ", values: [1, 0] },
        ]}
        formatValue={(value) => (value === null ? "–" : String(value))}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="trend-title trend-description"');
    expect(html).toContain('<title id="trend-title">แนวโน้มรายเดือน</title>');
    expect(html).toContain('<desc id="trend-description">ตารางข้อมูลอยู่ถัดไป</desc>');
    // A month with nothing is a written zero for each series, not a missing bar.
    expect(texts(html, "chart__value")).toEqual(["3", "1", "0", "0"]);
    // The second series is told apart by a pattern, and named in a legend.
    expect(html).toContain('fill="url(#trend-pattern-1)"');
    expect(html).toMatch(/<ul class="chart__legend">.*ได้รับ.*แล้วเสร็จ.*<\/ul>/s);
  });

  it("write a share of no case as a dash, and leave its bar out", () => {
    const html = renderToString(
      <BarChart
        id="sla"
        title="การดำเนินการทันกำหนด"
        description="ร้อยละ"
        categories={[
          { key: "acknowledge", label: "แจ้งรับเรื่อง" },
          { key: "resolve", label: "ดำเนินการแล้วเสร็จ" },
        ]}
        series={{ key: "percent", label: "ร้อยละ", values: [75, null] }}
        maximum={100}
        formatValue={(value) => (value === null ? "–" : `${value}%`)}
      />,
    );
    expect(texts(html, "chart__value")).toEqual(["75%", "–"]);
    expect(html).toContain("แจ้งรับเรื่อง");
    expect(html).not.toContain("chart__legend");
  });
});
