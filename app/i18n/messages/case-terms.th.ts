/** Names of the case vocabulary (kinds, statuses, clocks, channels) shared by every page, in Thai. */
export const caseTermsTh = {
  kinds: {
    corruption_tip: "แจ้งเบาะแสการทุจริต",
    complaint: "ร้องเรียน",
    question: "สอบถาม",
    suggestion: "ข้อเสนอแนะ",
    compliment: "ชมเชย",
  },
  statuses: {
    new: "รับเรื่องแล้ว รอการตรวจสอบ",
    acknowledged: "เจ้าหน้าที่รับทราบเรื่องแล้ว",
    in_progress: "อยู่ระหว่างดำเนินการ",
    awaiting_reporter: "รอข้อมูลเพิ่มเติมจากท่าน",
    resolved: "ดำเนินการแล้วเสร็จ",
    closed: "ปิดเรื่องแล้ว",
    rejected: "ไม่รับพิจารณา",
    referred: "ส่งต่อหน่วยงานที่เกี่ยวข้อง",
    merged: "รวมกับเรื่องอื่นที่มีเนื้อหาเดียวกัน",
    reopened: "เปิดเรื่องพิจารณาใหม่",
  },
  clocks: {
    acknowledge: "แจ้งรับเรื่อง",
    first_response: "ตอบกลับครั้งแรก",
    resolve: "ดำเนินการแล้วเสร็จ",
  },
  channels: {
    web: "เว็บไซต์",
    api: "ระบบเชื่อมต่อ",
    phone: "โทรศัพท์",
    walk_in: "ติดต่อด้วยตนเอง",
    letter: "หนังสือ/จดหมาย",
    email: "อีเมล",
    line: "ไลน์ (LINE)",
    social: "สื่อสังคมออนไลน์",
  },
  reporterRelations: {
    staff: "เป็นบุคลากรของหน่วยงาน",
    outside: "เป็นบุคคลภายนอก",
    unknown: "ไม่ประสงค์จะระบุ",
  },
} as const;
