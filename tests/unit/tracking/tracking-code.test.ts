import { describe, expect, it } from "vitest";
import { formatTrackingCode, generateTrackingCode, readTrackingCode, trackingAlphabet, trackingCodeLength } from "../../../app/tracking/tracking-code";

describe("tracking codes", () => {
  it("are 20 symbols of the readable alphabet, at least 80 bits of secret", () => {
    const code = generateTrackingCode();
    expect(code).toHaveLength(trackingCodeLength);
    expect([...code].every((symbol) => trackingAlphabet.includes(symbol))).toBe(true);
    expect((trackingCodeLength - 1) * Math.log2(trackingAlphabet.length)).toBeGreaterThanOrEqual(80);
    expect(trackingAlphabet).not.toMatch(/[ILOU]/);
  });

  it("never repeat across many draws", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => generateTrackingCode()));
    expect(codes.size).toBe(5000);
  });

  it("read back whatever way a person types them", () => {
    const code = generateTrackingCode();
    const formatted = formatTrackingCode(code);
    expect(formatted).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    for (const typed of [code, formatted, formatted.toLowerCase(), ` ${formatted.replace(/-/g, " ")} `, formatted.replace(/-/g, "–")]) {
      expect(readTrackingCode(typed)).toEqual({ code });
    }
  });

  it("forgive O for 0 and I or L for 1", () => {
    const code = generateTrackingCode((size) => new Uint8Array(size).fill(0));
    expect(code.startsWith("0000")).toBe(true);
    expect(readTrackingCode(code.replace(/0/g, "O"))).toEqual({ code });
    const ones = generateTrackingCode((size) => new Uint8Array(size).fill(1));
    expect(readTrackingCode(ones.slice(0, 10).replace(/1/g, "l") + ones.slice(10).replace(/1/g, "I"))).toEqual({ code: ones });
  });

  it("tell a typo (every single wrong symbol) apart from a malformed entry", () => {
    const code = generateTrackingCode();
    for (let position = 0; position < code.length; position += 1) {
      for (const symbol of trackingAlphabet) {
        if (symbol === code[position]) continue;
        const typo = code.slice(0, position) + symbol + code.slice(position + 1);
        expect(readTrackingCode(typo), `${position}:${symbol}`).toEqual({ problem: "mistyped" });
      }
    }
  });

  it("catch most swapped neighbours", () => {
    let caught = 0;
    let swaps = 0;
    for (let draw = 0; draw < 200; draw += 1) {
      const code = generateTrackingCode();
      for (let position = 0; position < code.length - 1; position += 1) {
        if (code[position] === code[position + 1]) continue;
        swaps += 1;
        const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        if ("problem" in readTrackingCode(swapped)) caught += 1;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it.each(["", "ABC", "K7QF3-MZD88-XRWN2-C5HJ", "K7QF3-MZD88-XRWN2-C5HJ77", "K7QF3-MZD88-XRWN2-C5HU7", "🙈".repeat(20), "'; drop table cases; --"])("call %j malformed", (typed) => {
    expect(readTrackingCode(typed)).toEqual({ problem: "malformed" });
  });
});
