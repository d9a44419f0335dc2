import { renderEmail, type RenderedEmail } from "./layout";
import { slaClockLabels } from "./sla-clock-labels";
import type { SlaClock } from "../app/db.server";

/**
 * Tells a team's supervisors that a case missed a deadline, so they can reassign or chase it. The
 * reference, the missed step and the deadline only — never what the case is about (ARCHITECTURE §8).
 */
export interface SlaBreachedInput {
  reference: string;
  clock: SlaClock;
  /** The missed deadline, already formatted for each language (B.E. in Thai). */
  dueAt: { th: string; en: string };
  caseUrl: string;
}

export function slaBreachedEmail({ reference, clock, dueAt, caseUrl }: SlaBreachedInput): RenderedEmail {
  const label = slaClockLabels[clock];
  return renderEmail({
    subject: { th: `เรื่องเลขที่ ${reference} เกินกำหนด${label.th}`, en: `Case ${reference} is overdue: ${label.en.toLowerCase()}` },
    th: {
      heading: "เรื่องเกินกำหนดเวลา",
      paragraphs: ["เรื่องในความรับผิดชอบของทีมท่านเกินกำหนดตามมาตรฐานระยะเวลาให้บริการแล้ว กรุณาติดตามหรือมอบหมายผู้รับผิดชอบ"],
      facts: [
        { label: "เลขที่เรื่อง", value: reference },
        { label: "ขั้นตอน", value: label.th },
        { label: "ครบกำหนดเมื่อ", value: dueAt.th },
      ],
      action: { label: "เปิดเรื่อง", url: caseUrl },
    },
    en: {
      heading: "A case is overdue",
      paragraphs: ["A case of your team has missed its service-level deadline. Please follow it up or reassign it."],
      facts: [
        { label: "Reference", value: reference },
        { label: "Step", value: label.en },
        { label: "Was due", value: dueAt.en },
      ],
      action: { label: "Open the case", url: caseUrl },
    },
  });
}
