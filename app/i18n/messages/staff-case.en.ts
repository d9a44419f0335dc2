import type { Widen } from "./widen";
import type { staffCaseTh } from "./staff-case.th";

export const staffCaseEn = {
  title: "Case {reference}",
} as const satisfies Widen<typeof staffCaseTh>;
