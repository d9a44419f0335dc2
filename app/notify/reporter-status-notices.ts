import type { CaseStatus } from "../db.server";

/**
 * Which changes of status a named complainant hears about by e-mail: the case was taken up, and the
 * case came to an end. Not every step in between — waiting for them and answering them already
 * send "there is a new message", and a reply of theirs that resumes the work is their own doing.
 * Closing follows a resolution they were already told about; reopening is an internal second look
 * they see on /track.
 */
const endings: readonly CaseStatus[] = ["resolved", "rejected", "referred", "merged"];

export function reporterHearsOfStatusChange(from: CaseStatus, to: CaseStatus): boolean {
  if (from === to) return false;
  if (to === "acknowledged") return true;
  // Starting work on a new case takes it up as surely as acknowledging it does.
  if (from === "new" && to === "in_progress") return true;
  return endings.includes(to);
}
