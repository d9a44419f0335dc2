/**
 * The Thai dictionary: the source of truth for every message key. Other languages must have
 * exactly these keys (`Messages`), so a key added here fails the type check until it is translated.
 *
 * Keys are camelCase words grouped by where they appear (a page, a part of the layout), read as a
 * dotted path: `home.corruption.heading`. Placeholders are `{camelCaseName}`.
 */
import { caseTermsTh } from "./case-terms.th";
import { escalationsTh } from "./escalations.th";
import { guidelineTh } from "./guideline.th";
import { statisticsTh } from "./statistics.th";
import { reportsTh } from "./reports.th";
import { staffAdminTh } from "./staff-admin.th";
import { staffWebhooksTh } from "./staff-webhooks.th";
import { staffAuditTh } from "./staff-audit.th";
import { staffFilingTh } from "./staff-filing.th";
import { staffAuthTh } from "./staff-auth.th";
import { staffCaseTh } from "./staff-case.th";
import { staffWorkspaceTh } from "./staff-workspace.th";
import { intakeTh } from "./intake.th";
import { trackingTh } from "./tracking.th";
import { validationTh } from "./validation.th";
import type { Widen } from "./widen";

export const th = {
  ...caseTermsTh,
  ...intakeTh,
  tracking: trackingTh,
  validation: validationTh,
  staffAuth: staffAuthTh,
  staffWorkspace: staffWorkspaceTh,
  staffCase: staffCaseTh,
  staffAdmin: staffAdminTh,
  staffWebhooks: staffWebhooksTh,
  staffAudit: staffAuditTh,
  staffFiling: staffFilingTh,
  escalations: escalationsTh,
  guideline: guidelineTh,
  statistics: statisticsTh,
  reports: reportsTh,
  app: {
    name: "โปร่งใส",
    subtitle: "ช่องทางร้องเรียนและแจ้งเบาะแสการทุจริต",
    pageTitle: "{page} | โปร่งใส",
    description:
      "แจ้งเบาะแสการทุจริตโดยไม่ต้องเปิดเผยตัวตน ร้องเรียน สอบถาม เสนอแนะ หรือชมเชยการให้บริการ และติดตามความคืบหน้าของเรื่องได้ทางออนไลน์",
  },
  skipLink: {
    label: "ข้ามไปยังเนื้อหาหลัก",
  },
  navigation: {
    label: "เมนูหลัก",
    home: "หน้าแรก",
    report: "แจ้งเบาะแสการทุจริต",
    contact: "ร้องเรียนและสอบถาม",
    track: "ติดตามเรื่อง",
  },
  language: {
    switchLabel: "เปลี่ยนภาษาเป็น",
    otherLanguageName: "English",
  },
  footer: {
    privacyHeading: "ความเป็นส่วนตัวของท่าน",
    privacyNote:
      "ระบบนี้ไม่บันทึกหมายเลขไอพี (IP address) หรือข้อมูลอุปกรณ์ของผู้ใช้งาน ไม่ใช้คุกกี้เพื่อติดตามตัวตน และไม่เรียกใช้บริการของบุคคลภายนอก คุกกี้ที่ใช้มีเพียงเท่าที่จำเป็นต่อการทำงาน เช่น การจดจำภาษาที่ท่านเลือก",
    encryptionNote: "ข้อมูลที่ท่านแจ้งจะถูกเข้ารหัส และเข้าถึงได้เฉพาะเจ้าหน้าที่ผู้ได้รับมอบหมายเท่านั้น",
    linksLabel: "ข้อมูลเพิ่มเติม",
    statistics: "สถิติเรื่องร้องเรียนและการแจ้งเบาะแส",
    guideline: "คู่มือและขั้นตอนการจัดการเรื่องร้องเรียน",
  },
  home: {
    title: "ช่องทางร้องเรียนและแจ้งเบาะแสการทุจริต",
    heading: "ร้องเรียน แจ้งเบาะแส และติดตามเรื่องออนไลน์",
    introduction:
      "กรุณาเลือกช่องทางที่ตรงกับเรื่องของท่าน หน่วยงานจะรับเรื่อง ดำเนินการ และแจ้งผลให้ท่านทราบผ่านระบบนี้",
    corruption: {
      heading: "แจ้งเบาะแสการทุจริต",
      description:
        "หากท่านพบเห็นการทุจริต การเรียกรับสินบน หรือการประพฤติมิชอบของเจ้าหน้าที่ กรุณาแจ้งผ่านช่องทางนี้ ซึ่งแยกจากช่องทางร้องเรียนทั่วไปเพื่อคุ้มครองผู้แจ้ง",
      anonymity: "ไม่ต้องระบุชื่อหรือข้อมูลติดต่อ",
      confidentiality: "ข้อมูลและหลักฐานทั้งหมดถูกเข้ารหัส และเข้าถึงได้เฉพาะผู้ตรวจสอบที่ได้รับมอบหมาย",
      followUp: "แนบหลักฐานและติดตามความคืบหน้าได้ด้วยรหัสติดตามเรื่องที่ได้รับ",
      protection: "ผู้แจ้งเบาะแสโดยสุจริตได้รับความคุ้มครองตามกฎหมาย",
      action: "แจ้งเบาะแสการทุจริต",
    },
    general: {
      heading: "ร้องเรียน สอบถาม เสนอแนะ และชมเชย",
      description:
        "สำหรับเรื่องทั่วไปเกี่ยวกับการให้บริการของหน่วยงาน เมื่อส่งเรื่องแล้ว ท่านจะได้รับรหัสสำหรับติดตามเรื่อง",
    },
    channels: {
      complaint: {
        title: "ร้องเรียน",
        description: "แจ้งปัญหาหรือความไม่พึงพอใจต่อการให้บริการหรือการปฏิบัติงานของหน่วยงาน",
        action: "ยื่นเรื่องร้องเรียน",
      },
      question: {
        title: "สอบถาม",
        description: "สอบถามข้อมูลหรือขั้นตอนการให้บริการ เจ้าหน้าที่จะตอบกลับผ่านระบบนี้",
        action: "ส่งคำถาม",
      },
      suggestion: {
        title: "เสนอแนะ",
        description: "เสนอความคิดเห็นหรือแนวทางเพื่อปรับปรุงการให้บริการของหน่วยงาน",
        action: "ส่งข้อเสนอแนะ",
      },
      compliment: {
        title: "ชมเชย",
        description: "ชมเชยเจ้าหน้าที่หรือการให้บริการที่ท่านประทับใจ",
        action: "ส่งคำชมเชย",
      },
    },
    track: {
      heading: "ติดตามเรื่อง",
      description:
        "ตรวจสอบสถานะ อ่านคำตอบจากเจ้าหน้าที่ และส่งข้อมูลเพิ่มเติม ด้วยรหัสติดตามเรื่องที่ท่านได้รับเมื่อส่งเรื่อง",
      action: "ติดตามเรื่องของท่าน",
    },
    serviceTime: {
      text: "หน่วยงานจะตอบกลับภายในระยะเวลาที่ประกาศไว้สำหรับเรื่องแต่ละประเภท",
      link: "ดูขั้นตอนและระยะเวลาการดำเนินการ",
    },
  },
  errors: {
    notFound: {
      title: "ไม่พบหน้าที่ท่านต้องการ",
      description: "หน้านี้อาจถูกย้ายหรือไม่มีอยู่ กรุณาตรวจสอบที่อยู่เว็บไซต์อีกครั้ง หรือกลับไปยังหน้าแรก",
    },
    forbidden: {
      title: "ท่านไม่มีสิทธิ์เข้าถึงหน้านี้",
      description: "หากท่านเห็นว่าควรมีสิทธิ์เข้าถึง กรุณาติดต่อผู้ดูแลระบบของหน่วยงาน",
    },
    badRequest: {
      title: "ไม่สามารถดำเนินการตามคำขอได้",
      description: "คำขอไม่ถูกต้องหรือไม่ครบถ้วน กรุณากลับไปยังหน้าก่อนหน้าแล้วลองใหม่อีกครั้ง",
    },
    server: {
      title: "ระบบขัดข้องชั่วคราว",
      description: "ขออภัยในความไม่สะดวก ระบบไม่สามารถดำเนินการได้ในขณะนี้ กรุณาลองใหม่อีกครั้งในภายหลัง",
    },
    statusCode: "รหัสข้อผิดพลาด {status}",
    homeLink: "กลับไปหน้าแรก",
  },
  formats: {
    date: "{day} {month} {year}",
    dateTime: "{date} เวลา {time} น.",
    monthYear: "{month} {year}",
  },
} as const;


/** The shape every dictionary has: the Thai keys, each leaf any string. */
export type Messages = Widen<typeof th>;
