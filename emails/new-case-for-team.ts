import { renderEmail, type RenderedEmail } from "./layout";

/**
 * Tells the officers who may work a case that it arrived. Staff mailboxes are no safer than anyone
 * else's, so the message says only what a queue shows — reference, kind, category — and where to
 * sign in to read the rest. The input has no field for a narrative, a name or a code.
 */
export interface NewCaseForTeamInput {
  reference: string;
  kindLabel: { th: string; en: string };
  categoryLabel: { th: string; en: string };
  /** `${publicBaseUrl}/staff/cases/:id`: it opens nothing without a staff sign-in. */
  caseUrl: string;
}

export function newCaseForTeamEmail({ reference, kindLabel, categoryLabel, caseUrl }: NewCaseForTeamInput): RenderedEmail {
  return renderEmail({
    subject: { th: `เรื่องใหม่เลขที่ ${reference}`, en: `New case ${reference}` },
    th: {
      heading: "มีเรื่องใหม่เข้ามาในความรับผิดชอบของทีมท่าน",
      paragraphs: ["กรุณาเข้าสู่ระบบเพื่ออ่านรายละเอียดและตอบรับเรื่องภายในกำหนด"],
      facts: [
        { label: "เลขที่เรื่อง", value: reference },
        { label: "ประเภทเรื่อง", value: kindLabel.th },
        { label: "หมวดหมู่", value: categoryLabel.th },
      ],
      action: { label: "เปิดเรื่อง", url: caseUrl },
    },
    en: {
      heading: "A new case has arrived for your team",
      paragraphs: ["Sign in to read it and acknowledge it in time."],
      facts: [
        { label: "Reference", value: reference },
        { label: "Type", value: kindLabel.en },
        { label: "Category", value: categoryLabel.en },
      ],
      action: { label: "Open the case", url: caseUrl },
    },
  });
}
