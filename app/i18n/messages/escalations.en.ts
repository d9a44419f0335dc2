import type { Widen } from "./widen";
import type { escalationsTh } from "./escalations.th";

/** Staff pages: the escalation inbox of executives and its decisions, in English. */
export const escalationsEn = {} satisfies Widen<typeof escalationsTh>;
