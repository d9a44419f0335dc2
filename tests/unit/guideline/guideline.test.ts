import { describe, expect, it } from "vitest";
import type { CaseChannel } from "../../../app/db.server";
import { countsBusinessDays, publicChannels, type AgencyContact, type GuidelineCategory } from "../../../app/guideline/guideline";

const noContact: AgencyContact = { phone: null, address: null, email: null };
const fullContact: AgencyContact = { phone: "02 123 4567", address: "99 ถนนแจ้งวัฒนะ", email: "complaints@agency.go.th" };

describe("the channels the guideline publishes", () => {
  it.each<[string, AgencyContact, CaseChannel[], Array<[string, string | null]>]>([
    ["none besides the website when nothing is set", noContact, [], []],
    ["never the website or the API themselves", noContact, ["web", "api"], []],
    [
      "each contact point set, the address serving visits and letters",
      fullContact,
      [],
      [
        ["phone", "02 123 4567"],
        ["walk_in", "99 ถนนแจ้งวัฒนะ"],
        ["letter", "99 ถนนแจ้งวัฒนะ"],
        ["email", "complaints@agency.go.th"],
      ],
    ],
    ["a channel an intake token files from, without a contact to give", noContact, ["line", "phone"], [["phone", null], ["line", null]]],
    ["a token's channel with its contact point when one is set", { ...noContact, email: "complaints@agency.go.th" }, ["email", "social"], [["email", "complaints@agency.go.th"], ["social", null]]],
  ])("%s", (_, contact, connected, expected) => {
    expect(publicChannels(contact, connected).map((channel) => [channel.channel, channel.contact])).toEqual(expected);
  });
});

function category(units: Array<"business_days" | "calendar_days" | "hours" | null>): GuidelineCategory {
  const [acknowledge, firstResponse, resolve] = units.map((unit) => (unit ? { amount: 3, unit } : null));
  return { code: "c", kind: "complaint", nameTh: "ก", nameEn: "c", teamCode: "t", clocks: { acknowledge: acknowledge ?? null, first_response: firstResponse ?? null, resolve: resolve ?? null } };
}

describe("whether the guideline explains business days", () => {
  it.each([
    [[], false],
    [[category(["calendar_days", "hours", null])], false],
    [[category([null, null, null]), category(["hours", null, "business_days"])], true],
  ] as const)("%#", (categories, expected) => {
    expect(countsBusinessDays(categories)).toBe(expected);
  });
});
