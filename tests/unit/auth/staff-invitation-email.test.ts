import { describe, expect, it } from "vitest";
import { staffInvitationEmail, type StaffInvitationInput } from "../../../emails/staff-invitation";

const input: StaffInvitationInput = {
  agencyName: { th: "โปร่งใส", en: "Prongsai" },
  roleLabel: { th: "เจ้าหน้าที่ตรวจสอบ", en: "Investigator" },
  setPasswordUrl: "https://prongsai.example.go.th/staff/reset-password?token=abc_DEF-123",
  forgotPasswordUrl: "https://prongsai.example.go.th/staff/forgot-password",
  validHours: 72,
  secondFactorRequired: false,
};

describe("the staff invitation e-mail", () => {
  it("names the system, the role, the link and how long it works, Thai first, in HTML and plain text", () => {
    const email = staffInvitationEmail(input);
    expect(email.subject).toBe("เชิญตั้งรหัสผ่านเพื่อเข้าใช้ระบบงานเจ้าหน้าที่ โปร่งใส / Set your password for the Prongsai staff workspace");
    expect(email.html).toContain(`href="${input.setPasswordUrl}"`);
    for (const part of [email.text, email.html]) {
      for (const words of ["โปร่งใส", "เจ้าหน้าที่ตรวจสอบ", "Investigator", "ภายใน 72 ชั่วโมง", "within 72 hours", input.forgotPasswordUrl, "“ลืมรหัสผ่าน”", "“forgot password”"]) {
        expect(part).toContain(words);
      }
    }
    expect(email.text.indexOf("ตั้งรหัสผ่านของท่าน")).toBeLessThan(email.text.indexOf("Set your password"));
  });

  it("is not the reset e-mail: nobody asked for it", () => {
    const email = staffInvitationEmail(input);
    expect(email.text).not.toContain("Someone asked");
    expect(email.text).not.toContain("มีผู้ขอ");
  });

  it("speaks of two-step verification only for a role that requires it", () => {
    expect(staffInvitationEmail(input).text).not.toMatch(/two-step|สองขั้นตอน/);
    const required = staffInvitationEmail({ ...input, roleLabel: { th: "ผู้บริหาร", en: "Executive" }, secondFactorRequired: true });
    expect(required.text).toContain("บทบาทนี้ต้องยืนยันตัวตนสองขั้นตอน");
    expect(required.text).toContain("This role needs two-step verification");
  });

  it("escapes what it is given and refuses a link that is not a web address", () => {
    expect(staffInvitationEmail({ ...input, agencyName: { th: "<b>", en: "<b>" } }).html).not.toContain("<b>");
    expect(() => staffInvitationEmail({ ...input, setPasswordUrl: "javascript:alert(1)" })).toThrow(/http/);
  });
});
