import { renderEmail, type RenderedEmail } from "./layout";
import { trackingPageUrl } from "./tracking-link";

/**
 * Tells a NAMED complainant that their case moved on: its new status, as /track words it, and the
 * way there. Not why, not what was found, not who decided — that is read on the tracking page with
 * the code, which never travels by e-mail (ARCHITECTURE §8). The input has no field for any of it.
 */
export interface CaseStatusUpdateInput {
  reference: string;
  /** The status as the tracking page names it, in each language. */
  statusLabel: { th: string; en: string };
  trackUrl: string;
}

export function caseStatusUpdateEmail({ reference, statusLabel, trackUrl }: CaseStatusUpdateInput): RenderedEmail {
  const url = trackingPageUrl(trackUrl);
  return renderEmail({
    subject: { th: `ความคืบหน้าเรื่องเลขที่ ${reference}: ${statusLabel.th}`, en: `Update on your report ${reference}: ${statusLabel.en}` },
    th: {
      heading: "เรื่องของท่านมีความคืบหน้า",
      paragraphs: [
        "สถานะเรื่องของท่านเปลี่ยนแปลงแล้ว",
        "ท่านอ่านรายละเอียดได้ที่หน้าติดตามเรื่อง โดยใช้รหัสติดตามที่ได้รับเมื่อยื่นเรื่อง เพื่อความปลอดภัย เราจะไม่ส่งรหัสติดตามหรือรายละเอียดของเรื่องทางอีเมล",
      ],
      facts: [
        { label: "เลขที่เรื่อง", value: reference },
        { label: "สถานะ", value: statusLabel.th },
      ],
      action: { label: "ติดตามสถานะเรื่อง", url },
    },
    en: {
      heading: "There is news about your report",
      paragraphs: [
        "The status of your report has changed.",
        "Read the details on the tracking page with the tracking code you were given when you filed it. For your safety, we never send tracking codes or the details of a report by e-mail.",
      ],
      facts: [
        { label: "Reference", value: reference },
        { label: "Status", value: statusLabel.en },
      ],
      action: { label: "Track your report", url },
    },
  });
}
