/**
 * Staff sign in with their e-mail address, typed by hand on every sign-in. Stored and compared in
 * one form, so "Somchai@Agency.go.th " and "somchai@agency.go.th" are the same account and the
 * unique index on `staff_users.email` sees them as one.
 */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The part before the last "@", in its normal form; the whole address if there is no "@". */
export function localPartOf(email: string): string {
  const normalised = normaliseEmail(email);
  const at = normalised.lastIndexOf("@");
  return at === -1 ? normalised : normalised.slice(0, at);
}
