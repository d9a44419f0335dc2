import { renderEmail, type RenderedEmail } from "./layout";

/**
 * What a new colleague receives when an admin opens their account: a single-use link to choose
 * their own password. Unlike the reset e-mail, nobody "asked" for this one; it says where it comes
 * from (the agency's system), what the account is for (the role, in words), how long the link works
 * and what to do once it has lapsed. Who invited them is left out: the account is the agency's, not
 * a favour from one admin, and the audit log names the admin for whoever needs to know.
 */
export interface StaffInvitationInput {
  /** The name the agency's complaints system goes by, in each language. */
  agencyName: { th: string; en: string };
  roleLabel: { th: string; en: string };
  /** `${publicBaseUrl}/staff/reset-password?token=…` */
  setPasswordUrl: string;
  /** `${publicBaseUrl}/staff/forgot-password`, for a link that has lapsed. */
  forgotPasswordUrl: string;
  validHours: number;
  /** Whether the role must add an authenticator app at the first sign-in (app/auth/second-factor.ts). */
  secondFactorRequired: boolean;
}

export function staffInvitationEmail(input: StaffInvitationInput): RenderedEmail {
  const { agencyName, roleLabel, setPasswordUrl, forgotPasswordUrl, validHours, secondFactorRequired } = input;
  return renderEmail({
    subject: { th: `เชิญตั้งรหัสผ่านเพื่อเข้าใช้ระบบงานเจ้าหน้าที่ ${agencyName.th}`, en: `Set your password for the ${agencyName.en} staff workspace` },
    th: {
      heading: "ตั้งรหัสผ่านของท่าน",
      paragraphs: [
        `ผู้ดูแลระบบได้เปิดบัญชีเจ้าหน้าที่ให้ท่านในระบบ ${agencyName.th} กรุณากดลิงก์ด้านล่างเพื่อตั้งรหัสผ่านของท่านเอง ไม่มีผู้ใดรวมทั้งผู้ดูแลระบบทราบรหัสผ่านของท่าน`,
        `ลิงก์นี้ใช้ได้ครั้งเดียว ภายใน ${validHours} ชั่วโมงนับจากที่เปิดบัญชี`,
        `หากลิงก์หมดอายุแล้ว ให้ไปที่หน้า “ลืมรหัสผ่าน” ${forgotPasswordUrl} แล้วกรอกอีเมลนี้ ระบบจะส่งลิงก์ใหม่ให้`,
        ...(secondFactorRequired
          ? ["บทบาทนี้ต้องยืนยันตัวตนสองขั้นตอน เมื่อเข้าสู่ระบบครั้งแรก ระบบจะให้ท่านผูกแอปยืนยันตัวตน เช่น Google Authenticator หรือ Microsoft Authenticator กรุณาเตรียมโทรศัพท์ของท่านไว้"]
          : []),
        "หากท่านไม่ทราบเรื่องบัญชีนี้ ไม่ต้องกดลิงก์ และโปรดแจ้งผู้ดูแลระบบของหน่วยงาน",
      ],
      facts: [
        { label: "บทบาท", value: roleLabel.th },
        { label: "ลิงก์ใช้ได้", value: `${validHours} ชั่วโมง ครั้งเดียว` },
      ],
      action: { label: "ตั้งรหัสผ่าน", url: setPasswordUrl },
    },
    en: {
      heading: "Set your password",
      paragraphs: [
        `An administrator has opened a staff account for you in ${agencyName.en}. Follow the link below to choose your own password: nobody, administrators included, ever knows it.`,
        `The link works once, within ${validHours} hours of the account being opened.`,
        `If it has expired, go to the “forgot password” page at ${forgotPasswordUrl} and enter this e-mail address: a new link will be sent to you.`,
        ...(secondFactorRequired
          ? ["This role needs two-step verification: at your first sign-in you will be asked to add an authenticator app, such as Google Authenticator or Microsoft Authenticator. Have your phone at hand."]
          : []),
        "If you know nothing of this account, do not follow the link, and tell your agency's administrator.",
      ],
      facts: [
        { label: "Role", value: roleLabel.en },
        { label: "Link valid for", value: `${validHours} hours, once` },
      ],
      action: { label: "Set your password", url: setPasswordUrl },
    },
  });
}
