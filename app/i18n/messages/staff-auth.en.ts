import type { Widen } from "./widen";
import type { staffAuthTh } from "./staff-auth.th";

export const staffAuthEn = {
  title: "Staff sign-in",
} as const satisfies Widen<typeof staffAuthTh>;
