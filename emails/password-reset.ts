import { renderEmail, type RenderedEmail } from "./layout";

/**
 * The link that lets a staff member choose a new password. It carries the token itself: the link is
 * the whole point, it works once, for a short time, and only for a staff account — unlike a
 * tracking code, which would open a reporter's case for as long as it exists.
 */
export interface PasswordResetInput {
  /** `${publicBaseUrl}/staff/reset-password?token=…` */
  resetUrl: string;
  validMinutes: number;
}

export function passwordResetEmail({ resetUrl, validMinutes }: PasswordResetInput): RenderedEmail {
  return renderEmail({
    subject: { th: "ตั้งรหัสผ่านใหม่สำหรับระบบรับเรื่องร้องเรียน", en: "Set a new password for the complaints system" },
    th: {
      heading: "ตั้งรหัสผ่านใหม่",
      paragraphs: [
        "มีผู้ขอตั้งรหัสผ่านใหม่สำหรับบัญชีเจ้าหน้าที่ของท่าน หากท่านเป็นผู้ขอ กรุณากดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านใหม่",
        `ลิงก์นี้ใช้ได้ครั้งเดียว ภายใน ${validMinutes} นาที เมื่อตั้งรหัสผ่านใหม่แล้ว ระบบจะออกจากระบบในทุกอุปกรณ์ของท่าน`,
        "หากท่านไม่ได้ขอ ไม่ต้องดำเนินการใด ๆ รหัสผ่านเดิมยังใช้ได้ตามปกติ แต่หากได้รับอีเมลนี้บ่อยครั้ง โปรดแจ้งผู้ดูแลระบบ",
      ],
      action: { label: "ตั้งรหัสผ่านใหม่", url: resetUrl },
    },
    en: {
      heading: "Set a new password",
      paragraphs: [
        "Someone asked to set a new password for your staff account. If it was you, follow the link below to choose one.",
        `The link works once, within ${validMinutes} minutes. Setting a new password signs you out on every device.`,
        "If you did not ask, you need do nothing: your password stays as it is. If these e-mails keep coming, tell your administrator.",
      ],
      action: { label: "Set a new password", url: resetUrl },
    },
  });
}
