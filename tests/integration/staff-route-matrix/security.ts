import type { LoaderFunctionArgs } from "@remix-run/node";
import * as attachmentRoute from "../../../app/routes/staff.cases.$caseId.attachments.$attachmentId";
import type { MatrixFixture, MatrixRow, Visitor } from "../../support/staff-route-matrix";

/*
 * Issue 7, path traversal and IDOR on downloads. An attachment id is only a database key, looked up
 * together with its case (the file's place on disk is a key the server made), so no id reaches a
 * file outside the case: the case check answers first (403), then an id that is not this case's
 * is a 404 — never a file.
 */

const hostileAttachmentIds = [
  "../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
  "....//....//etc/passwd",
  "..\\..\\windows\\win.ini",
  "/etc/passwd",
  "attachments/../../prongsai.db",
  "x\u0000.pdf",
  "' OR '1'='1",
];

function download(visitor: Visitor, fixture: MatrixFixture, caseId: string, attachmentId: string) {
  return attachmentRoute.loader({
    request: fixture.request(visitor, `/staff/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}`),
    context: fixture.context(),
    params: { caseId, attachmentId },
  } as LoaderFunctionArgs);
}

const onTip = { signed_out: "login", intake_officer: 403, investigator: 404, recused_investigator: 403, supervisor: 404, executive: 403, audit_committee: 403, auditor: 403, admin: 403 } as const;

export const rows: MatrixRow[] = [
  ...hostileAttachmentIds.map(
    (attachmentId): MatrixRow => ({
      name: `GET tip attachment ${JSON.stringify(attachmentId)}`,
      expected: onTip,
      run: (visitor, fixture) => download(visitor, fixture, fixture.tip.caseId, attachmentId),
    }),
  ),
  {
    name: "GET the tip's attachment under the complaint's id",
    // Nobody may download from the complaint through this id: the case check refuses first.
    expected: { signed_out: "login", intake_officer: 403, investigator: 403, recused_investigator: 403, supervisor: 403, executive: 403, audit_committee: 403, auditor: 403, admin: 403 },
    run: (visitor, fixture) => download(visitor, fixture, fixture.complaintId, fixture.tip.attachmentId),
  },
  {
    name: "GET the tip's attachment under a traversing case id",
    expected: { signed_out: "login", intake_officer: 404, investigator: 404, recused_investigator: 404, supervisor: 404, executive: 404, audit_committee: 404, auditor: 404, admin: 404 },
    run: (visitor, fixture) => download(visitor, fixture, `${fixture.tip.caseId}/../${fixture.complaintId}`, fixture.tip.attachmentId),
  },
  {
    name: "GET the tip's attachment under a case id with a NUL",
    expected: { signed_out: "login", intake_officer: 404, investigator: 404, recused_investigator: 404, supervisor: 404, executive: 404, audit_committee: 404, auditor: 404, admin: 404 },
    run: (visitor, fixture) => download(visitor, fixture, `${fixture.tip.caseId}\u0000`, fixture.tip.attachmentId),
  },
];
