/** The staff case page, in Thai. */
export const staffCaseTh = {
  title: "เรื่อง {reference}",
} as const;
