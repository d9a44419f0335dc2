import { commonPasswords } from "./common-passwords";
import { localPartOf } from "./email-address";

/**
 * What a staff password must be (ARCHITECTURE §7), following NIST SP 800-63B: long rather than
 * "complex", not a known-common one, not built from the account's own name — and no rule about
 * digits or symbols, which only teaches people to write "Password1!".
 */

export const passwordMinimumLength = 12;
/** Long enough for any passphrase; the bound keeps a request from handing argon2 a megabyte. */
export const passwordMaximumLength = 128;
/** "121212121212" and "abcabcabcabc" are long and worthless. */
const minimumDistinctCharacters = 5;
/** Shorter pieces of an address ("ae", "kit") occur in too many honest passwords to refuse them. */
const minimumEmailPartLength = 3;

export type PasswordProblem = "too_short" | "too_long" | "too_repetitive" | "too_common" | "contains_email";

const commonPasswordSet: ReadonlySet<string> = new Set(commonPasswords.map((password) => password.normalize("NFC").toLowerCase()));

/**
 * The form a password is checked, hashed and verified in. Thai vowels and tone marks can be typed in
 * either order and look the same ("กุ่" is ุ then ่, or ่ then ุ); NFC puts them in one order, so a
 * password typed on another keyboard or phone still matches.
 */
export function normalisePassword(password: string): string {
  return password.normalize("NFC");
}

/** Length as a person counts it: in characters (code points), not UTF-16 units. */
function characterCount(text: string): number {
  return [...text].length;
}

/** The pieces of the address's local part worth refusing: the whole of it and its words ("somchai.k" → somchai.k, somchai). */
function emailPieces(email: string): string[] {
  const localPart = localPartOf(email);
  const pieces = [localPart, ...localPart.split(/[._+-]+/)];
  return [...new Set(pieces)].filter((piece) => characterCount(piece) >= minimumEmailPartLength);
}

/** Null when the password is acceptable for the account with this e-mail address; otherwise why not. */
export function checkPassword(password: string, account: { email: string }): PasswordProblem | null {
  const normalised = normalisePassword(password);
  const length = characterCount(normalised);
  if (length < passwordMinimumLength) return "too_short";
  if (length > passwordMaximumLength) return "too_long";
  const lowerCase = normalised.toLowerCase();
  if (new Set(lowerCase).size < minimumDistinctCharacters) return "too_repetitive";
  if (commonPasswordSet.has(lowerCase)) return "too_common";
  if (emailPieces(account.email).some((piece) => lowerCase.includes(piece))) return "contains_email";
  return null;
}
