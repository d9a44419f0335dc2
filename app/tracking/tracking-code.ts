import { randomBytes } from "node:crypto";

/**
 * Tracking codes (ARCHITECTURE §5): 19 random symbols of Crockford's base-32 alphabet (95 bits,
 * above the 80 required) and one check symbol, shown as four groups of five: `K7QF3-MZD88-XRWN2-C5HJ7`.
 * The alphabet has no I, L, O or U, so what a person reads aloud or copies by hand survives;
 * reading forgives the usual confusions (O→0, I/L→1, lower case, spaces, dashes). The check symbol
 * (Luhn mod 32) catches every single wrong symbol and most swapped neighbours, so a typo gets its own
 * message without the server ever saying whether a code exists.
 */

export const trackingAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const secretLength = 19;
const groupLength = 5;
export const trackingCodeLength = secretLength + 1;

function checkSymbol(symbols: string): string {
  const base = trackingAlphabet.length;
  let sum = 0;
  let double = true;
  for (let index = symbols.length - 1; index >= 0; index -= 1) {
    let value = trackingAlphabet.indexOf(symbols[index]!);
    if (double) {
      value *= 2;
      value = Math.floor(value / base) + (value % base);
    }
    sum += value;
    double = !double;
  }
  return trackingAlphabet[(base - (sum % base)) % base]!;
}

export function generateTrackingCode(random: (size: number) => Uint8Array = randomBytes): string {
  // 256 is a multiple of 32, so `byte % 32` is uniform: no bias from the reduction.
  const symbols = Array.from(random(secretLength), (byte) => trackingAlphabet[byte % trackingAlphabet.length]).join("");
  return symbols + checkSymbol(symbols);
}

export function formatTrackingCode(code: string): string {
  return code.match(new RegExp(`.{1,${groupLength}}`, "g"))?.join("-") ?? code;
}

export type TrackingCodeReading = { code: string } | { problem: "malformed" | "mistyped" };

export function readTrackingCode(input: string): TrackingCodeReading {
  const normalized = input
    .toUpperCase()
    .replace(/[\s\-–—_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (normalized.length !== trackingCodeLength || [...normalized].some((symbol) => !trackingAlphabet.includes(symbol))) {
    return { problem: "malformed" };
  }
  const symbols = normalized.slice(0, secretLength);
  return checkSymbol(symbols) === normalized[secretLength] ? { code: normalized } : { problem: "mistyped" };
}
