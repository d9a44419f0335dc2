import { describe, expect, it } from "vitest";
import { accountSecurityNoticeEmail } from "../../../emails/account-security-notice";
import { passwordResetEmail } from "../../../emails/password-reset";

const resetUrl = "https://prongsai.example.go.th/staff/reset-password?token=abc_DEF-123";

describe("the password reset e-mail", () => {
  it("carries the link in Thai and English, in HTML and plain text, and says how long it works", () => {
    const email = passwordResetEmail({ resetUrl, validMinutes: 30 });
    expect(email.subject).toBe("ตั้งรหัสผ่านใหม่สำหรับระบบรับเรื่องร้องเรียน / Set a new password for the complaints system");
    expect(email.text).toContain(resetUrl);
    expect(email.html).toContain(`href="${resetUrl}"`);
    for (const part of [email.text, email.html]) {
      expect(part).toContain("ภายใน 30 นาที");
      expect(part).toContain("within 30 minutes");
    }
    expect(email.text.indexOf("ตั้งรหัสผ่านใหม่")).toBeLessThan(email.text.indexOf("Set a new password"));
  });

  it("refuses a link that is not a web address", () => {
    expect(() => passwordResetEmail({ resetUrl: "javascript:alert(1)", validMinutes: 30 })).toThrow(/http/);
  });
});

describe("the account security notice", () => {
  it.each(["password_changed", "totp_enrolled", "totp_reset"] as const)("%s tells the owner in both languages to report a change they did not make", (change) => {
    const email = accountSecurityNoticeEmail(change);
    expect(email.text).toContain("โปรดแจ้งผู้ดูแลระบบทันที");
    expect(email.text).toContain("tell your administrator at once");
    expect(email.html).not.toContain("href=");
  });
});
