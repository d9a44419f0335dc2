import { describe, expect, it } from "vitest";
import { commonPasswords } from "../../../app/auth/common-passwords";
import { checkPassword, normalisePassword, type PasswordProblem } from "../../../app/auth/password-rules";

const email = "somchai.k@agency.go.th";

describe("staff password rules", () => {
  it.each<[string, string, PasswordProblem | null]>([
    ["a passphrase of four words", "correct horse battery staple", null],
    ["twelve characters exactly", "tiger-lotus9", null],
    ["a Thai passphrase", "ช้างเผือกกินกล้วยหอม", null],
    ["eleven characters", "tiger-lotus", "too_short"],
    ["empty", "", "too_short"],
    ["128 characters", "ab1-".repeat(31) + "wxyz", null],
    ["129 characters", "ab1-".repeat(32) + "x", "too_long"],
    ["one character repeated", "aaaaaaaaaaaaaaaa", "too_repetitive"],
    ["two characters alternating", "121212121212", "too_repetitive"],
    ["a short word repeated", "abcabcabcabc", "too_repetitive"],
    ["a common password", "password1234", "too_common"],
    ["a common password in capitals", "PASSWORD1234", "too_common"],
    ["a keyboard walk", "1qaz2wsx3edc", "too_common"],
    ["a Thai place and a B.E. year", "Thailand2569", "too_common"],
    ["the demo password", "prongsai-demo-2569", "too_common"],
    ["the whole local part of the address", "my-somchai.k-secret", "contains_email"],
    ["one word of the local part, in capitals", "SOMCHAI loves durian", "contains_email"],
  ])("%s → %s", (_description, password, problem) => {
    expect(checkPassword(password, { email })).toBe(problem);
  });

  it("counts characters, not UTF-16 units, so Thai and emoji are not penalised or favoured", () => {
    // 11 characters but 12 UTF-16 units: still too short.
    expect(checkPassword("🐘🐘bcdefghij", { email })).toBe("too_short");
    expect(checkPassword("🐘🐘bcdefghijk", { email })).toBeNull();
  });

  it("ignores pieces of the address too short to mean anything", () => {
    expect(checkPassword("kit and caboodle", { email: "k@agency.go.th" })).toBeNull();
    expect(checkPassword("an ox in the stable", { email: "ox.an@agency.go.th" })).toBeNull();
  });

  it("puts Thai marks typed in either order into one form", () => {
    const uThenTone = "\u0e01\u0e38\u0e48";
    const toneThenU = "\u0e01\u0e48\u0e38";
    expect(uThenTone).not.toBe(toneThenU);
    expect(normalisePassword(uThenTone)).toBe(normalisePassword(toneThenU));
  });

  it("ships a list of a few hundred common passwords, in lower case and without duplicates", () => {
    expect(commonPasswords.length).toBeGreaterThanOrEqual(200);
    expect(new Set(commonPasswords).size).toBe(commonPasswords.length);
    for (const password of commonPasswords) expect(password).toBe(password.toLowerCase());
  });
});
