/**
 * An id taken from a page's address. Ids are short printable text (UUIDs, mostly); anything else —
 * missing, very long, or holding control characters such as NUL, which PostgreSQL refuses outright —
 * names nothing, so the page answers 404 rather than letting the database fail with a 500.
 * Call it after the sign-in and permission checks, so a signed-out visitor is still sent to sign in.
 */
const plausibleId = /^[^\u0000-\u001f\u007f]{1,100}$/u;

export function routeId(value: string | undefined): string {
  if (value === undefined || !plausibleId.test(value)) throw new Response(null, { status: 404 });
  return value;
}
