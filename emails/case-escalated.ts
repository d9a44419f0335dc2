import { renderEmail, type RenderedEmail } from "./layout";

/**
 * Tells an executive (or a member of the audit committee, when every executive is implicated) that
 * a case awaits their decision, and why in a word: the rule, never the case's content or an
 * officer's reason, which are read after signing in (ARCHITECTURE §8).
 */
export const escalationReasons = ["resolve_breached", "critical_priority", "senior_official", "manual"] as const;
export type EscalationReason = (typeof escalationReasons)[number];

const reasonLabels: Readonly<Record<EscalationReason, { th: string; en: string }>> = {
  resolve_breached: { th: "เกินกำหนดดำเนินการแล้วเสร็จ", en: "Resolution deadline long passed" },
  critical_priority: { th: "เรื่องเร่งด่วนวิกฤต", en: "Critical priority" },
  senior_official: { th: "เรื่องร้องเรียนการทุจริตที่กล่าวถึงผู้บริหารระดับสูง", en: "Corruption report naming a senior official" },
  manual: { th: "เจ้าหน้าที่ขอให้ผู้บริหารพิจารณา", en: "Escalated by an officer" },
};

export interface CaseEscalatedInput {
  reference: string;
  reason: EscalationReason;
  caseUrl: string;
}

export function caseEscalatedEmail({ reference, reason, caseUrl }: CaseEscalatedInput): RenderedEmail {
  const label = reasonLabels[reason];
  return renderEmail({
    subject: { th: `เรื่องเลขที่ ${reference} เสนอให้ท่านพิจารณา`, en: `Case ${reference} has been escalated to you` },
    th: {
      heading: "มีเรื่องเสนอให้ท่านพิจารณา",
      paragraphs: ["กรุณาเข้าสู่ระบบเพื่ออ่านสรุปเรื่องและบันทึกการพิจารณา"],
      facts: [
        { label: "เลขที่เรื่อง", value: reference },
        { label: "เหตุที่เสนอ", value: label.th },
      ],
      action: { label: "เปิดเรื่อง", url: caseUrl },
    },
    en: {
      heading: "A case awaits your decision",
      paragraphs: ["Sign in to read the case summary and record your decision."],
      facts: [
        { label: "Reference", value: reference },
        { label: "Why", value: label.en },
      ],
      action: { label: "Open the case", url: caseUrl },
    },
  });
}
