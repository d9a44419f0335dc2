import { renderEmail, type RenderedEmail } from "./layout";

/**
 * Tells a NAMED reporter that an officer wrote to them. Like every e-mail it carries no content of
 * the case (ARCHITECTURE §8): the message itself is read on the tracking page, with the code.
 */
export interface NewMessageInput {
  reference: string;
  trackUrl: string;
}

export function newMessageEmail({ reference, trackUrl }: NewMessageInput): RenderedEmail {
  return renderEmail({
    subject: { th: `มีข้อความใหม่เกี่ยวกับเรื่องเลขที่ ${reference}`, en: `New message about your report ${reference}` },
    th: {
      heading: "เจ้าหน้าที่ส่งข้อความถึงท่าน",
      paragraphs: ["มีข้อความใหม่จากเจ้าหน้าที่เกี่ยวกับเรื่องของท่าน กรุณาอ่านข้อความได้ที่หน้าติดตามเรื่อง โดยใช้รหัสติดตามที่ท่านได้รับเมื่อยื่นเรื่อง"],
      facts: [{ label: "เลขที่เรื่อง", value: reference }],
      action: { label: "อ่านข้อความ", url: trackUrl },
    },
    en: {
      heading: "An officer has written to you",
      paragraphs: ["There is a new message from our staff about your report. Read it on the tracking page with the tracking code you were given when you filed it."],
      facts: [{ label: "Reference", value: reference }],
      action: { label: "Read the message", url: trackUrl },
    },
  });
}
