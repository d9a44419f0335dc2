import { renderEmail, type RenderedEmail } from "./layout";

/**
 * Tells a staff member that their sign-in changed, so that a change they did not make — an attacker
 * who reset their password or enrolled an authenticator of their own — does not go unnoticed.
 */
export type AccountSecurityChange = "password_changed" | "totp_enrolled" | "totp_reset";

const wording: Record<AccountSecurityChange, { subject: { th: string; en: string }; th: string; en: string }> = {
  password_changed: {
    subject: { th: "รหัสผ่านของท่านถูกเปลี่ยนแล้ว", en: "Your password was changed" },
    th: "รหัสผ่านของบัญชีเจ้าหน้าที่ของท่านเพิ่งถูกเปลี่ยน และระบบได้ออกจากระบบในทุกอุปกรณ์แล้ว",
    en: "The password of your staff account was just changed, and every device was signed out.",
  },
  totp_enrolled: {
    subject: { th: "มีการผูกแอปยืนยันตัวตนกับบัญชีของท่าน", en: "An authenticator app was added to your account" },
    th: "มีการผูกแอปยืนยันตัวตน (รหัสใช้ครั้งเดียว) กับบัญชีเจ้าหน้าที่ของท่าน นับจากนี้การเข้าสู่ระบบต้องใช้รหัสจากแอปนั้น",
    en: "An authenticator app (one-time codes) was added to your staff account. From now on, signing in needs a code from it.",
  },
  totp_reset: {
    subject: { th: "แอปยืนยันตัวตนของท่านถูกยกเลิกแล้ว", en: "Your authenticator app was removed" },
    th: "ผู้ดูแลระบบได้ยกเลิกแอปยืนยันตัวตนของบัญชีเจ้าหน้าที่ของท่าน และระบบได้ออกจากระบบในทุกอุปกรณ์แล้ว เมื่อเข้าสู่ระบบครั้งถัดไป ท่านอาจต้องผูกแอปใหม่",
    en: "An administrator removed the authenticator app from your staff account, and every device was signed out. You may be asked to add one again when you next sign in.",
  },
};

export function accountSecurityNoticeEmail(change: AccountSecurityChange): RenderedEmail {
  const { subject, th, en } = wording[change];
  return renderEmail({
    subject,
    th: { heading: subject.th, paragraphs: [th, "หากท่านไม่ได้เป็นผู้ดำเนินการ โปรดแจ้งผู้ดูแลระบบทันที"] },
    en: { heading: subject.en, paragraphs: [en, "If this was not you, tell your administrator at once."] },
  });
}
