/** Staff pages (workspace), in Thai. */
export const staffWorkspaceTh = {
  title: "งานของเจ้าหน้าที่",
} as const;
