import { renderEmail, type RenderedEmail } from "./layout";
import { trackingPageUrl } from "./tracking-link";

/**
 * What a NAMED complainant receives after filing. E-mail travels in plaintext through servers we do
 * not control and sits in inboxes others may read, so this message carries only what is safe
 * there: the public case reference, the kind, the acknowledgement deadline and where to track.
 * Never the tracking code (whoever holds it can read the case and reply as the reporter), the
 * narrative or anyone's identity (ARCHITECTURE §8). The input type has no field for any of them,
 * so a caller cannot pass one in by mistake.
 */
export interface CaseAcknowledgementInput {
  /** e.g. "PS-2569-000123": not a secret, it opens nothing by itself. */
  reference: string;
  kindLabelTh: string;
  kindLabelEn: string;
  /** The acknowledgement deadline, already formatted for each language (B.E. in Thai). */
  acknowledgeBy: { th: string; en: string };
  /** The tracking page, where the reporter enters the code they wrote down. */
  trackUrl: string;
}

export function caseAcknowledgementEmail(input: CaseAcknowledgementInput): RenderedEmail {
  const { reference, kindLabelTh, kindLabelEn, acknowledgeBy } = input;
  const trackUrl = trackingPageUrl(input.trackUrl);
  return renderEmail({
    subject: { th: `ได้รับเรื่องของท่านแล้ว เลขที่ ${reference}`, en: `We have received your report ${reference}` },
    th: {
      heading: "เราได้รับเรื่องของท่านแล้ว",
      paragraphs: [
        "ขอบคุณที่แจ้งเรื่องถึงเรา เจ้าหน้าที่จะพิจารณาและตอบรับเรื่องของท่านภายในวันที่ระบุด้านล่าง",
        "ท่านติดตามสถานะเรื่องได้ที่หน้าติดตามเรื่อง โดยใช้รหัสติดตามที่ได้รับเมื่อยื่นเรื่อง เพื่อความปลอดภัย เราจะไม่ส่งรหัสติดตามทางอีเมล",
      ],
      facts: [
        { label: "เลขที่เรื่อง", value: reference },
        { label: "ประเภทเรื่อง", value: kindLabelTh },
        { label: "ตอบรับเรื่องภายใน", value: acknowledgeBy.th },
      ],
      action: { label: "ติดตามสถานะเรื่อง", url: trackUrl },
    },
    en: {
      heading: "We have received your report",
      paragraphs: [
        "Thank you for contacting us. An officer will review your report and acknowledge it by the date below.",
        "You can follow its progress on the tracking page with the tracking code you were given when you filed it. For your safety, we never send tracking codes by e-mail.",
      ],
      facts: [
        { label: "Reference", value: reference },
        { label: "Type", value: kindLabelEn },
        { label: "Acknowledgement by", value: acknowledgeBy.en },
      ],
      action: { label: "Track your report", url: trackUrl },
    },
  });
}
