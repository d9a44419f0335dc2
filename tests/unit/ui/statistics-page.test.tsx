import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { quietServerLayoutEffectWarnings } from "../../support/server-render";
import { en } from "../../../app/i18n/messages/en";
import { th } from "../../../app/i18n/messages/th";
import { headers, StatisticsView } from "../../../app/routes/statistics";
import { buildStatisticsPage, type StatisticsPage } from "../../../app/statistics/statistics-tables";
import { fiscalYearReports } from "../../support/statistics-reports";

const bangkok = (iso: string) => Date.parse(`${iso}+07:00`);
const now = bangkok("2026-01-15T12:00:00");

/** FY 2569 to mid-January with a small month; FY 2568 with nothing at all. */
const page: StatisticsPage = buildStatisticsPage(
  [
    fiscalYearReports(2569, now, {
      corruption_tip: { 1: { received: 7, open: 7 }, 2: { received: 2, outcomes: { substantiated: 6 }, open: 3 } },
      complaint: { 1: { received: 12, answeredOnTime: 9, outcomes: { action_taken: 5 } } },
    }),
    fiscalYearReports(2568, now, {}),
  ],
  5,
  now,
  () => "O29",
);

function render(locale: "th" | "en", data: StatisticsPage = page): string {
  const router = createMemoryRouter([{ id: "root", path: "/", children: [{ path: "statistics", element: <StatisticsView page={data} /> }] }], {
    initialEntries: ["/statistics"],
    hydrationData: { loaderData: { root: { locale } } },
  });
  return renderToString(<RouterProvider router={router} />);
}

/** The cells of a table row, tags replaced by bars. */
function rowOf(html: string, table: "corruption" | "general", fiscalYear: number, key: string): string {
  const tableHtml = html.split(`data-fiscal-year="${fiscalYear}"`).slice(1).find((part) => part.includes(`data-table="${table}"`))!;
  const row = tableHtml.match(new RegExp(`<tr data-period="${key}"[^>]*>(.*?)</tr>`, "s"))?.[1] ?? "";
  return row.replace(/<[^>]+>/g, "|").replace(/\|+/g, "|");
}

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

describe("the statistics page", () => {
  quietServerLayoutEffectWarnings();

  it("shows both fiscal years' O29 and general tables in Thai, with captions and header scopes", () => {
    const html = render("th");
    expect(count(html, /<h1\b/)).toBe(1);
    expect(html).toContain(th.statistics.heading);
    expect(html).toContain("ข้อมูลตามข้อ O29");
    for (const fiscalYear of [2569, 2568]) {
      expect(html).toContain(`<caption>เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ปีงบประมาณ พ.ศ. ${fiscalYear}</caption>`);
      expect(html).toContain(`<caption>เรื่องร้องเรียนทั่วไป จำแนกตามประเภท ปีงบประมาณ พ.ศ. ${fiscalYear}</caption>`);
    }
    expect(count(html, /<table\b/)).toBe(4);
    // Every header cell says what it heads; every period is a row header.
    expect(html.match(/<th(?=[\s>])(?![^>]*scope=)[^>]*>/g)).toBe(null);
    expect(count(html, /<th scope="colgroup"/)).toBe(2 * (1 + 4));
    expect(count(html, /<th scope="row"/)).toBe(4 * 15);
    expect(html).not.toMatch(/<script|<form|<img|https?:\/\//);
  });

  it("prints counts, “< 5” for a small one (read out in words), a dash for a withheld one, in Thai", () => {
    const html = render("th");
    expect(rowOf(html, "corruption", 2569, "2569-M01")).toBe("|ต.ค. 2568|7|0|7|0|0|0|0|0|");
    expect(rowOf(html, "corruption", 2569, "2569-M02")).toBe("|พ.ย. 2568|&lt; 5|น้อยกว่า 5|6|–|ไม่เปิดเผย|6|0|0|0|0|");
    expect(rowOf(html, "corruption", 2569, "2569-H1")).toBe("|รวมครึ่งปีแรก (ต.ค. 2568 – มี.ค. 2569)|–|ไม่เปิดเผย|6|–|ไม่เปิดเผย|6|0|0|0|0|");
    expect(rowOf(html, "general", 2569, "2569-M01")).toBe("|ต.ค. 2568|12|5|9|0|0|0|0|0|0|0|0|0|");
    expect(html).toContain('<span aria-hidden="true">&lt; 5</span><span class="visually-hidden">น้อยกว่า 5</span>');
    expect(html).toContain("จำนวนตั้งแต่ 1 ถึง 4 เรื่องแสดงเป็น “&lt; 5”");
  });

  it("reads “ไม่มีเรื่องร้องเรียน” across an empty period and “not yet begun” across a future one", () => {
    const html = render("th");
    expect(rowOf(html, "corruption", 2568, "2568-M01")).toBe("|ต.ค. 2567|ไม่มีเรื่องร้องเรียน|");
    expect(html).toMatch(/<tr data-period="2568-M01" data-status="empty"><th scope="row">ต\.ค\. 2567<\/th><td colSpan="8" class="statistics__whole-row">ไม่มีเรื่องร้องเรียน<\/td><\/tr>/);
    expect(html).toMatch(/<td colSpan="12" class="statistics__whole-row">ไม่มีเรื่องร้องเรียน<\/td>/);
    expect(rowOf(html, "corruption", 2569, "2569-M03")).toBe("|ธ.ค. 2568|ไม่มีเรื่องร้องเรียน|");
    expect(rowOf(html, "corruption", 2569, "2569-M05")).toBe("|ก.พ. 2569|ยังไม่ถึงช่วงเวลานี้|");
    expect(rowOf(html, "corruption", 2569, "2569-H2")).toBe("|รวมครึ่งปีหลัง (เม.ย. 2569 – ก.ย. 2569)|ยังไม่ถึงช่วงเวลานี้|");
    expect(rowOf(html, "corruption", 2568, "2568")).toBe("|รวมทั้งปีงบประมาณ พ.ศ. 2568|ไม่มีเรื่องร้องเรียน|");
  });

  it("says all of it in English", () => {
    const html = render("en");
    expect(html).toContain(en.statistics.heading);
    expect(html).toContain("<caption>Corruption and misconduct complaints, fiscal year 2569 BE</caption>");
    expect(rowOf(html, "corruption", 2569, "2569-M02")).toBe("|Nov 2568 BE|&lt; 5|fewer than 5|6|–|withheld|6|0|0|0|0|");
    expect(rowOf(html, "corruption", 2568, "2568-M01")).toBe("|Oct 2567 BE|No complaints|");
    expect(rowOf(html, "corruption", 2569, "2569-M05")).toBe("|Feb 2569 BE|Not yet begun|");
    expect(html).toContain(">Complaint<");
    expect(html).not.toContain("ไม่มีเรื่องร้องเรียน");
  });

  it("leaves out the suppression notes when nothing is suppressed", () => {
    const open = buildStatisticsPage([fiscalYearReports(2569, now, {}), fiscalYearReports(2568, now, {})], 1, now, () => "O29");
    const html = render("th", open);
    expect(html).not.toContain("แสดงเป็น “&lt;");
    expect(html).toContain(th.statistics.protection.zero);
  });

  it("may be cached publicly for five minutes, separately per language cookie", () => {
    expect(headers({} as Parameters<typeof headers>[0])).toEqual({ "Cache-Control": "public, max-age=300", Vary: "Cookie" });
  });
});
