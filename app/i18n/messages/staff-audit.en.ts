import type { Widen } from "./widen";
import type { staffAuditTh } from "./staff-audit.th";

/** Staff pages: the audit log pages of the auditor, in English. */
export const staffAuditEn = {} satisfies Widen<typeof staffAuditTh>;
