import type { Widen } from "./widen";
import type { staffAdminTh } from "./staff-admin.th";

/** Staff pages: the admin pages (users, teams, categories and SLA policies, holidays, intake-API tokens, webhooks), in English. */
export const staffAdminEn = {} satisfies Widen<typeof staffAdminTh>;
