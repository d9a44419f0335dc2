import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../../app/config.server";

describe("the agency's contact settings (published on /guideline)", () => {
  it("are absent unless set", () => {
    expect(parseConfig({}).agencyContact).toEqual({ phone: null, address: null, email: null });
  });

  it("are read trimmed when set", () => {
    const config = parseConfig({ AGENCY_PHONE: " 02 123 4567 ", AGENCY_ADDRESS: "99 ถนนแจ้งวัฒนะ กรุงเทพฯ 10210", AGENCY_EMAIL: "complaints@agency.go.th" });
    expect(config.agencyContact).toEqual({ phone: "02 123 4567", address: "99 ถนนแจ้งวัฒนะ กรุงเทพฯ 10210", email: "complaints@agency.go.th" });
  });

  it.each([
    [{ AGENCY_EMAIL: "not an address" }, "AGENCY_EMAIL"],
    [{ AGENCY_PHONE: "1" }, "AGENCY_PHONE"],
    [{ AGENCY_ADDRESS: "x" }, "AGENCY_ADDRESS"],
  ])("refuses %o, naming the setting", (environment, setting) => {
    expect(() => parseConfig(environment)).toThrow(ConfigError);
    expect(() => parseConfig(environment)).toThrow(new RegExp(`${setting}: must`));
  });
});
