import type { Widen } from "./widen";
import type { staffWorkspaceTh } from "./staff-workspace.th";

export const staffWorkspaceEn = {
  title: "Staff workspace",
} as const satisfies Widen<typeof staffWorkspaceTh>;
