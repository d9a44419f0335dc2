import { describe, expect, it } from "vitest";
import { localPartOf, normaliseEmail } from "../../../app/auth/email-address";
import { pendingSecondFactor, totpRequiredFor } from "../../../app/auth/second-factor";
import { readTotpCode } from "../../../app/auth/totp-code";
import { staffRoles, type StaffRole } from "../../../app/db.server";

describe("e-mail addresses", () => {
  it.each([
    ["  Somchai.K@Agency.GO.TH ", "somchai.k@agency.go.th", "somchai.k"],
    ["odd@local@agency.go.th", "odd@local@agency.go.th", "odd@local"],
    ["no-at-sign", "no-at-sign", "no-at-sign"],
  ])("%s → %s, local part %s", (typed, normal, localPart) => {
    expect(normaliseEmail(typed)).toBe(normal);
    expect(localPartOf(typed)).toBe(localPart);
  });
});

describe("the second factor", () => {
  it("is required of executives, admins and the audit committee only", () => {
    expect(staffRoles.filter(totpRequiredFor)).toEqual(["executive", "admin", "audit_committee"]);
  });

  it.each<[StaffRole, boolean, boolean, ReturnType<typeof pendingSecondFactor>]>([
    ["investigator", false, false, null],
    ["investigator", true, false, "verify"],
    ["investigator", true, true, null],
    ["executive", false, false, "enrol"],
    ["executive", true, false, "verify"],
    ["executive", true, true, null],
    ["admin", false, false, "enrol"],
    ["audit_committee", false, false, "enrol"],
    ["auditor", false, false, null],
  ])("%s with an authenticator %s, verified %s → %s", (role, totpEnabled, mfaVerified, pending) => {
    expect(pendingSecondFactor({ role, totpEnabled }, mfaVerified)).toBe(pending);
  });
});

describe("reading a typed code", () => {
  it.each([
    ["123456", "123456"],
    [" 123 456 ", "123456"],
    ["123-456", "123456"],
    ["๑๒๓๔๕๖", "123456"],
    ["12345", null],
    ["1234567", null],
    ["12345a", null],
    ["", null],
  ])("%j → %j", (typed, code) => {
    expect(readTotpCode(typed)).toBe(code);
  });
});
