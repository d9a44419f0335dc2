import { renderToString } from "react-dom/server";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { quietServerLayoutEffectWarnings } from "../../support/server-render";
import type { Guideline } from "../../../app/guideline/guideline";
import { en } from "../../../app/i18n/messages/en";
import { th } from "../../../app/i18n/messages/th";
import { GuidelinePage } from "../../../app/routes/guideline";

const guideline: Guideline = {
  asOf: Date.parse("2026-03-05T10:00:00+07:00"),
  channels: [
    { channel: "phone", contact: "02 123 4567" },
    { channel: "letter", contact: "99 ถนนแจ้งวัฒนะ กรุงเทพฯ 10210" },
    { channel: "email", contact: "complaints@agency.go.th" },
    { channel: "line", contact: null },
  ],
  categories: [
    {
      code: "corruption.bribery",
      kind: "corruption_tip",
      nameTh: "การเรียกรับสินบน",
      nameEn: "Bribery",
      teamCode: "integrity",
      clocks: { acknowledge: { amount: 3, unit: "business_days" }, first_response: { amount: 1, unit: "business_days" }, resolve: { amount: 90, unit: "calendar_days" } },
    },
    {
      code: "question.general",
      kind: "question",
      nameTh: "สอบถามทั่วไป",
      nameEn: "General question",
      teamCode: "service",
      clocks: { acknowledge: { amount: 24, unit: "hours" }, first_response: null, resolve: { amount: 1, unit: "calendar_days" } },
    },
  ],
  teams: [
    { code: "integrity", nameTh: "ศูนย์ปฏิบัติการต่อต้านการทุจริต", nameEn: "Anti-Corruption Operation Centre", categoryCodes: ["corruption.bribery"] },
    { code: "service", nameTh: "ศูนย์รับเรื่องร้องเรียน", nameEn: "Complaints Centre", categoryCodes: ["question.general"] },
  ],
  holidays: { fiscalYear: 2569, days: [{ date: "2025-12-05", nameTh: "วันพ่อแห่งชาติ", nameEn: "National Father's Day" }] },
  escalation: { resolveBreachedAfterBusinessDays: 5, criticalPriority: true, seniorOfficial: false },
  reopenWindowDays: 30,
};

/** The page as the server renders it, inside a router whose root data carries the locale. */
function render(locale: "th" | "en", data: Guideline = guideline): string {
  const router = createMemoryRouter([{ id: "root", path: "/", children: [{ path: "guideline", element: <GuidelinePage guideline={data} /> }] }], {
    initialEntries: ["/guideline"],
    hydrationData: { loaderData: { root: { locale } } },
  });
  return renderToString(<RouterProvider router={router} />);
}

/** The text of the table row of a category, without tags. */
function rowOf(html: string, code: string): string {
  const row = html.match(new RegExp(`<tr data-category="${code.replace(".", "\\.")}">(.*?)</tr>`, "s"))?.[1] ?? "";
  return row.replace(/<[^>]+>/g, "|").replace(/\|+/g, "|");
}

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

describe("the guideline page", () => {
  quietServerLayoutEffectWarnings();

  it("answers the four questions of O27 in Thai: how to complain, the steps, who is responsible, how long", () => {
    const html = render("th");
    expect(count(html, /<h1\b/)).toBe(1);
    expect(html).toContain(th.guideline.heading);
    for (const section of ["channels", "steps", "teams", "timeframes", "tracking", "protection", "escalation", "external"] as const) {
      expect(html).toContain(`aria-labelledby="guideline-${section}-heading"`);
      expect(html).toContain(th.guideline[section].heading);
    }
    expect(html).toContain("ข้อมูล ณ วันที่ 5 มีนาคม 2569");

    expect(html).toContain('href="/report"');
    expect(html).toContain('href="/contact"');
    expect(html).toContain('href="tel:021234567"');
    expect(html).toContain('href="mailto:complaints@agency.go.th"');
    expect(html).toContain("99 ถนนแจ้งวัฒนะ กรุงเทพฯ 10210");
    expect(html).toContain(th.guideline.channels.descriptions.line);
    expect(html).not.toContain(th.guideline.channels.descriptions.walk_in);

    // The steps in the lifecycle's order, each with the status the reporter sees on /track.
    const steps = html.match(/<ol class="guideline__steps">(.*?)<\/ol>/s)?.[1] ?? "";
    const shown = Array.from(steps.matchAll(/<strong>(.*?)<\/strong>/g), (match) => match[1]);
    expect(shown).toEqual((["new", "acknowledged", "in_progress", "awaiting_reporter", "resolved", "closed"] as const).map((status) => th.statuses[status]));
    expect(html).toContain("เปิดเรื่องพิจารณาใหม่ได้ภายใน 30 วัน");

    expect(rowOf(html, "corruption.bribery")).toBe("|การเรียกรับสินบน|ศูนย์ปฏิบัติการต่อต้านการทุจริต|3 วันทำการ|1 วันทำการ|90 วัน|");
    expect(rowOf(html, "question.general")).toBe("|สอบถามทั่วไป|ศูนย์รับเรื่องร้องเรียน|24 ชั่วโมง|ไม่กำหนด|1 วัน|");
    expect(html).toContain(th.guideline.timeframes.businessDays);
    expect(html).toContain("วันหยุดราชการ ปีงบประมาณ พ.ศ. 2569");
    expect(html).toContain("5 ธันวาคม 2568");

    expect(html).toContain("เกินกำหนดมาแล้ว 5 วันทำการ");
    expect(html).toContain(th.guideline.escalation.criticalPriority);
    expect(html).not.toContain(th.guideline.escalation.seniorOfficial);
    expect(html).toContain("สายด่วน 1205");
    expect(html).toContain('href="https://www.nacc.go.th"');
    // Nothing that would need a script, nothing loaded from elsewhere.
    expect(html).not.toMatch(/<(script|form|iframe|img)\b/);
  });

  it("speaks English with singular and plural durations", () => {
    const html = render("en");
    expect(html).toContain(en.guideline.heading);
    expect(html).toContain("Information as of 5 March 2569 BE");
    expect(rowOf(html, "corruption.bribery")).toBe("|Bribery|Anti-Corruption Operation Centre|3 business days|1 business day|90 days|");
    expect(rowOf(html, "question.general")).toBe("|General question|Complaints Centre|24 hours|Not set|1 day|");
    expect(html).toContain("Public holidays, fiscal year 2569 BE");
    expect(html).not.toContain(th.guideline.heading);
  });

  it("says plainly when nothing is configured, and leaves out what does not apply", () => {
    const html = render("th", {
      ...guideline,
      asOf: null,
      channels: [],
      categories: [],
      teams: [],
      holidays: { fiscalYear: 2570, days: [] },
      escalation: { resolveBreachedAfterBusinessDays: null, criticalPriority: false, seniorOfficial: false },
    });
    expect(html).not.toContain("ข้อมูล ณ วันที่");
    expect(html).not.toContain(th.guideline.channels.otherHeading);
    expect(html).toContain(th.guideline.teams.none);
    expect(html).not.toContain("data-category=");
    expect(html).not.toContain(th.guideline.timeframes.businessDays);
    expect(html).toContain(th.guideline.timeframes.noHolidays);
    const rules = html.match(/<ul[^>]*data-escalation-rules[^>]*>(.*?)<\/ul>/s)?.[1] ?? "";
    expect(count(rules, /<li>/)).toBe(1);
    expect(rules).toContain(th.guideline.escalation.manual);
  });
});
