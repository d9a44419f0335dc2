import { describe, expect, it } from "vitest";
import { unguessablePasswordFor } from "../../../app/admin/staff-accounts.server";
import { checkPassword } from "../../../app/auth/password-rules";

describe("the random password an invited account starts with", () => {
  it("is drawn again when a draw holds the address's local part, which the password rules refuse", () => {
    const draws = ["Xy3nok9Qw-7pLm2Zr8Tb5Vc1Hd6Jf4Kg0Ns3Ue_Aa9", "Xy3p0q9Qw-7pLm2Zr8Tb5Vc1Hd6Jf4Kg0Ns3Ue_Aa9"];
    expect(checkPassword(draws[0]!, { email: "nok@agency.go.th" })).not.toBeNull();
    let calls = 0;
    expect(unguessablePasswordFor("nok@agency.go.th", () => draws[calls++]!)).toBe(draws[1]);
    expect(calls).toBe(2);
  });

  it("is 43 random characters that meet the rules", () => {
    const password = unguessablePasswordFor("somchai.k@agency.go.th");
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(checkPassword(password, { email: "somchai.k@agency.go.th" })).toBeNull();
  });
});
