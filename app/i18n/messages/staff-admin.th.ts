/** Staff pages: the admin pages (users, teams, categories and SLA policies, holidays, intake-API tokens, webhooks), in Thai. */
export const staffAdminTh = {} as const;
