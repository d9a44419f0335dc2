import { renderEmail, type RenderedEmail } from "./layout";

/**
 * Tells the officer handling a case (or, while nobody does, the team's supervisors) that the
 * reporter wrote back or sent more evidence on the tracking page. What they wrote or sent is read
 * in the case, after signing in: the e-mail names the case and nothing of it.
 */
export type ReporterActivity = "replied" | "added_evidence" | "replied_with_evidence";

export interface ReporterActivityInput {
  reference: string;
  activity: ReporterActivity;
  caseUrl: string;
}

interface Wording {
  subject: (reference: string) => string;
  heading: string;
  paragraph: string;
}

const wording: Record<ReporterActivity, { th: Wording; en: Wording }> = {
  replied: {
    th: { subject: (reference) => `ผู้แจ้งตอบกลับเรื่องเลขที่ ${reference}`, heading: "ผู้แจ้งตอบกลับ", paragraph: "ผู้แจ้งส่งข้อความใหม่เกี่ยวกับเรื่องนี้" },
    en: { subject: (reference) => `The reporter replied on case ${reference}`, heading: "The reporter replied", paragraph: "The reporter sent a new message about this case." },
  },
  added_evidence: {
    th: { subject: (reference) => `ผู้แจ้งส่งหลักฐานเพิ่มเติมสำหรับเรื่องเลขที่ ${reference}`, heading: "ผู้แจ้งส่งหลักฐานเพิ่มเติม", paragraph: "ผู้แจ้งส่งหลักฐานเพิ่มเติมสำหรับเรื่องนี้" },
    en: { subject: (reference) => `The reporter added evidence to case ${reference}`, heading: "The reporter added evidence", paragraph: "The reporter added evidence to this case." },
  },
  replied_with_evidence: {
    th: {
      subject: (reference) => `ผู้แจ้งตอบกลับและส่งหลักฐานเพิ่มเติมสำหรับเรื่องเลขที่ ${reference}`,
      heading: "ผู้แจ้งตอบกลับและส่งหลักฐานเพิ่มเติม",
      paragraph: "ผู้แจ้งส่งข้อความใหม่พร้อมหลักฐานเพิ่มเติมเกี่ยวกับเรื่องนี้",
    },
    en: {
      subject: (reference) => `The reporter replied with evidence on case ${reference}`,
      heading: "The reporter replied with evidence",
      paragraph: "The reporter sent a new message with more evidence about this case.",
    },
  },
};

export function reporterActivityEmail({ reference, activity, caseUrl }: ReporterActivityInput): RenderedEmail {
  const { th, en } = wording[activity];
  return renderEmail({
    subject: { th: th.subject(reference), en: en.subject(reference) },
    th: {
      heading: th.heading,
      paragraphs: [th.paragraph, "กรุณาเข้าสู่ระบบเพื่ออ่านรายละเอียด"],
      facts: [{ label: "เลขที่เรื่อง", value: reference }],
      action: { label: "เปิดเรื่อง", url: caseUrl },
    },
    en: {
      heading: en.heading,
      paragraphs: [en.paragraph, "Sign in to read it."],
      facts: [{ label: "Reference", value: reference }],
      action: { label: "Open the case", url: caseUrl },
    },
  });
}
