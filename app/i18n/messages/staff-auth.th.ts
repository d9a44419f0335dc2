/** Staff pages (auth), in Thai. */
export const staffAuthTh = {
  title: "เข้าสู่ระบบเจ้าหน้าที่",
} as const;
