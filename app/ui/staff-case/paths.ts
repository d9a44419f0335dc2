/** `staffCasePath` of the service, which lives in a server-only module the page cannot import. */
export function casePath(caseId: string): string {
  return `/staff/cases/${encodeURIComponent(caseId)}`;
}
