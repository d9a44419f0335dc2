/**
 * A link to the tracking page must lead to the page that asks for the code, never carry it: a query
 * or fragment is where a code would ride along, so none is accepted.
 */
export function trackingPageUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.search || parsed.hash) throw new Error("The tracking link in an e-mail must not carry a query or fragment");
  return url;
}
