import type { SlaClock } from "../app/db.server";

/** The clocks as staff e-mails name them, in both languages. */
export const slaClockLabels: Readonly<Record<SlaClock, { th: string; en: string }>> = {
  acknowledge: { th: "ตอบรับเรื่อง", en: "Acknowledgement" },
  first_response: { th: "ตอบกลับครั้งแรก", en: "First response" },
  resolve: { th: "ดำเนินการแล้วเสร็จ", en: "Resolution" },
};
