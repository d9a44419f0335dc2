import { describe, expect, it } from "vitest";
import { caseStatusUpdateEmail } from "../../../emails/case-status-update";
import { newCaseForTeamEmail } from "../../../emails/new-case-for-team";
import { reporterActivityEmail, type ReporterActivity } from "../../../emails/reporter-activity";
import { reporterActivityOf } from "../../../app/notify/case-notifications.server";
import { reporterHearsOfStatusChange } from "../../../app/notify/reporter-status-notices";
import type { CaseStatus } from "../../../app/db.server";

const caseUrl = "https://prongsai.example.go.th/staff/cases/0b7c4c1e-4d7f-4a43-9a55-0f2b1c7d9e11";
const trackUrl = "https://prongsai.example.go.th/track";

const allOf = (email: { subject: string; text: string; html: string }) => [email.subject, email.text, email.html];

describe("the new-case e-mail for the team", () => {
  const email = newCaseForTeamEmail({
    reference: "PS-2570-000042",
    kindLabel: { th: "แจ้งเบาะแสการทุจริต", en: "Corruption report" },
    categoryLabel: { th: "การเรียกรับสินบน", en: "Bribery" },
    caseUrl,
  });

  it("names the case, its kind and category in both languages, Thai first, and links to the staff case page", () => {
    expect(email.subject).toBe("เรื่องใหม่เลขที่ PS-2570-000042 / New case PS-2570-000042");
    for (const value of ["PS-2570-000042", "แจ้งเบาะแสการทุจริต", "Corruption report", "การเรียกรับสินบน", "Bribery"]) {
      expect(email.text).toContain(value);
      expect(email.html).toContain(value);
    }
    expect(email.text.indexOf("การเรียกรับสินบน")).toBeLessThan(email.text.indexOf("Bribery"));
    expect(email.html).toContain(`href="${caseUrl}"`);
  });

  it("escapes what it is given", () => {
    const hostile = newCaseForTeamEmail({ reference: "PS-1", kindLabel: { th: "x", en: "x" }, categoryLabel: { th: "<script>", en: "<script>" }, caseUrl });
    expect(hostile.html).not.toContain("<script>");
    expect(hostile.html).toContain("&lt;script&gt;");
  });
});

describe("the reporter-activity e-mail for the officer", () => {
  it.each<[ReporterActivity, string, string]>([
    ["replied", "ผู้แจ้งตอบกลับเรื่องเลขที่ PS-2570-000042", "The reporter replied on case PS-2570-000042"],
    ["added_evidence", "ผู้แจ้งส่งหลักฐานเพิ่มเติมสำหรับเรื่องเลขที่ PS-2570-000042", "The reporter added evidence to case PS-2570-000042"],
    ["replied_with_evidence", "ผู้แจ้งตอบกลับและส่งหลักฐานเพิ่มเติมสำหรับเรื่องเลขที่ PS-2570-000042", "The reporter replied with evidence on case PS-2570-000042"],
  ])("says the reporter %s, with the reference and a link", (activity, subjectTh, subjectEn) => {
    const email = reporterActivityEmail({ reference: "PS-2570-000042", activity, caseUrl });
    expect(email.subject).toBe(`${subjectTh} / ${subjectEn}`);
    expect(email.text).toContain(caseUrl);
    expect(email.html).toContain(`href="${caseUrl}"`);
  });

  it.each([
    [{ wrote: true, files: 0 }, "replied"],
    [{ wrote: false, files: 2 }, "added_evidence"],
    [{ wrote: true, files: 1 }, "replied_with_evidence"],
    [{ wrote: false, files: 0 }, undefined],
  ])("calls %o %s", (reply, activity) => {
    expect(reporterActivityOf(reply)).toBe(activity);
  });
});

describe("the status e-mail for a named complainant", () => {
  const email = caseStatusUpdateEmail({ reference: "PS-2570-000042", statusLabel: { th: "ดำเนินการแล้วเสร็จ", en: "Resolved" }, trackUrl });

  it("says the new status in both languages and links to the tracking page", () => {
    expect(email.subject).toBe("ความคืบหน้าเรื่องเลขที่ PS-2570-000042: ดำเนินการแล้วเสร็จ / Update on your report PS-2570-000042: Resolved");
    for (const value of ["PS-2570-000042", "ดำเนินการแล้วเสร็จ", "Resolved"]) for (const part of allOf(email)) expect(part).toContain(value);
    expect(email.html).toContain(`href="${trackUrl}"`);
  });

  it("has no field for a code, a narrative or an identity, and drops one passed anyway", () => {
    const widened = { reference: "PS-2570-000042", statusLabel: { th: "ไม่รับพิจารณา", en: "Not taken up" }, trackUrl, trackingCode: "K7Q2-M9XP-4T8W", narrative: "ผู้อำนวยการรับเงินใต้โต๊ะ", reporterName: "สมชาย ใจดี" };
    const rendered = caseStatusUpdateEmail(widened);
    for (const secret of [widened.trackingCode, widened.narrative, widened.reporterName]) for (const part of allOf(rendered)) expect(part).not.toContain(secret);
  });

  it.each([`${trackUrl}?code=K7Q2-M9XP-4T8W`, `${trackUrl}#K7Q2-M9XP-4T8W`])("refuses a tracking link that could carry a code: %s", (url) => {
    expect(() => caseStatusUpdateEmail({ reference: "PS-1", statusLabel: { th: "x", en: "x" }, trackUrl: url })).toThrow(/query or fragment/);
  });
});

describe("which changes of status a named complainant hears of", () => {
  const heard: Array<[CaseStatus, CaseStatus]> = [
    ["new", "acknowledged"],
    ["new", "in_progress"],
    ["in_progress", "resolved"],
    ["awaiting_reporter", "resolved"],
    ["new", "rejected"],
    ["acknowledged", "referred"],
    ["in_progress", "merged"],
  ];

  it.each(heard)("%s → %s is news", (from, to) => {
    expect(reporterHearsOfStatusChange(from, to)).toBe(true);
  });

  it.each<[CaseStatus, CaseStatus]>([
    ["acknowledged", "in_progress"],
    ["reopened", "in_progress"],
    ["in_progress", "awaiting_reporter"],
    ["awaiting_reporter", "in_progress"],
    ["resolved", "closed"],
    ["resolved", "reopened"],
    ["new", "new"],
    ["resolved", "resolved"],
  ])("%s → %s is not", (from, to) => {
    expect(reporterHearsOfStatusChange(from, to)).toBe(false);
  });
});
