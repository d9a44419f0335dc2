import { describe, expect, it } from "vitest";
import { fallbackMessageIdDomain, outboxMessageId } from "../../../app/notify/message-id";

const rowId = "0b5f0c1e-7d3a-4f7e-9a51-3c2d8e6f4a10";

describe("outboxMessageId: <row id @ the sender's domain>, the same for every attempt", () => {
  it.each([
    ["Prongsai <no-reply@localhost>", "localhost"],
    ["no-reply@prongsai.go.th", "prongsai.go.th"],
    ["  no-reply@prongsai.go.th  ", "prongsai.go.th"],
    ["ศูนย์รับเรื่อง <no-reply@Prongsai.GO.th>", "prongsai.go.th"],
    ['"Desk @ head office" <desk@agency.go.th>', "agency.go.th"],
    ["Prongsai <no-reply@agency.go.th.>", "agency.go.th"],
    ["Prongsai <no-reply@ตัวอย่าง.ไทย>", "xn--72c1a1bt4awk9o.xn--o3cw4h"],
  ])("from %s → domain %s", (from, domain) => {
    expect(outboxMessageId(rowId, from)).toBe(`<${rowId}@${domain}>`);
  });

  it.each([
    ["Prongsai <no-reply>", "an address without a domain"],
    ["no-reply", "a bare local part"],
    ["Prongsai <no-reply@[127.0.0.1]>", "an address literal"],
    ["Prongsai <no-reply@bad domain>", "a domain with a space"],
    ["Prongsai <no-reply@>", "an empty domain"],
  ])("from %s (%s) → the fallback domain", (from) => {
    expect(outboxMessageId(rowId, from)).toBe(`<${rowId}@${fallbackMessageIdDomain}>`);
  });

  it("depends on the row only, so a second delivery of a row is the same message", () => {
    const from = "Prongsai <no-reply@prongsai.go.th>";
    expect(outboxMessageId(rowId, from)).toBe(outboxMessageId(rowId, from));
    expect(outboxMessageId(rowId, from)).not.toBe(outboxMessageId("another-row", from));
  });
});
