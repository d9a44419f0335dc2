import { renderEmail, type RenderedEmail } from "./layout";

/**
 * Tells a case's team supervisors that the executives decided on its escalation. Only the
 * reference and a link: the decision and its note are read after signing in (ARCHITECTURE §8).
 */
export interface EscalationDecidedInput {
  reference: string;
  /** `${publicBaseUrl}/staff/cases/:id`: it opens nothing without a staff sign-in. */
  caseUrl: string;
}

export function escalationDecidedEmail({ reference, caseUrl }: EscalationDecidedInput): RenderedEmail {
  return renderEmail({
    subject: { th: `ผู้บริหารพิจารณาเรื่องเลขที่ ${reference} แล้ว`, en: `Executives decided on case ${reference}` },
    th: {
      heading: "ผู้บริหารบันทึกผลการพิจารณาเรื่องที่ทีมของท่านรับผิดชอบ",
      paragraphs: ["กรุณาเข้าสู่ระบบเพื่ออ่านผลการพิจารณาและบันทึกของผู้บริหาร"],
      facts: [{ label: "เลขที่เรื่อง", value: reference }],
      action: { label: "เปิดเรื่อง", url: caseUrl },
    },
    en: {
      heading: "The executives decided on a case your team handles",
      paragraphs: ["Sign in to read the decision and the executives' note."],
      facts: [{ label: "Reference", value: reference }],
      action: { label: "Open the case", url: caseUrl },
    },
  });
}
