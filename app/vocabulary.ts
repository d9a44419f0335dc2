/**
 * The data model's vocabularies — kinds, channels, statuses, roles, clocks — as plain constants
 * that pages may use in the browser too. `~/db.server` is the door to the database and Remix keeps
 * it out of the client bundle, so a component that lists the roles or kinds imports them from here.
 */
export { caseKinds, caseChannels, caseStatuses, casePriorities, caseOutcomes, reporterRelations, staffRoles, slaClocks, slaUnits } from "../db/schema";
