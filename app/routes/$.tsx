/**
 * Any URL no other route matches. Without this route Remix renders its 404 without running the root
 * loader, so the page would ignore the reader's chosen language.
 */
export function loader() {
  throw new Response(null, { status: 404 });
}

export default function NotFound() {
  return null;
}
