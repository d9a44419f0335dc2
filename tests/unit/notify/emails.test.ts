import { describe, expect, it } from "vitest";
import { caseAcknowledgementEmail, type CaseAcknowledgementInput } from "../../../emails/case-acknowledgement";
import { escapeHtml, renderEmail, type BilingualEmail } from "../../../emails/layout";

const acknowledgement: CaseAcknowledgementInput = {
  reference: "PS-2569-000123",
  kindLabelTh: "เรื่องร้องเรียน",
  kindLabelEn: "Complaint",
  acknowledgeBy: { th: "20 มกราคม 2569", en: "20 January 2026" },
  trackUrl: "https://prongsai.example.go.th/track",
};

const plain: BilingualEmail = {
  subject: { th: "หัวเรื่อง", en: "Subject" },
  th: { heading: "หัวข้อ", paragraphs: ["ย่อหน้าแรก"] },
  en: { heading: "Heading", paragraphs: ["First paragraph"] },
};

/** The text of an HTML document with tags removed, to check the order of what a reader sees. */
const visibleText = (html: string) => html.replace(/<[^>]*>/g, " ");

describe("escapeHtml", () => {
  it.each([
    ["plain ข้อความ", "plain ข้อความ"],
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["Tom & Jerry", "Tom &amp; Jerry"],
    [`"quoted" and 'single'`, "&quot;quoted&quot; and &#39;single&#39;"],
    ["&amp; already escaped", "&amp;amp; already escaped"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe("the e-mail layout", () => {
  it("escapes every value that reaches the HTML, and keeps the text version literal", () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const email = renderEmail({
      subject: { th: hostile, en: hostile },
      th: { heading: hostile, paragraphs: [hostile], facts: [{ label: hostile, value: hostile }], action: { label: hostile, url: "https://example.go.th/?a=1&b=\"2\"" } },
      en: { heading: hostile, paragraphs: [hostile], facts: [{ label: hostile, value: hostile }] },
    });
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toContain('onerror="');
    expect(email.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(email.html).toContain('href="https://example.go.th/?a=1&amp;b=&quot;2&quot;"');
    expect(email.text).toContain(hostile);
  });

  it.each(["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "JAVASCRIPT:alert(1)"])("refuses a %s link", (url) => {
    expect(() => renderEmail({ ...plain, th: { ...plain.th, action: { label: "x", url } } })).toThrow(/http\(s\)/);
    expect(() => renderEmail({ ...plain, en: { ...plain.en, action: { label: "x", url } } })).toThrow(/http\(s\)/);
  });

  it("keeps the subject on one line, so it cannot add a header", () => {
    const email = renderEmail({ ...plain, subject: { th: "หัวเรื่อง\r\nBcc: someone@example.com", en: "Subject" } });
    expect(email.subject).toBe("หัวเรื่อง Bcc: someone@example.com / Subject");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it("puts Thai before English, in both the text and the HTML", () => {
    const email = renderEmail(plain);
    expect(email.subject).toBe("หัวเรื่อง / Subject");
    expect(email.text.indexOf("ย่อหน้าแรก")).toBeLessThan(email.text.indexOf("First paragraph"));
    expect(visibleText(email.html).indexOf("ย่อหน้าแรก")).toBeLessThan(visibleText(email.html).indexOf("First paragraph"));
    expect(email.html).toMatch(/<div lang="th">[\s\S]*<div lang="en">/);
  });

  it("ends with the automatic-message notice in both languages", () => {
    const email = renderEmail(plain);
    for (const notice of ["อีเมลฉบับนี้ส่งจากระบบโดยอัตโนมัติ โปรดอย่าตอบกลับ", "This is an automatic message. Please do not reply to it."]) {
      expect(email.text).toContain(notice);
      expect(email.html).toContain(notice);
      expect(email.text.lastIndexOf(notice)).toBeGreaterThan(email.text.indexOf("First paragraph"));
    }
  });

  it("declares UTF-8 and Thai as the document language", () => {
    const { html } = renderEmail(plain);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<html lang="th">');
  });
});

describe("the case acknowledgement e-mail", () => {
  const email = caseAcknowledgementEmail(acknowledgement);

  it("names the case reference in the subject, the text and the HTML", () => {
    expect(email.subject).toContain("PS-2569-000123");
    expect(email.text).toContain("PS-2569-000123");
    expect(email.html).toContain("PS-2569-000123");
  });

  it("says how to track, in both languages, with a link to the tracking page", () => {
    expect(email.text).toContain("ติดตามสถานะเรื่อง");
    expect(email.text).toContain("Track your report");
    expect(email.text).toContain("https://prongsai.example.go.th/track");
    expect(email.html).toContain('href="https://prongsai.example.go.th/track"');
  });

  it("carries the kind and the acknowledgement deadline in both languages", () => {
    for (const value of ["เรื่องร้องเรียน", "Complaint", "20 มกราคม 2569", "20 January 2026"]) {
      expect(email.text).toContain(value);
      expect(email.html).toContain(value);
    }
  });

  it("has Thai and English subjects, Thai first", () => {
    expect(email.subject).toBe("ได้รับเรื่องของท่านแล้ว เลขที่ PS-2569-000123 / We have received your report PS-2569-000123");
  });

  it("escapes the values it is given", () => {
    const hostile = caseAcknowledgementEmail({ ...acknowledgement, kindLabelEn: "<b>Complaint</b>", reference: "PS-1 & <2>" });
    expect(hostile.html).toContain("&lt;b&gt;Complaint&lt;/b&gt;");
    expect(hostile.html).toContain("PS-1 &amp; &lt;2&gt;");
    expect(hostile.html).not.toContain("<b>Complaint");
  });

  it("has no field for a tracking code, a narrative or an identity, and drops one passed anyway", () => {
    const trackingCode = "K7Q2-M9XP-4T8W";
    const secrets = {
      ...acknowledgement,
      trackingCode,
      narrative: "ผู้อำนวยการรับเงินใต้โต๊ะ",
      reporterName: "สมชาย ใจดี",
    };
    // @ts-expect-error The input type has no tracking code, narrative or identity to fill in.
    const leaked = caseAcknowledgementEmail({ ...acknowledgement, trackingCode });
    const fromWiderObject = caseAcknowledgementEmail(secrets);
    for (const rendered of [leaked, fromWiderObject]) {
      for (const secret of [trackingCode, secrets.narrative, secrets.reporterName]) {
        expect(rendered.subject).not.toContain(secret);
        expect(rendered.text).not.toContain(secret);
        expect(rendered.html).not.toContain(secret);
      }
    }
  });

  it.each(["https://prongsai.example.go.th/track?code=K7Q2-M9XP-4T8W", "https://prongsai.example.go.th/track#K7Q2-M9XP-4T8W"])(
    "refuses a tracking link that could carry a code: %s",
    (trackUrl) => {
      expect(() => caseAcknowledgementEmail({ ...acknowledgement, trackUrl })).toThrow(/query or fragment/);
    },
  );
});
