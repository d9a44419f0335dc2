/**
 * Reads a six-digit code as a person types it: spaces and dashes copied from the app are ignored,
 * and Thai digits (๐–๙, which a Thai keyboard types) count as the digits they are.
 * Null when what remains is not six digits.
 */
export function readTotpCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "").replace(/[๐-๙]/g, (thaiDigit) => String(thaiDigit.charCodeAt(0) - 0x0e50));
  return /^\d{6}$/.test(digits) ? digits : null;
}
