import type { Widen } from "./widen";
import type { staffFilingTh } from "./staff-filing.th";

/** Staff pages: filing a case on someone's behalf (phone, walk-in, letter…), in English. */
export const staffFilingEn = {} satisfies Widen<typeof staffFilingTh>;
