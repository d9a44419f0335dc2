/** Staff pages: the audit log pages of the auditor, in Thai. */
export const staffAuditTh = {} as const;
