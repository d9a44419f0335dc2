import { renderEmail, type RenderedEmail } from "./layout";

/**
 * The monthly report to executives (the agency's "report to executives every month", ITA.md):
 * four counts of the previous month and a link to the inbox. Counts only — no reference, no
 * case content — so it is safe in any executive's mailbox.
 */
export interface MonthlySummaryCounts {
  received: number;
  overdueAtMonthEnd: number;
  escalated: number;
  decided: number;
  /** Escalations still awaiting a decision at month end. */
  awaitingAtMonthEnd: number;
}

export interface MonthlySummaryInput {
  /** The month as people read it, e.g. "พฤศจิกายน 2569" and "November 2026". */
  monthLabel: { th: string; en: string };
  counts: MonthlySummaryCounts;
  /** `${publicBaseUrl}/staff/escalations`. */
  inboxUrl: string;
  /** `${publicBaseUrl}/staff`, where supervisors' SLA queues are (for those who may open them). */
  workspaceUrl: string;
}

const numberTh = new Intl.NumberFormat("th-TH");
const numberEn = new Intl.NumberFormat("en-GB");

export function monthlySummaryEmail({ monthLabel, counts, inboxUrl, workspaceUrl }: MonthlySummaryInput): RenderedEmail {
  return renderEmail({
    subject: { th: `สรุปเรื่องร้องเรียนประจำเดือน${monthLabel.th}`, en: `Monthly case summary, ${monthLabel.en}` },
    th: {
      heading: `สรุปเรื่องร้องเรียนและแจ้งเบาะแส เดือน${monthLabel.th}`,
      paragraphs: ["รายงานประจำเดือนสำหรับผู้บริหาร นับจากข้อมูลสถานะของเรื่อง ไม่มีเนื้อหาของเรื่องหรือข้อมูลผู้แจ้ง", `หน้าคิวงาน: ${workspaceUrl}`],
      facts: [
        { label: "เรื่องที่รับเข้าในเดือน", value: numberTh.format(counts.received) },
        { label: "เรื่องที่เกินกำหนด ณ สิ้นเดือน", value: numberTh.format(counts.overdueAtMonthEnd) },
        { label: "เรื่องที่เสนอผู้บริหารในเดือน", value: numberTh.format(counts.escalated) },
        { label: "เรื่องที่ผู้บริหารพิจารณาในเดือน", value: numberTh.format(counts.decided) },
        { label: "เรื่องที่รอการพิจารณา ณ สิ้นเดือน", value: numberTh.format(counts.awaitingAtMonthEnd) },
      ],
      action: { label: "เปิดเรื่องเสนอให้พิจารณา", url: inboxUrl },
    },
    en: {
      heading: `Complaints and tips, ${monthLabel.en}`,
      paragraphs: ["The monthly report to executives, counted from case status alone: no case content, no reporter.", `Work queues: ${workspaceUrl}`],
      facts: [
        { label: "Cases received in the month", value: numberEn.format(counts.received) },
        { label: "Overdue at month end", value: numberEn.format(counts.overdueAtMonthEnd) },
        { label: "Escalated in the month", value: numberEn.format(counts.escalated) },
        { label: "Decided by executives in the month", value: numberEn.format(counts.decided) },
        { label: "Awaiting a decision at month end", value: numberEn.format(counts.awaitingAtMonthEnd) },
      ],
      action: { label: "Open the escalations", url: inboxUrl },
    },
  });
}
