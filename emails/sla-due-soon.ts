import { renderEmail, type RenderedEmail } from "./layout";
import { slaClockLabels } from "./sla-clock-labels";
import type { SlaClock } from "../app/db.server";

/**
 * Warns the officer holding a case (or, while nobody does, the team's supervisors) that one of its
 * clocks is close to its deadline. Like every staff e-mail it names the case by its reference and
 * links to it; what the case is about is read after signing in (ARCHITECTURE §8).
 */
export interface SlaDueSoonInput {
  reference: string;
  clock: SlaClock;
  /** The deadline, already formatted for each language (B.E. in Thai). */
  dueBy: { th: string; en: string };
  caseUrl: string;
}

export function slaDueSoonEmail({ reference, clock, dueBy, caseUrl }: SlaDueSoonInput): RenderedEmail {
  const label = slaClockLabels[clock];
  return renderEmail({
    subject: { th: `เรื่องเลขที่ ${reference} ใกล้ครบกำหนด${label.th}`, en: `Case ${reference}: ${label.en.toLowerCase()} due soon` },
    th: {
      heading: "เรื่องใกล้ครบกำหนดเวลา",
      paragraphs: ["เรื่องที่ท่านรับผิดชอบใกล้ครบกำหนดตามมาตรฐานระยะเวลาให้บริการ กรุณาดำเนินการก่อนครบกำหนด"],
      facts: [
        { label: "เลขที่เรื่อง", value: reference },
        { label: "ขั้นตอน", value: label.th },
        { label: "ครบกำหนด", value: dueBy.th },
      ],
      action: { label: "เปิดเรื่อง", url: caseUrl },
    },
    en: {
      heading: "A case is nearly due",
      paragraphs: ["A case you are responsible for is close to its service-level deadline. Please act on it before then."],
      facts: [
        { label: "Reference", value: reference },
        { label: "Step", value: label.en },
        { label: "Due", value: dueBy.en },
      ],
      action: { label: "Open the case", url: caseUrl },
    },
  });
}
