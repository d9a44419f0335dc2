/**
 * An id taken from a page's address. Ids are short printable text (UUIDs, mostly); anything else —
 * missing, very long, or holding control characters such as NUL, which PostgreSQL refuses outright —
 * names nothing, so the page answers 404 rather than letting the database fail with a 500.
 * Call it after the sign-in and permission checks, so a signed-out visitor is still sent to sign in.
 */
const maximumLength = 100;

/** A control character (NUL included): no id, reference or cursor of this app holds one. */
export function hasControlCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function routeId(value: string | undefined): string {
  if (value === undefined || value.length === 0 || value.length > maximumLength || hasControlCharacter(value)) throw new Response(null, { status: 404 });
  return value;
}
